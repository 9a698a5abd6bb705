package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A completion made while a delayed callback runs, but from another
// goroutine (one the callback started and waits for), is queued like any
// other goroutine's: it is not applied on that goroutine, and the
// callback still sees the activity pending; it takes effect at the same
// instant, after the callback. One made by the callback itself applies at
// once.
func TestPostFromAnotherGoroutineDuringACallbackIsQueued(t *testing.T) {
	t.Parallel()
	envs := []struct {
		name string
		new  func(t *testing.T) *testsuite.TestWorkflowEnvironment
	}{
		{"bound (bubble)", func(t *testing.T) *testsuite.TestWorkflowEnvironment { return testsuite.NewTestWorkflowEnvironment(t) }},
		{"unbound", func(*testing.T) *testsuite.TestWorkflowEnvironment {
			var s testsuite.WorkflowTestSuite
			return s.NewTestWorkflowEnvironment()
		}},
	}
	for _, tt := range envs {
		for _, fromCallback := range []bool{false, true} {
			name := tt.name + "/from another goroutine"
			if fromCallback {
				name = tt.name + "/from the callback"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				env := tt.new(t)
				env.RegisterActivityWithOptions(func(ctx context.Context, s string) (string, error) {
					return "", activity.ErrResultPending
				}, activity.RegisterOptions{Name: "Async"})
				var pendingAfter []int
				env.RegisterDelayedCallback(func() {
					p := env.PendingActivities()
					if len(p) != 1 {
						pendingAfter = append(pendingAfter, -len(p))
						return
					}
					complete := func() error { return env.CompleteActivity(p[0].TaskToken, "done", nil) }
					var err error
					if fromCallback {
						err = complete()
					} else {
						done := make(chan error)
						go func() { done <- complete() }()
						err = <-done
					}
					if err != nil {
						pendingAfter = append(pendingAfter, -100)
					}
					pendingAfter = append(pendingAfter, len(env.PendingActivities()))
				}, time.Minute)
				env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Async", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Hour}})
				var out string
				require.NoError(t, env.GetWorkflowResult(&out))
				require.Equal(t, "done", out)
				want := []int{1} // queued: still pending in the callback
				if fromCallback {
					want = []int{0} // applied at once
				}
				require.Equal(t, want, pendingAfter)
				require.Equal(t, []actEvent{{"Scheduled", 0}, {"Started", 0}, {"Completed", time.Minute}}, actEvents(env.History()))
			})
		}
	}
}
