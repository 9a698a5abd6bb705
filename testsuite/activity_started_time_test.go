package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// TestActivityInfoStartedTimeExact: an attempt's Info.StartedTime is the
// very time.Time the environment's clock gave when the attempt started
// (location and monotonic reading included), for every attempt, whatever
// the start time.
func TestActivityInfoStartedTimeExact(t *testing.T) {
	t.Parallel()
	starts := map[string]time.Time{
		"default":   {},
		"monotonic": time.Now(),
		"location":  time.Date(2030, 3, 4, 5, 6, 7, 8, time.FixedZone("X", 3600)),
	}
	for name, start := range starts {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			if !start.IsZero() {
				env.SetStartTime(start)
			}
			var infos []activity.Info
			var nows []time.Time
			env.RegisterActivityWithOptions(func(ctx context.Context) error {
				infos = append(infos, activity.GetInfo(ctx))
				nows = append(nows, env.Now())
				if len(infos) < 3 {
					return errors.New("again")
				}
				return nil
			}, activity.RegisterOptions{Name: "Flaky"})
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute,
					RetryPolicy: &wfsim.RetryPolicy{InitialInterval: 1500 * time.Millisecond}})
				_ = workflow.Sleep(ctx, 1234567*time.Nanosecond)
				return workflow.ExecuteActivity(ctx, "Flaky").Get(ctx, nil)
			})
			if err := env.GetWorkflowError(); err != nil {
				t.Fatal(err)
			}
			if len(infos) != 3 {
				t.Fatalf("%d attempts, want 3", len(infos))
			}
			for i, info := range infos {
				if info.StartedTime != nows[i] || info.Deadline != nows[i].Add(time.Minute) {
					t.Errorf("attempt %d: StartedTime %v, Deadline %v; want %v (the clock's time) and a minute later", i+1, info.StartedTime, info.Deadline, nows[i])
				}
			}
		})
	}
}
