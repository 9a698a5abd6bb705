package fn

import (
	"fmt"
	"reflect"

	"github.com/wfsim/wfsim/converter"
)

var encodedValuesType = reflect.TypeFor[converter.EncodedValues]()

// ValidateDynamic returns why t cannot be a dynamic workflow (first is
// workflow.Context) or dynamic activity (first is context.Context)
// function, or nil. A dynamic function takes exactly two parameters, the
// second a converter.EncodedValues holding every argument, and returns
// error or (result, error). The texts of the checks Temporal's registry
// makes are Temporal's.
func ValidateDynamic(t, first reflect.Type) error {
	if t == nil || t.Kind() != reflect.Func {
		return fmt.Errorf("expected a func as input but was %v", t)
	}
	if t.NumIn() != 2 {
		return fmt.Errorf("expected function to have two arguments, first being workflow.Context and second being an EncodedValues type, found %d arguments", t.NumIn())
	}
	if t.In(0) != first {
		return fmt.Errorf("expected first argument to be %v but found %v", first, t.In(0))
	}
	if t.In(1) != encodedValuesType {
		return fmt.Errorf("expected function to EncodedValues as second argument, got %v", t.In(1))
	}
	return validateResults(t)
}

// CheckDynamic panics unless f can be a dynamic function of the given kind
// ("workflow" or "activity") whose first parameter is of type first.
func CheckDynamic(pkg, kind string, f any, first reflect.Type) {
	t := funcType(pkg, "dynamic "+kind, f)
	if err := ValidateDynamic(t, first); err != nil {
		panic(fmt.Sprintf("%s: dynamic %s function %s: %v", pkg, kind, Name(f), err))
	}
}
