package workflow

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/run"
)

type namesHolder struct{}

func (namesHolder) Book(context.Context) error     { return nil }
func (*namesHolder) Undo(context.Context) error    { return nil }
func namesOne(context.Context) error               { return nil }
func namesTwo(context.Context) (string, error)     { return "", nil }
func namesThree(context.Context, int) error        { return nil }
func namesGeneric[T any](context.Context, T) error { return nil }

// TestFuncNamesAgreeWithName checks that a run's remembered names are
// fn.Name's, over more functions than it keeps, asked in turn and again.
func TestFuncNamesAgreeWithName(t *testing.T) {
	t.Parallel()
	var h namesHolder
	closure := func(context.Context) error { return nil }
	fs := []any{
		namesOne, namesTwo, namesThree, namesGeneric[int], namesGeneric[string],
		h.Book, (&h).Undo, namesHolder.Book, strings.ToUpper, closure,
		"ByName", "", 42, nil, (func())(nil),
	}
	var c funcNames
	for round := range 3 {
		for i, f := range fs {
			if got, want := c.name(f, activityFunc, nil), fn.Name(f); got != want {
				t.Fatalf("round %d, function %d (%T): name %q, want %q", round, i, f, got, want)
			}
		}
		// Ask for the first one over and over: it is kept.
		for range 3 {
			if got := c.name(namesOne, activityFunc, nil); got != "namesOne" {
				t.Fatalf("namesOne is named %q", got)
			}
		}
	}
}

func BenchmarkFuncName(b *testing.B) {
	b.Run("fn.Name", func(b *testing.B) {
		for range b.N {
			_ = fn.Name(namesTwo)
		}
	})
	b.Run("funcNames", func(b *testing.B) {
		var c funcNames
		for range b.N {
			_ = c.name(namesTwo, activityFunc, nil)
		}
	})
}

// TestFuncNamesAliases checks that a run with aliases names a function by
// its alias of the kind asked (an activity's Go name given as a string
// too), and that the kinds are remembered apart.
func TestFuncNamesAliases(t *testing.T) {
	t.Parallel()
	var a run.Aliases
	a.AddActivity("namesOne", "one")
	a.AddWorkflow("namesTwo", "two")
	var c funcNames
	tests := []struct {
		name string
		f    any
		kind funcKind
		want string
	}{
		{"activity alias", namesOne, activityFunc, "one"},
		{"same function as a workflow", namesOne, workflowFunc, "namesOne"},
		{"workflow alias", namesTwo, workflowFunc, "two"},
		{"same function as an activity", namesTwo, activityFunc, "namesTwo"},
		{"no alias", namesThree, activityFunc, "namesThree"},
		// As in Temporal's SDK, an activity type given as a string is
		// looked up too; a workflow type never is.
		{"an activity's name is aliased", "namesOne", activityFunc, "one"},
		{"a workflow's name is not aliased", "namesTwo", workflowFunc, "namesTwo"},
	}
	for round := range 3 {
		for _, tt := range tests {
			if got := c.name(tt.f, tt.kind, &a); got != tt.want {
				t.Errorf("round %d, %s: name %q, want %q", round, tt.name, got, tt.want)
			}
		}
	}
}

// TestScheduleSkipAgreesWithFn checks the remembered skip against
// fn.ScheduleSkip, for functions asked in turn and the same one twice.
func TestScheduleSkipAgreesWithFn(t *testing.T) {
	t.Parallel()
	var h namesHolder
	closure := func(context.Context) error { return nil }
	fs := []any{
		namesOne, namesOne, namesHolder.Book, namesHolder.Book, (*namesHolder).Undo, h.Book, (&h).Undo,
		namesThree, namesGeneric[int], namesGeneric[string], namesGeneric[context.Context], strings.ToUpper,
		closure, closure, namesHolder.Book, func(int) {}, (func())(nil),
	}
	var names funcNames
	for round := range 2 {
		for i, f := range fs {
			if got, want := names.scheduleSkip(f, reflect.TypeOf(f)), fn.ScheduleSkip(f); got != want {
				t.Errorf("round %d, function %d (%T): skip %d, want %d", round, i, f, got, want)
			}
		}
	}
}
