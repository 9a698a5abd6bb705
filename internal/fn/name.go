package fn

import (
	"reflect"
	"runtime"
	"strings"
)

// Name returns the name Temporal gives a workflow or activity: a string is
// a name already and is returned as is; for a function it is the last
// dot-separated part of its runtime name, without the "-fm" suffix the
// compiler adds to method values ("Charge" for pkg.Charge, for
// (*Activities).Charge and for a.Charge). Anything else gives "".
//
// A generic function instance is named after the function ("Map" for
// pkg.Map[int]), where Temporal's rule, which splits at the dots of the
// runtime's "Map[...]", would give "]".
func Name(f any) string {
	if s, ok := f.(string); ok {
		return s
	}
	v := reflect.ValueOf(f)
	if v.Kind() != reflect.Func || v.IsNil() {
		return ""
	}
	rf := runtime.FuncForPC(v.Pointer())
	if rf == nil {
		return ""
	}
	full := strings.TrimSuffix(rf.Name(), "[...]")
	return strings.TrimSuffix(full[strings.LastIndexByte(full, '.')+1:], "-fm")
}
