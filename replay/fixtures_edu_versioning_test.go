package replay_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// A history of temporalio's versioning course (edu-versioning-go-code,
// exercises/version-workflow, MIT license), recorded in February 2023 by a
// Temporal dev server and saved with every default field written out
// ("workerMayIgnore": false, "parentWorkflowExecution": null, "0s"
// timeouts): a loan workflow that thanks the customer, then charges ten
// periods with a 30-second timer after each. The course moves the thanks
// after the loop behind GetVersion and shortens the timer to 3 seconds; the
// old history must still replay, and the move without GetVersion must not.

type loanCustomer struct {
	CustomerID      string
	Name            string
	EmailAddress    string
	Amount          int
	NumberOfPeriods int
}

type loanCharge struct {
	CustomerID      string
	Amount          int
	PeriodNumber    int
	NumberOfPeriods int
}

// loanWorkflow is the course's workflow. versioned asks GetVersion whether
// to thank first (the recorded runs) or last; without it, thanksLast says
// where the thanks go. wait is the timer after each charge.
func loanWorkflow(versioned, thanksLast bool, wait time.Duration) func(ctx workflow.Context, in loanCustomer) (string, error) {
	return func(ctx workflow.Context, in loanCustomer) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		if versioned {
			thanksLast = workflow.GetVersion(ctx, "MovedThankYouAfterLoop", workflow.DefaultVersion, 1) == 1
		}
		thank := func() error {
			var confirmation string
			return workflow.ExecuteActivity(ctx, "SendThankYouToCustomer", in).Get(ctx, &confirmation)
		}
		if !thanksLast {
			if err := thank(); err != nil {
				return "", err
			}
		}
		total := 0
		for period := 1; period <= in.NumberOfPeriods; period++ {
			var confirmation string
			charge := loanCharge{CustomerID: in.CustomerID, Amount: in.Amount, PeriodNumber: period, NumberOfPeriods: in.NumberOfPeriods}
			if err := workflow.ExecuteActivity(ctx, "ChargeCustomer", charge).Get(ctx, &confirmation); err != nil {
				return "", err
			}
			total += charge.Amount
			if err := workflow.Sleep(ctx, wait); err != nil {
				return "", err
			}
		}
		if thanksLast {
			if err := thank(); err != nil {
				return "", err
			}
		}
		return fmt.Sprintf("Loan for customer '%s' has been fully paid (total=%d)", in.CustomerID, total), nil
	}
}

func TestEduVersioningHistory(t *testing.T) {
	t.Parallel()
	h, err := replay.ReadHistoryFile(filepath.Join("testdata", "edu-versioning", "history_for_original_execution.json"))
	require.NoError(t, err)
	replayWith := func(wf any, strict bool) error {
		r, err := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{Strict: strict})
		require.NoError(t, err)
		r.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "LoanProcessingWorkflow"})
		return r.ReplayWorkflowHistory(nil, h)
	}

	t.Run("the code that recorded it", func(t *testing.T) {
		t.Parallel()
		// Strict mode compares inputs and results too: the payloads are
		// the ones this code encodes, byte for byte.
		require.NoError(t, replayWith(loanWorkflow(false, false, 30*time.Second), true))
	})
	t.Run("versioned, with a shorter timer", func(t *testing.T) {
		t.Parallel()
		require.NoError(t, replayWith(loanWorkflow(true, false, 3*time.Second), false))
		// Only strict mode tells the timers apart.
		err := replayWith(loanWorkflow(true, false, 3*time.Second), true)
		var nd *replay.NondeterminismError
		require.ErrorAs(t, err, &nd)
		assert.True(t, nd.Strict)
		assert.Equal(t, replay.EventTypeTimerStarted, nd.EventType)
		require.NotNil(t, nd.History)
		require.NotNil(t, nd.Code)
		assert.Equal(t, 30*time.Second, nd.History.Duration)
		assert.Equal(t, 3*time.Second, nd.Code.Duration)
	})
	t.Run("thanks moved without GetVersion", func(t *testing.T) {
		t.Parallel()
		// As in Temporal's replayer, the first task's ChargeCustomer takes
		// the recorded SendThankYouToCustomer's place (both are activity
		// 5: events are matched to commands by ID as they are replayed)
		// and its result; the code then sleeps where the history charges.
		err := replayWith(loanWorkflow(false, true, 3*time.Second), false)
		var nd *replay.NondeterminismError
		require.ErrorAs(t, err, &nd)
		assert.False(t, nd.Strict)
		assert.Equal(t, int64(11), nd.EventID)
		require.NotNil(t, nd.History)
		require.NotNil(t, nd.Code)
		assert.Equal(t, "ChargeCustomer", nd.History.Name)
		assert.Equal(t, replay.CommandTypeStartTimer, nd.Code.Type)
		assert.Equal(t, "[TMPRL1100] lookup failed for scheduledEventID to activityID: scheduleEventID: 11, activityID: 11", nd.Message)
	})
}
