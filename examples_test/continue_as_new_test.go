package examples_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// Savings is the state a long-running workflow carries from run to run.
type Savings struct {
	Cents int
	Days  int
}

// InterestWorkflow adds interest once a day, for a year. A run that went on
// for a year would record thousands of events; instead each run handles a
// week and continues as new with the state, so every history stays short.
func InterestWorkflow(ctx workflow.Context, s Savings) (string, error) {
	for range 7 {
		if s.Days == 365 {
			info := workflow.GetInfo(ctx)
			return fmt.Sprintf("%d cents after %d days; run %s (continued from %s, first %s)",
				s.Cents, s.Days, info.WorkflowExecution.RunID, info.ContinuedExecutionRunID, info.FirstRunID), nil
		}
		if err := workflow.Sleep(ctx, 24*time.Hour); err != nil {
			return "", err
		}
		s.Cents += s.Cents / 1000 // 0.1% a day, rounded down
		s.Days++
	}
	return "", workflow.NewContinueAsNewError(ctx, InterestWorkflow, s)
}

// A long-running loop that continues as new. FollowContinueAsNew runs the
// whole chain in the simulation; each run has its own short history.
// Without it the test would end at the first continue-as-new, with a
// *wfsim.ContinueAsNewError.
func Example_continueAsNew() {
	env := newEnv()
	env.FollowContinueAsNew(0)
	env.ExecuteWorkflow(InterestWorkflow, Savings{Cents: 100_000})
	var out string
	if err := env.GetWorkflowResult(&out); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(out)
	runs := env.Histories("default-test-workflow-id")
	fmt.Println("runs:", len(runs), "- virtual time:", env.Now().Sub(env.Histories("default-test-workflow-id")[0].Events[0].EventTime))
	for _, h := range []*replay.History{runs[0], runs[1], runs[len(runs)-1]} {
		first, last := h.Events[0], h.Events[len(h.Events)-1]
		fmt.Printf("  %s: %d events, started day %d, ends with %s\n", first.GetWorkflowExecutionStartedEventAttributes().OriginalExecutionRunID,
			len(h.Events), first.EventTime.Sub(runs[0].Events[0].EventTime)/(24*time.Hour), last.EventType)
	}

	stopped := newEnv()
	stopped.ExecuteWorkflow(InterestWorkflow, Savings{Cents: 100_000})
	fmt.Println("without following:", workflow.IsContinueAsNewError(stopped.GetWorkflowError()))
	// Output:
	// 143807 cents after 365 days; run run-53 (continued from run-52, first default-test-run-id)
	// runs: 53 - virtual time: 8760h0m0s
	//   default-test-run-id: 40 events, started day 0, ends with WorkflowExecutionContinuedAsNew
	//   run-2: 40 events, started day 7, ends with WorkflowExecutionContinuedAsNew
	//   run-53: 10 events, started day 364, ends with WorkflowExecutionCompleted
	// without following: true
}

func TestContinueAsNewChainReplays(t *testing.T) {
	t.Parallel()
	env := newEnv()
	env.FollowContinueAsNew(3)
	env.ExecuteWorkflow(InterestWorkflow, Savings{Cents: 100_000})
	var can *wfsim.ContinueAsNewError
	require.ErrorAs(t, env.GetWorkflowError(), &can, "the third run continues as new: the limit ends the test")
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflow(InterestWorkflow)
	runs := env.Histories("default-test-workflow-id")
	require.Len(t, runs, 3)
	for _, h := range runs {
		require.NoError(t, rp.ReplayWorkflowHistory(nil, h))
	}
}
