package workflow_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func TestGoRunsWhenTheCallerBlocks(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		var log []string
		workflow.Go(ctx, func(ctx workflow.Context) {
			log = append(log, "first")
			workflow.Go(ctx, func(ctx workflow.Context) { log = append(log, "nested") })
		})
		workflow.GoNamed(ctx, "second", func(ctx workflow.Context) { log = append(log, "second") })
		log = append(log, "root before blocking")
		_ = workflow.Sleep(ctx, time.Second)
		log = append(log, "root after")
		return log, nil
	}
	assert.Equal(t, []string{"root before blocking", "first", "second", "nested", "root after"}, result[[]string](t, wf))
}

func TestCoroutineUsingItsParentsContext(t *testing.T) {
	t.Parallel()
	// A common slip: the closure blocks on the outer ctx, which belongs to
	// the root coroutine. As in Temporal's SDK, that panics (a worker would
	// fail the workflow task) rather than quietly blocking the caller.
	// A call that need not block (a ready Future) is fine.
	tests := []struct {
		name  string
		block func(outer, own workflow.Context)
		want  string
	}{
		{"Sleep on the parent's ctx", func(outer, _ workflow.Context) { _ = workflow.Sleep(outer, time.Minute) },
			"trying to block on coroutine which is already blocked"},
		{"Sleep on a ctx derived from the parent's", func(outer, _ workflow.Context) {
			derived, cancel := workflow.WithCancel(outer)
			defer cancel()
			_ = workflow.Sleep(derived, time.Minute)
		}, "trying to block on coroutine which is already blocked"},
		{"Get of a ready Future on the parent's ctx", func(outer, own workflow.Context) {
			f, set := workflow.NewFuture(own)
			set.SetValue(1)
			_ = f.Get(outer, nil)
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wf := func(ctx workflow.Context) error {
				done := workflow.NewChannel(ctx)
				workflow.Go(ctx, func(own workflow.Context) {
					tt.block(ctx, own)
					done.Send(own, true)
				})
				done.Receive(ctx, nil)
				return nil
			}
			err := executeUnbound(wf).GetWorkflowError()
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestCoroutineNamesInDeadlockReport(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		never := workflow.NewNamedChannel(ctx, "never")
		nobody := workflow.NewNamedChannel(ctx, "nobody")
		workflow.Go(ctx, func(ctx workflow.Context) { never.Receive(ctx, nil) })
		workflow.GoNamed(ctx, "worker", func(ctx workflow.Context) { nobody.Send(ctx, 1) })
		return workflow.Await(ctx, func() bool { return false })
	}
	env := executeUnbound(wf)
	var dl *testsuite.DeadlockError
	require.ErrorAs(t, env.GetWorkflowError(), &dl)
	require.Len(t, dl.Blocked, 3)
	assert.True(t, strings.HasPrefix(dl.Blocked[0], `coroutine "root" blocked on Await at `), dl.Blocked[0])
	assert.True(t, strings.HasPrefix(dl.Blocked[1], `coroutine "2" blocked on never.Receive at `), dl.Blocked[1])
	assert.True(t, strings.HasPrefix(dl.Blocked[2], `coroutine "worker" blocked on nobody.Send at `), dl.Blocked[2])
	for _, b := range dl.Blocked {
		assert.Contains(t, b, "go_test.go:", "the location is the workflow code's line")
	}
}

// TestNativeGoroutinePanics checks that a workflow API called from a native
// go statement fails loudly instead of corrupting the run.
func TestNativeGoroutinePanics(t *testing.T) {
	t.Parallel()
	calls := []struct {
		name string
		call func(ctx workflow.Context)
		want string
	}{
		{"Sleep", func(ctx workflow.Context) { _ = workflow.Sleep(ctx, time.Second) }, "workflow: workflow.NewTimer called from a goroutine that is not a workflow coroutine"},
		{"NewTimer", func(ctx workflow.Context) { workflow.NewTimer(ctx, time.Second) }, "workflow: workflow.NewTimer called from a goroutine that is not a workflow coroutine"},
		{"Go", func(ctx workflow.Context) { workflow.Go(ctx, func(workflow.Context) {}) }, "workflow: workflow.Go called from a goroutine that is not a workflow coroutine"},
		{"Await", func(ctx workflow.Context) { _ = workflow.Await(ctx, func() bool { return true }) }, "workflow: workflow.Await called from a goroutine that is not a workflow coroutine"},
		{"Receive", func(ctx workflow.Context) { workflow.NewChannel(ctx).Receive(ctx, nil) }, "workflow: Channel.Receive called from a goroutine that is not a workflow coroutine"},
		{"Select", func(ctx workflow.Context) { workflow.NewSelector(ctx).Select(ctx) }, "workflow: Selector.Select called from a goroutine that is not a workflow coroutine"},
	}
	for _, tc := range calls {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// The native goroutine runs while the simulator (not a
			// coroutine) has control: in a delayed callback, or after the
			// run ended.
			for _, when := range []string{"during the run", "after the run"} {
				env := testsuite.NewTestWorkflowEnvironment(t)
				var wfCtx workflow.Context
				got := make(chan string, 1)
				native := func() {
					go func() {
						defer func() { got <- panicValue(recover()) }()
						tc.call(wfCtx)
					}()
				}
				if when == "during the run" {
					env.RegisterDelayedCallback(func() {
						native()
						msg := <-got // wait for the report while the run is paused here
						got <- msg
					}, time.Minute)
				}
				env.ExecuteWorkflow(func(ctx workflow.Context) error {
					wfCtx = ctx
					return workflow.Sleep(ctx, time.Hour)
				})
				require.NoError(t, env.GetWorkflowError())
				if when == "after the run" {
					native()
				}
				msg := <-got
				assert.True(t, strings.HasPrefix(msg, tc.want), "%s: %q", when, msg)
			}
		})
	}
}

func panicValue(r any) string {
	if r == nil {
		return "did not panic"
	}
	if s, ok := r.(string); ok {
		return s
	}
	if e, ok := r.(error); ok {
		return e.Error()
	}
	return "unexpected panic value"
}
