package workflow_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/workflow"
)

func TestFutureSetAndGet(t *testing.T) {
	t.Parallel()
	type outcome struct {
		ReadyBefore, ReadyAfter bool
		Value                   string
		Err                     string
	}
	errBoom := errors.New("boom")
	tests := []struct {
		name string
		set  func(s workflow.Settable)
		want outcome
	}{
		{"SetValue", func(s workflow.Settable) { s.SetValue("v") }, outcome{ReadyAfter: true, Value: "v"}},
		{"SetError", func(s workflow.Settable) { s.SetError(errBoom) }, outcome{ReadyAfter: true, Err: "boom"}},
		// A failed future's Get leaves the value alone, as Temporal's does.
		{"Set with both", func(s workflow.Settable) { s.Set("v", errBoom) }, outcome{ReadyAfter: true, Err: "boom"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wf := func(ctx workflow.Context) (outcome, error) {
				f, s := workflow.NewFuture(ctx)
				var out outcome
				out.ReadyBefore = f.IsReady()
				tt.set(s)
				out.ReadyAfter = f.IsReady()
				if err := f.Get(ctx, &out.Value); err != nil {
					out.Err = err.Error()
				}
				return out, nil
			}
			assert.Equal(t, tt.want, result[outcome](t, wf))
		})
	}
}

func TestFutureGetBlocksUntilSet(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		f, s := workflow.NewFuture(ctx)
		for _, name := range []string{"a", "b"} {
			workflow.GoNamed(ctx, name, func(ctx workflow.Context) {
				var v int
				_ = f.Get(ctx, &v)
				tr.add(ctx, "%s got %d", name, v)
			})
		}
		_ = workflow.Sleep(ctx, time.Hour)
		s.SetValue(7)
		_ = workflow.Sleep(ctx, time.Second)
		return tr, nil
	}
	assert.Equal(t, trace{"1h0m0s a got 7", "1h0m0s b got 7"}, result[trace](t, wf))
}

func TestFutureGetNilPointerAndMismatch(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		f, s := workflow.NewFuture(ctx)
		s.SetValue(42)
		var out []string
		out = append(out, errString(f.Get(ctx, nil)))
		var str string
		out = append(out, errString(f.Get(ctx, &str)))
		var n int
		out = append(out, errString(f.Get(ctx, &n)), fmt.Sprintf("n=%d", n))
		return out, nil
	}
	got := result[[]string](t, wf)
	assert.Equal(t, []string{"", "workflow: cannot store a value of type int in a *string", "", "n=42"}, got)
}

func TestFutureSetTwicePanics(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		f, s := workflow.NewFuture(ctx)
		s.SetValue(1)
		other, _ := workflow.NewFuture(ctx)
		return []string{
			panicMessage(func() { s.SetValue(2) }),
			panicMessage(func() { s.Chain(other) }),
			panicMessage(func() { _, s2 := workflow.NewFuture(ctx); s2.Chain(foreignFuture{}) }),
			errString(f.Get(ctx, nil)),
		}, nil
	}
	got := result[[]string](t, wf)
	assert.Equal(t, "workflow: Settable.Set of a future that is already set", got[0])
	assert.Equal(t, "workflow: Settable.Chain of a future that is already set", got[1])
	assert.Contains(t, got[2], "workflow: Settable.Chain of a future that workflow did not create")
	assert.Equal(t, "", got[3])
}

type foreignFuture struct{}

func (foreignFuture) Get(workflow.Context, any) error { return nil }
func (foreignFuture) IsReady() bool                   { return true }

func TestFutureChain(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		source, setSource := workflow.NewFuture(ctx)
		chained, setChained := workflow.NewFuture(ctx)
		setChained.Chain(source)
		tr.add(ctx, "chained ready=%v", chained.IsReady())
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, time.Minute)
			setSource.Set("result", errors.New("and an error"))
		})
		var v string
		err := chained.Get(ctx, &v)
		tr.add(ctx, "chained got %q, %v", v, err)

		// Chaining to a ready future makes it ready at once.
		again, setAgain := workflow.NewFuture(ctx)
		setAgain.Chain(source)
		tr.add(ctx, "again ready=%v", again.IsReady())
		return tr, nil
	}
	assert.Equal(t, trace{
		"0s chained ready=false",
		`1m0s chained got "", and an error`, // the error alone, as in Temporal
		"1m0s again ready=true",
	}, result[trace](t, wf))
}

func TestFutureOfTimerResolves(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		f := workflow.NewTimer(ctx, time.Minute)
		tr.add(ctx, "ready=%v", f.IsReady())
		err := f.Get(ctx, nil)
		tr.add(ctx, "ready=%v err=%v", f.IsReady(), err)
		return tr, nil
	}
	require.Equal(t, trace{"0s ready=false", "1m0s ready=true err=<nil>"}, result[trace](t, wf))
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
