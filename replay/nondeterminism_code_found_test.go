package replay_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// chargeNeedsVersion is charge after a change whose oldest supported
// version is 1: a history recorded before the change (no Version marker)
// no longer fits it.
func chargeNeedsVersion(ctx workflow.Context, card string) (string, error) {
	workflow.GetVersion(ctx, "charge-v1", 1, 1)
	return charge(ctx, card)
}

// When the code itself finds that the history does not fit it (GetVersion
// seeing a version it no longer supports), no event refers to a missing
// command: the error's summary says the code gave up in the task started
// at the event, and Temporal's message follows.
func TestNondeterminismFoundByTheCode(t *testing.T) {
	t.Parallel()
	err := replayer(t, false, map[string]any{"Order": chargeNeedsVersion}).ReplayWorkflowHistory(nil, chargeHistory("Charge", "4242", "ok"))
	var nd *replay.NondeterminismError
	require.ErrorAs(t, err, &nd)
	assert.Equal(t, replay.EventTypeWorkflowTaskStarted, nd.EventType)
	assert.Nil(t, nd.History)
	assert.Nil(t, nd.Code)
	assert.Contains(t, nd.Message, `[TMPRL1100] Workflow code removed support of version -1. for "charge-v1" changeID`)
	first := strings.SplitN(err.Error(), "\n", 2)[0]
	assert.Equal(t, "replay: event 3: the code, replaying the workflow task started here, found that the history does not fit it", first)
}
