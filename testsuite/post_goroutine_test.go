package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
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

// A completion made by a delayed callback applies at once also when no
// test code has run on the simulation's goroutine before it: the activity
// is mocked with a value (activity.ErrResultPending), so nothing but the
// callbacks could post from that goroutine. With the heartbeat it records
// first, in either kind of environment.
func TestCompletionFromCallbackOfValueMockAppliesAtOnce(t *testing.T) {
	t.Parallel()
	for _, bound := range []bool{false, true} {
		name := "unbound"
		if bound {
			name = "bound (bubble)"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var env *testsuite.TestWorkflowEnvironment
			if bound {
				env = testsuite.NewTestWorkflowEnvironment(t)
			} else {
				var s testsuite.WorkflowTestSuite
				env = s.NewTestWorkflowEnvironment()
			}
			env.RegisterActivityWithOptions(func(ctx context.Context, s string) (string, error) {
				return "real", nil
			}, activity.RegisterOptions{Name: "Async"})
			env.OnActivity("Async", mock.Anything, mock.Anything).Return("", activity.ErrResultPending)
			var pendingAfter []int
			var errs []error
			env.RegisterDelayedCallback(func() {
				p := env.PendingActivities()
				if len(p) != 1 {
					pendingAfter = append(pendingAfter, -len(p))
					return
				}
				errs = append(errs, env.RecordActivityHeartbeat(p[0].TaskToken, "beat"))
				errs = append(errs, env.CompleteActivity(p[0].TaskToken, "done", nil))
				pendingAfter = append(pendingAfter, len(env.PendingActivities()))
			}, time.Minute)
			env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Async", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Hour}})
			var out string
			require.NoError(t, env.GetWorkflowResult(&out))
			require.Equal(t, "done", out)
			require.Equal(t, []error{nil, nil}, errs)
			require.Equal(t, []int{0}, pendingAfter) // applied at once
			require.Equal(t, []actEvent{{"Scheduled", 0}, {"Started", 0}, {"Completed", time.Minute}}, actEvents(env.History()))
		})
	}
}
