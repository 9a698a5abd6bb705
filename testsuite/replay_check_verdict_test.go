package testsuite_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func DriftChild(ctx workflow.Context) error { return workflow.Sleep(ctx, time.Minute) }

func DriftOther(ctx workflow.Context) error { return nil }

// TestReplayCheckAgreesWithTheReplayer runs workflows whose code changes
// between the simulated run and its replay (a counter outside the workflow)
// and checks that the environment's replay check, which replays without a
// replayer of its own, gives the verdict the public WorkflowReplayer gives
// on the same history with the same code: the same NondeterminismError,
// word for word, or none.
func TestReplayCheckAgreesWithTheReplayer(t *testing.T) {
	t.Parallel()
	ao := func(ctx workflow.Context) workflow.Context {
		return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	}
	lao := func(ctx workflow.Context) workflow.Context {
		return workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	}
	act := func(name string) func(workflow.Context) error {
		return func(ctx workflow.Context) error {
			return workflow.ExecuteActivity(ao(ctx), "Step-"+name, name).Get(ctx, nil)
		}
	}
	sleep := func(ctx workflow.Context) error { return workflow.Sleep(ctx, time.Hour) }
	seq := func(fs ...func(workflow.Context) error) func(workflow.Context) error {
		return func(ctx workflow.Context) error {
			for _, f := range fs {
				if err := f(ctx); err != nil {
					return err
				}
			}
			return nil
		}
	}
	done := func(workflow.Context) error { return nil }
	tests := []struct {
		name      string
		run, next func(workflow.Context) error
	}{
		{"same code", seq(sleep, act("a")), seq(sleep, act("a"))},
		{"activity renamed", seq(sleep, act("a")), seq(sleep, act("b"))},
		{"activity for a timer", seq(act("a"), sleep), seq(sleep, sleep)},
		{"timer for an activity", seq(sleep, act("a")), seq(act("a"), act("a"))},
		{"a command fewer", seq(sleep, act("a"), act("b")), seq(sleep, act("a"))},
		{"a command more", seq(sleep, act("a")), seq(sleep, act("a"), act("b"))},
		{"a command more in the first task", seq(act("a")), seq(func(ctx workflow.Context) error {
			workflow.ExecuteActivity(ao(ctx), "Step-b", "b")
			return act("a")(ctx)
		})},
		{"fails instead of completing", seq(sleep), seq(sleep, func(workflow.Context) error { return errors.New("boom") })},
		{"continues as new instead of completing", seq(sleep), seq(sleep, func(ctx workflow.Context) error {
			return workflow.NewContinueAsNewError(ctx, "Drift")
		})},
		{"side effect dropped", seq(func(ctx workflow.Context) error {
			workflow.SideEffect(ctx, func(workflow.Context) any { return 1 })
			return nil
		}, sleep), seq(sleep)},
		{"side effect added", seq(sleep, act("a")), seq(sleep, func(ctx workflow.Context) error {
			workflow.SideEffect(ctx, func(workflow.Context) any { return 1 })
			return nil
		}, act("a"))},
		{"version beyond the code's", seq(func(ctx workflow.Context) error {
			workflow.GetVersion(ctx, "c", workflow.DefaultVersion, 2)
			return nil
		}, sleep), seq(func(ctx workflow.Context) error {
			workflow.GetVersion(ctx, "c", workflow.DefaultVersion, 1)
			return nil
		}, sleep)},
		{"version change dropped", seq(func(ctx workflow.Context) error {
			workflow.GetVersion(ctx, "c", workflow.DefaultVersion, 1)
			return nil
		}, sleep, act("a")), seq(sleep, act("a"))},
		{"local activity dropped", seq(func(ctx workflow.Context) error {
			return workflow.ExecuteLocalActivity(lao(ctx), Step, "x").Get(ctx, nil)
		}, sleep), seq(sleep)},
		{"child of another type", seq(sleep, func(ctx workflow.Context) error {
			return workflow.ExecuteChildWorkflow(ctx, DriftChild).Get(ctx, nil)
		}), seq(sleep, func(ctx workflow.Context) error {
			return workflow.ExecuteChildWorkflow(ctx, DriftOther).Get(ctx, nil)
		})},
		{"timer durations swapped", seq(func(ctx workflow.Context) error {
			return workflow.Sleep(ctx, time.Minute)
		}, sleep), seq(sleep, func(ctx workflow.Context) error {
			return workflow.Sleep(ctx, time.Minute)
		})},
		{"done at once", seq(sleep, act("a")), done},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			calls := 0
			wf := func(ctx workflow.Context) error {
				calls++
				if calls == 1 {
					return tt.run(ctx)
				}
				return tt.next(ctx)
			}
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			registerSteps(env)
			env.RegisterActivity(Step)
			env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Drift"})
			env.RegisterWorkflow(DriftChild)
			env.RegisterWorkflow(DriftOther)
			env.ExecuteWorkflow("Drift")
			checkErr := env.GetWorkflowError()
			var rc *testsuite.ReplayCheckError
			if checkErr != nil {
				require.ErrorAs(t, checkErr, &rc, "the run itself failed")
			}

			r := replay.NewWorkflowReplayer()
			r.RegisterWorkflowWithOptions(tt.next, workflow.RegisterOptions{Name: "Drift"})
			r.RegisterWorkflow(DriftChild)
			r.RegisterWorkflow(DriftOther)
			replayErr := r.ReplayWorkflowHistory(nil, env.History())
			if replayErr == nil {
				assert.NoError(t, checkErr)
				return
			}
			require.Error(t, checkErr, "the replayer found %v", replayErr)
			t.Logf("replayer: %v", replayErr)
			var ndCheck, ndReplay *replay.NondeterminismError
			if assert.ErrorAs(t, replayErr, &ndReplay) && assert.ErrorAs(t, checkErr, &ndCheck) {
				assert.Equal(t, ndReplay.Error(), ndCheck.Error())
			}
			assert.Equal(t, replayErr.Error(), rc.Unwrap().Error())
		})
	}
}
