package workflow

import (
	"reflect"

	"github.com/wfsim/wfsim/internal/fn"
)

// funcNames remembers the names of the last few functions a run named
// (activities, children), by code pointer: fn.Name reads the runtime's
// symbol table each time, and a run mostly calls the same few functions
// over and over. The entries live in the run's allocation; fn.Name's answer
// depends on the code pointer alone, so a remembered name is the same one.
type funcNames struct {
	pcs   [funcNamesKept]uintptr
	names [funcNamesKept]string
	next  int // the entry to replace on the next miss
}

// funcNamesKept is how many names a run keeps.
const funcNamesKept = 4

// name returns fn.Name(f).
func (c *funcNames) name(f any) string {
	v := reflect.ValueOf(f)
	if v.Kind() != reflect.Func || v.IsNil() {
		return fn.Name(f) // a string is its own name
	}
	pc := v.Pointer()
	for i, p := range c.pcs {
		if p == pc {
			return c.names[i]
		}
	}
	name := fn.Name(f)
	c.pcs[c.next], c.names[c.next] = pc, name
	c.next = (c.next + 1) % funcNamesKept
	return name
}
