package replay_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// TestReplayUpdateWithoutProtocolMessageFlag replays a history recorded in
// April 2023 by an SDK that sent update responses beside the task's
// commands (no SDK flag 3): the server recorded the update's Accepted event
// after the TimerStarted its handler issued in the same task. Temporal's
// replayer accepts it against the same code (sdk-go TestUpdateWorkflow), and
// a handler that issues another command is still nondeterministic.
func TestReplayUpdateWithoutProtocolMessageFlag(t *testing.T) {
	t.Parallel()
	file := filepath.Join("testdata", "sdkgo-replaytests", "update_before_protocol_message_command.json")
	h, err := replay.ReadHistoryFile(file)
	require.NoError(t, err)
	require.Equal(t, replay.EventTypeTimerStarted, h.Events[4].EventType)
	require.Equal(t, replay.EventTypeWorkflowExecutionUpdateAccepted, h.Events[5].EventType)

	t.Run("same code", func(t *testing.T) {
		t.Parallel()
		r := replay.NewWorkflowReplayer()
		r.RegisterWorkflowWithOptions(updateWorkflow, workflow.RegisterOptions{Name: "UpdateWorkflow"})
		require.NoError(t, r.ReplayWorkflowHistory(nil, h))
	})
	t.Run("handler runs an activity", func(t *testing.T) {
		t.Parallel()
		r := replay.NewWorkflowReplayer()
		r.RegisterWorkflowWithOptions(func(ctx workflow.Context) error {
			if err := workflow.SetUpdateHandler(ctx, "update", func(ctx workflow.Context, d time.Duration) error {
				ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: d})
				return workflow.ExecuteActivity(ctx, "Pause", d).Get(ctx, nil)
			}); err != nil {
				return err
			}
			workflow.GetSignalChannel(ctx, "shutdown").Receive(ctx, nil)
			return nil
		}, workflow.RegisterOptions{Name: "UpdateWorkflow"})
		err := r.ReplayWorkflowHistory(nil, h)
		var nd *replay.NondeterminismError
		require.ErrorAs(t, err, &nd)
		assert.Equal(t, int64(5), nd.EventID)
		require.NotNil(t, nd.History)
		require.NotNil(t, nd.Code)
		assert.Equal(t, replay.CommandTypeStartTimer, nd.History.Type)
		assert.Equal(t, replay.CommandTypeScheduleActivityTask, nd.Code.Type)
		assert.Equal(t, "5", nd.Code.ID, "the accept message takes no event ID among the commands")
	})
}
