package examples_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A timeout is a race against virtual time that the explorer sets up at
// every distance: the drawn latency of a slow activity lands before, on or
// after the workflow's run timeout, and the outcome must follow.

// quoteRunTimeout is the workflow's overall timeout.
const quoteRunTimeout = 30 * time.Second

// FetchQuote asks a slow supplier for a price.
func FetchQuote(ctx workflow.Context, item string) (int, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: time.Hour, // the run timeout caps it
		RetryPolicy:         &wfsim.RetryPolicy{MaximumAttempts: 1},
	})
	var price int
	err := workflow.ExecuteActivity(ctx, "Supplier", item).Get(ctx, &price)
	return price, err
}

func supplier(ctx context.Context, item string) (int, error) { return 42, nil }

func TestRunTimeoutBeatsSlowActivityExactlyWhenLater(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.RegisterActivityWithOptions(supplier, activity.RegisterOptions{Name: "Supplier"})
		env.SetWorkflowRunTimeout(quoteRunTimeout)
		env.SetExplorer(testsuite.RapidExplorer(t))
		// A latency is drawn up to the bound, or lands exactly on a
		// deadline of the attempt — here the run timeout.
		env.SetFaults(testsuite.Faults{ActivityLatency: 2 * quoteRunTimeout})
		env.ExecuteWorkflow(FetchQuote, "bolts")

		var latency time.Duration
		for _, c := range env.Choices() {
			if c.Kind == testsuite.ChoiceLatency {
				latency = c.Duration
			}
		}
		h := env.History()
		last := h.Events[len(h.Events)-1]
		ended := last.EventTime.Sub(testsuite.DefaultStartTime)
		var price int
		err := env.GetWorkflowResult(&price)
		if latency < quoteRunTimeout {
			require.NoError(t, err, "latency %v", latency)
			require.Equal(t, 42, price)
			require.Equal(t, latency, ended, "the quote arrives after its latency")
			return
		}
		// A latency equal to the timeout loses too, whichever of the two
		// the explorer lets happen first at that instant: the workflow
		// would need a task after the quote arrives, and the run times out
		// at that very instant.
		var te *wfsim.TimeoutError
		require.ErrorAs(t, err, &te, "latency %v", latency)
		require.Equal(t, replay.EventTypeWorkflowExecutionTimedOut, last.EventType)
		require.Equal(t, quoteRunTimeout, ended, "the timeout fires at its instant")
	})
}
