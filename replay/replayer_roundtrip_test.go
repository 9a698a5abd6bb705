package replay_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A history the simulator records replays cleanly, even in strict mode,
// against the code that made it; and replay catches a change of that code
// exactly where the change shows.

// step is one thing a generated workflow does: run activity Name with Arg,
// or sleep for Sleep.
type step struct {
	Name  string
	Arg   int
	Sleep time.Duration
}

func (s step) String() string {
	if s.Name == "" {
		return fmt.Sprintf("sleep %v", s.Sleep)
	}
	return fmt.Sprintf("%s(%d)", s.Name, s.Arg)
}

// program returns a workflow that does the steps in order.
func program(steps []step) func(ctx workflow.Context) (int, error) {
	return func(ctx workflow.Context) (int, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		sum := 0
		for _, s := range steps {
			if s.Name == "" {
				if err := workflow.Sleep(ctx, s.Sleep); err != nil {
					return 0, err
				}
				continue
			}
			var r int
			if err := workflow.ExecuteActivity(ctx, s.Name, s.Arg).Get(ctx, &r); err != nil {
				return 0, err
			}
			sum += r
		}
		return sum, nil
	}
}

func double(ctx context.Context, x int) (int, error) { return 2 * x, nil }

func genStep(t *rapid.T, label string) step {
	if rapid.Bool().Draw(t, label+" sleeps") {
		return step{Sleep: rapid.SampledFrom([]time.Duration{time.Second, time.Minute, time.Hour}).Draw(t, label+" duration")}
	}
	return step{Name: rapid.SampledFrom([]string{"A", "B"}).Draw(t, label+" activity"), Arg: rapid.IntRange(0, 3).Draw(t, label+" arg")}
}

// record runs the steps in the simulator and returns the history.
func record(t testsuite.TB, steps []step) *replay.History {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(program(steps), workflow.RegisterOptions{Name: "Program"})
	env.RegisterActivityWithOptions(double, activity.RegisterOptions{Name: "A"})
	env.RegisterActivityWithOptions(double, activity.RegisterOptions{Name: "B"})
	env.ExecuteWorkflow("Program")
	if !env.IsWorkflowCompleted() || env.GetWorkflowError() != nil {
		t.Fatalf("the simulated run did not complete: %v", env.GetWorkflowError())
	}
	return env.History()
}

func replayProgram(h *replay.History, steps []step, strict bool) error {
	r, _ := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{Strict: strict})
	r.RegisterWorkflowWithOptions(program(steps), workflow.RegisterOptions{Name: "Program"})
	return r.ReplayWorkflowHistory(nil, h)
}

func TestReplaySimulatedHistories(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 6).Draw(t, "steps")
		steps := make([]step, n)
		for i := range steps {
			steps[i] = genStep(t, fmt.Sprintf("step %d", i))
		}
		h := record(t, steps)
		for _, strict := range []bool{false, true} {
			if err := replayProgram(h, steps, strict); err != nil {
				t.Fatalf("strict=%v: the recorded history does not replay against its own code %v: %v", strict, steps, err)
			}
		}

		// Change one step.
		i := rapid.IntRange(0, n-1).Draw(t, "changed step")
		changed := append([]step(nil), steps...)
		changed[i] = genStep(t, "new step")
		old, now := steps[i], changed[i]
		if old == now {
			return
		}
		err := replayProgram(h, changed, true)
		var nd *replay.NondeterminismError
		if !errors.As(err, &nd) {
			t.Fatalf("strict replay of %v against %v: want a *NondeterminismError, got %v", steps, changed, err)
		}
		if nd.History == nil || nd.Code == nil {
			t.Fatalf("step %d %v became %v: want the history's and the code's commands, got %v", i, old, now, err)
		}
		// The first difference is the changed step's command.
		wantHistory, wantCode := commandOf(old), commandOf(now)
		if nd.History.Type != wantHistory.Type || nd.History.Name != wantHistory.Name || nd.History.Duration != wantHistory.Duration ||
			nd.Code.Type != wantCode.Type || nd.Code.Name != wantCode.Name || nd.Code.Duration != wantCode.Duration {
			t.Fatalf("step %d %v became %v: the error is about %+v / %+v", i, old, now, *nd.History, *nd.Code)
		}
		// Temporal's comparison sees it unless only the argument or the
		// duration changed.
		onlyStrict := old.Name != "" && now.Name == old.Name || old.Name == "" && now.Name == ""
		lenient := replayProgram(h, changed, false)
		if onlyStrict != (lenient == nil) {
			t.Fatalf("step %d %v became %v: default mode gives %v", i, old, now, lenient)
		}
		if nd.Strict != onlyStrict {
			t.Fatalf("step %d %v became %v: Strict is %v", i, old, now, nd.Strict)
		}
	})
}

func commandOf(s step) replay.Command {
	if s.Name == "" {
		return replay.Command{Type: replay.CommandTypeStartTimer, Duration: s.Sleep}
	}
	return replay.Command{Type: replay.CommandTypeScheduleActivityTask, Name: s.Name}
}

func TestReplaySimulatedHistoryAsJSON(t *testing.T) {
	t.Parallel()
	steps := []step{{Name: "A", Arg: 1}, {Sleep: time.Hour}, {Name: "B", Arg: 2}}
	path := writeHistory(t, record(t, steps))
	r, err := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{Strict: true})
	require.NoError(t, err)
	r.RegisterWorkflowWithOptions(program(steps), workflow.RegisterOptions{Name: "Program"})
	require.NoError(t, r.ReplayWorkflowHistoryFromJSONFile(nil, path))
}
