package workflow

import (
	"reflect"

	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/run"
)

// funcNames remembers the names of the last few functions a run named
// (activities, children), by code pointer and kind: fn.Name reads the
// runtime's symbol table each time, and a run mostly calls the same few
// functions over and over. A remembered name is the one the run calls the
// function by, alias included (Temporal's registration aliasing), so a
// hit costs one scan whether or not the run has aliases. The entries live
// in the run's allocation (the aliases, which few runs have, in its
// extras); the name depends on the code pointer, the kind and the run's
// aliases alone, so a remembered name is the same one.
type funcNames struct {
	pcs   [funcNamesKept]uintptr
	names [funcNamesKept]string
	kinds [funcNamesKept]funcKind
	next  uint8 // the entry to replace on the next miss
	// skipPC and skipType are the code pointer and type of the last
	// function scheduleSkip answered for, skip its answer.
	skipPC   uintptr
	skipType reflect.Type
	skip     int
}

// funcNamesKept is how many names a run keeps.
const funcNamesKept = 4

// funcKind says which of the registry's alias tables names a function.
type funcKind uint8

const (
	activityFunc funcKind = iota
	workflowFunc
)

// name returns the name the run calls f by: for a function, the name it
// was registered under when aliases (the run's, which do not change during
// the run; nil for none) have one for its kind, else fn.Name(f). A string
// is its own name, but for an activity, the alias of a function whose Go
// name it is: Temporal's SDK looks a string activity type up in the alias
// table too (ExecuteActivity(ctx, "Fetch") schedules "foo" when a
// function named Fetch was registered as "foo"), a workflow type never.
func (c *funcNames) name(f any, kind funcKind, aliases *run.Aliases) string {
	v := reflect.ValueOf(f)
	if v.Kind() != reflect.Func || v.IsNil() {
		name := fn.Name(f)
		if kind == activityFunc && aliases != nil && v.Kind() == reflect.String {
			name = aliases.Activity(name)
		}
		return name
	}
	return c.nameAt(f, v.Pointer(), kind, aliases)
}

// nameAt is name for a function f (not nil) whose code pointer is pc.
func (c *funcNames) nameAt(f any, pc uintptr, kind funcKind, aliases *run.Aliases) string {
	for i, p := range c.pcs {
		if p == pc && c.kinds[i] == kind {
			return c.names[i]
		}
	}
	name := fn.Name(f)
	if aliases != nil {
		if kind == workflowFunc {
			name = aliases.Workflow(name)
		} else {
			name = aliases.Activity(name)
		}
	}
	c.pcs[c.next], c.names[c.next], c.kinds[c.next] = pc, name, kind
	c.next = (c.next + 1) % funcNamesKept
	return name
}

// funcName returns the name the run calls f, of the given kind, by.
func (s *runState) funcName(f any, kind funcKind) string {
	return s.funcNames.name(f, kind, s.aliases())
}

// aliases returns the run's aliases, nil for none.
func (s *runState) aliases() *run.Aliases {
	if s.extras != nil {
		return s.extras.aliases
	}
	return nil
}

// scheduleSkip is fn.ScheduleSkip(f) for f, a function of type t,
// remembered for the last function asked about: it reads the runtime's
// symbol table to tell a method expression, and a run mostly schedules one
// function over and over. The answer depends on f's code pointer and type
// alone.
func (c *funcNames) scheduleSkip(f any, t reflect.Type) int {
	return c.scheduleSkipAt(f, reflect.ValueOf(f).Pointer(), t)
}

// scheduleSkipAt is scheduleSkip for f whose code pointer is pc.
func (c *funcNames) scheduleSkipAt(f any, pc uintptr, t reflect.Type) int {
	if pc != 0 && pc == c.skipPC && t == c.skipType {
		return c.skip
	}
	skip := fn.ScheduleSkip(f)
	c.skipPC, c.skipType, c.skip = pc, t, skip
	return skip
}
