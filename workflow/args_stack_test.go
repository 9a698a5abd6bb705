//go:build !race

// Allocation counts under the race detector vary from run to run (for
// one, its sync.Pool drops entries at random): these tests count them only
// without it.

package workflow_test

import (
	"testing"
	"time"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func echoArgWorkflow(_ workflow.Context, s string) (string, error) { return s, nil }

// argCall makes one call that takes arguments and waits for it.
type argCall func(ctx workflow.Context, args ...any) error

// With the default converter, the arguments of ExecuteActivity,
// ExecuteLocalActivity and ExecuteChildWorkflow do not escape
// (fn.EncodeArgs): a call with a literal argument, whose variadic slice the
// compiler makes, allocates no more than one spreading a slice the
// workflow already holds. Not parallel: AllocsPerRun counts the whole
// process's allocations.
func TestCallArgumentsStayOnTheCallersStack(t *testing.T) {
	actx := func(ctx workflow.Context) workflow.Context {
		return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	}
	tests := []struct {
		name    string
		literal func(ctx workflow.Context) error
		spread  argCall
	}{
		{"ExecuteActivity",
			func(ctx workflow.Context) error {
				return workflow.ExecuteActivity(actx(ctx), echoArg, "x").Get(ctx, nil)
			},
			func(ctx workflow.Context, args ...any) error {
				return workflow.ExecuteActivity(actx(ctx), echoArg, args...).Get(ctx, nil)
			}},
		{"ExecuteLocalActivity",
			func(ctx workflow.Context) error {
				ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
				return workflow.ExecuteLocalActivity(ctx, echoArg, "x").Get(ctx, nil)
			},
			func(ctx workflow.Context, args ...any) error {
				ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
				return workflow.ExecuteLocalActivity(ctx, echoArg, args...).Get(ctx, nil)
			}},
		{"ExecuteChildWorkflow",
			func(ctx workflow.Context) error {
				return workflow.ExecuteChildWorkflow(ctx, echoArgWorkflow, "x").Get(ctx, nil)
			},
			func(ctx workflow.Context, args ...any) error {
				return workflow.ExecuteChildWorkflow(ctx, echoArgWorkflow, args...).Get(ctx, nil)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			held := []any{"x"}
			runs := func(wf func(ctx workflow.Context) error) float64 {
				return testing.AllocsPerRun(20, func() {
					var s testsuite.WorkflowTestSuite
					env := s.NewTestWorkflowEnvironment()
					env.DisableReplayCheck()
					env.RegisterActivity(echoArg)
					env.RegisterWorkflow(echoArgWorkflow)
					env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "caller"})
					env.ExecuteWorkflow("caller")
					if err := env.GetWorkflowError(); err != nil {
						t.Fatal(err)
					}
				})
			}
			literal := runs(tt.literal)
			spread := runs(func(ctx workflow.Context) error { return tt.spread(ctx, held...) })
			if literal != spread {
				t.Errorf("a call with a literal argument allocates %v times per run, one spreading a held slice %v: the literal's slice escapes", literal, spread)
			}
		})
	}
}
