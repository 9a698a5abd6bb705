package workflow_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func TestLocalVarGetSet(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		name := workflow.NewLocalVar[string](ctx)
		count := workflow.NewLocalVar[int](ctx)
		err := workflow.NewLocalVar[error](ctx)
		out := []string{fmt.Sprintf("zero: %q %d %v", name.Get(ctx), count.Get(ctx), err.Get(ctx))}
		name.Set(ctx, "alice")
		count.Set(ctx, 3)
		copied := name // a copy is the same variable
		copied.Set(ctx, "bob")
		out = append(out, fmt.Sprintf("set: %q %d", name.Get(ctx), count.Get(ctx)))
		// Every context of the run sees it: a coroutine's, a child
		// context's, a disconnected one's.
		child, cancel := workflow.WithCancel(ctx)
		defer cancel()
		workflow.Go(child, func(ctx workflow.Context) {
			count.Set(ctx, count.Get(ctx)+1)
			dc, _ := workflow.NewDisconnectedContext(ctx)
			out = append(out, fmt.Sprintf("coroutine: %q", name.Get(dc)))
		})
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return nil, err
		}
		err.Set(ctx, nil) // a nil interface value reads as the zero value
		out = append(out, fmt.Sprintf("after: %d %v", count.Get(ctx), err.Get(ctx)))
		return out, nil
	}
	assert.Equal(t, []string{`zero: "" 0 <nil>`, `set: "bob" 3`, `coroutine: "bob"`, "after: 4 <nil>"}, result[[]string](t, wf))
}

func TestLocalVarMisuse(t *testing.T) {
	t.Parallel()
	var other workflow.LocalVar[int] // made by the parent run, used in a child's
	child := func(ctx workflow.Context) ([]string, error) {
		return []string{
			panicMessage(func() { other.Get(ctx) }),
			panicMessage(func() { other.Set(ctx, 1) }),
		}, nil
	}
	wf := func(ctx workflow.Context) (map[string]string, error) {
		var zero workflow.LocalVar[int]
		other = workflow.NewLocalVar[int](ctx)
		var inChild []string
		if err := workflow.ExecuteChildWorkflow(ctx, child).Get(ctx, &inChild); err != nil {
			return nil, err
		}
		return map[string]string{
			"zero Get":          panicMessage(func() { zero.Get(ctx) }),
			"zero Set":          panicMessage(func() { zero.Set(ctx, 1) }),
			"nil context":       panicMessage(func() { workflow.NewLocalVar[int](nil) }),
			"nil context Get":   panicMessage(func() { other.Get(nil) }),
			"not workflow":      panicMessage(func() { workflow.NewLocalVar[int](fakeContext{}) }),
			"not workflow Get":  panicMessage(func() { other.Get(fakeContext{}) }),
			"other run Get":     inChild[0],
			"other run Set":     inChild[1],
			"same run, correct": panicMessage(func() { other.Set(ctx, 2) }),
		}, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(child)
	env.ExecuteWorkflow(wf)
	var got map[string]string
	require.NoError(t, env.GetWorkflowResult(&got))
	const (
		uninit   = "workflow.LocalVar is not initialized; use workflow.NewLocalVar(ctx)"
		nilCtx   = "workflow.LocalVar: nil workflow context"
		notWF    = "workflow.LocalVar: context is not associated with a workflow run"
		otherRun = "workflow.LocalVar: context belongs to a different workflow run"
	)
	assert.Equal(t, map[string]string{
		"zero Get": uninit, "zero Set": uninit,
		"nil context": nilCtx, "nil context Get": nilCtx,
		"not workflow": notWF, "not workflow Get": notWF,
		"other run Get": otherRun, "other run Set": otherRun,
		"same run, correct": "",
	}, got)
}

// TestLocalVarReadOnly: a query handler may Get, not Set (the query fails,
// the workflow goes on); an update validator that Sets fails the workflow,
// as any state change there does.
func TestLocalVarReadOnly(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setUp func(ctx workflow.Context, v workflow.LocalVar[string]) error
		run   func(env *testsuite.TestWorkflowEnvironment) error
		check func(t *testing.T, env *testsuite.TestWorkflowEnvironment, err error)
	}{
		{
			name: "query reads",
			setUp: func(ctx workflow.Context, v workflow.LocalVar[string]) error {
				return workflow.SetQueryHandler(ctx, "q", func() (string, error) { return v.Get(ctx), nil })
			},
			run: func(env *testsuite.TestWorkflowEnvironment) error {
				got, err := env.QueryWorkflow("q")
				if err != nil {
					return err
				}
				var s string
				if err := got.Get(&s); err != nil {
					return err
				}
				if s != "set" {
					return fmt.Errorf("query returned %q", s)
				}
				return nil
			},
			check: func(t *testing.T, env *testsuite.TestWorkflowEnvironment, err error) {
				require.NoError(t, err)
				require.NoError(t, env.GetWorkflowError())
			},
		},
		{
			name: "query sets",
			setUp: func(ctx workflow.Context, v workflow.LocalVar[string]) error {
				return workflow.SetQueryHandler(ctx, "q", func() (string, error) { v.Set(ctx, "query"); return "", nil })
			},
			run: func(env *testsuite.TestWorkflowEnvironment) error {
				_, err := env.QueryWorkflow("q")
				return err
			},
			check: func(t *testing.T, env *testsuite.TestWorkflowEnvironment, err error) {
				var ro *workflow.ReadOnlyError
				require.ErrorAs(t, err, &ro)
				assert.Equal(t, "LocalVar.Set", ro.Call)
				var got string
				require.NoError(t, env.GetWorkflowResult(&got))
				assert.Equal(t, "set", got, "the query's Set did not happen")
			},
		},
		{
			name: "validator sets",
			setUp: func(ctx workflow.Context, v workflow.LocalVar[string]) error {
				return workflow.SetUpdateHandlerWithOptions(ctx, "u", func(ctx workflow.Context) error { return nil },
					workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context) error { v.Set(ctx, "validator"); return nil }})
			},
			run: func(env *testsuite.TestWorkflowEnvironment) error {
				env.UpdateWorkflow("u", "id", &testsuite.TestUpdateCallback{})
				return nil
			},
			check: func(t *testing.T, env *testsuite.TestWorkflowEnvironment, err error) {
				var p *wfsim.PanicError
				require.ErrorAs(t, env.GetWorkflowError(), &p)
				assert.Contains(t, p.Error(), `update validator "u" called LocalVar.Set`)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wf := func(ctx workflow.Context) (string, error) {
				v := workflow.NewLocalVar[string](ctx)
				v.Set(ctx, "set")
				if err := tt.setUp(ctx, v); err != nil {
					return "", err
				}
				if err := workflow.Sleep(ctx, time.Minute); err != nil {
					return "", err
				}
				return v.Get(ctx), nil
			}
			var s testsuite.WorkflowTestSuite
			s.SetLogger(nil)
			env := s.NewTestWorkflowEnvironment()
			env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "W"})
			var err error
			env.RegisterDelayedCallback(func() { err = tt.run(env) }, time.Second)
			env.ExecuteWorkflow("W")
			require.True(t, env.IsWorkflowCompleted())
			tt.check(t, env, err)
		})
	}
}

// requestID is a helper library's per-run state: each run of a workflow
// that uses the library has its own.
type requestID struct{ v workflow.LocalVar[string] }

func (r requestID) tag(ctx workflow.Context, s string) string { return r.v.Get(ctx) + ": " + s }

func ExampleLocalVar() {
	wf := func(ctx workflow.Context) (string, error) {
		id := requestID{workflow.NewLocalVar[string](ctx)}
		before := id.tag(ctx, "not set yet")
		id.v.Set(ctx, "req-7")
		return before + " / " + id.tag(ctx, "charged"), nil
	}
	runExample(wf)
	// Output: : not set yet / req-7: charged
}
