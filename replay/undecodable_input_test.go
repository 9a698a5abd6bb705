package replay_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// card is what cardCharge takes: the histories' input, a JSON string,
// does not decode into it.
type card struct{ Number string }

func cardCharge(ctx workflow.Context, c card) (string, error) { return charge(ctx, c.Number) }

// TestReplayUndecodableInput: input the workflow function cannot take fails
// the run in its first workflow task, as in Temporal's replayer, not the
// replay up front: a history that records that failure replays, and one
// that records commands is nondeterministic, with the text of Temporal's
// error for it (checked against Temporal's replayer).
func TestReplayUndecodableInput(t *testing.T) {
	t.Parallel()
	failedAtOnce := func() *replay.History {
		b := newHistory("Order", "4242").completed()
		b.failWorkflow("unable to decode the workflow function input payload")
		return b.history()
	}
	tests := []struct {
		name    string
		history *replay.History
		// want is a part of the error's text, "" for none.
		want string
	}{
		{"history failed in its first task", failedAtOnce(), ""},
		{"history with commands", chargeHistory("Charge", "4242", "ok"),
			"[TMPRL1100] lookup failed for scheduledEventID to activityID: scheduleEventID: 5, activityID: 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, strict := range []bool{false, true} {
				err := replayer(t, strict, map[string]any{"Order": cardCharge}).ReplayWorkflowHistory(nil, tt.history)
				if tt.want == "" {
					assert.NoError(t, err, "strict %v", strict)
					continue
				}
				var nd *replay.NondeterminismError
				require.ErrorAs(t, err, &nd, "strict %v", strict)
				assert.True(t, strings.Contains(nd.Message, tt.want), "strict %v: %v", strict, nd.Message)
			}
		})
	}
}
