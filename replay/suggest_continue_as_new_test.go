package replay_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
)

func TestSuggestContinueAsNewReasonsJSON(t *testing.T) {
	t.Parallel()
	const in = `{"events":[{"eventId":"1","eventType":"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED","workflowExecutionStartedEventAttributes":{"workflowType":{"name":"W"}}},` +
		`{"eventId":"2","eventType":"EVENT_TYPE_WORKFLOW_TASK_SCHEDULED","workflowTaskScheduledEventAttributes":{}},` +
		`{"eventId":"3","eventType":"EVENT_TYPE_WORKFLOW_TASK_STARTED","workflowTaskStartedEventAttributes":{` +
		`"suggestContinueAsNew":true,"suggestContinueAsNewReasons":["SUGGEST_CONTINUE_AS_NEW_REASON_TOO_MANY_UPDATES",` +
		`"TooManyHistoryEvents","SUGGEST_CONTINUE_AS_NEW_REASON_FROM_THE_FUTURE"],"targetWorkerDeploymentVersionChanged":true}}]}`
	h, err := replay.ReadHistory(strings.NewReader(in))
	require.NoError(t, err)
	a := h.Events[2].GetWorkflowTaskStartedEventAttributes()
	require.NotNil(t, a)
	assert.True(t, a.TargetWorkerDeploymentVersionChanged)
	// Both spellings read; an unknown name is left out.
	assert.Equal(t, []replay.SuggestContinueAsNewReason{replay.SuggestContinueAsNewReasonTooManyHistoryEvents,
		replay.SuggestContinueAsNewReasonTooManyUpdates}, a.SuggestContinueAsNewReasons.Reasons())
	assert.True(t, a.SuggestContinueAsNewReasons.Has(replay.SuggestContinueAsNewReasonTooManyUpdates))
	assert.False(t, a.SuggestContinueAsNewReasons.Has(replay.SuggestContinueAsNewReasonHistorySizeTooLarge))
	var out bytes.Buffer
	require.NoError(t, h.WriteJSON(&out))
	assert.Contains(t, out.String(), `"suggestContinueAsNewReasons": [
          "SUGGEST_CONTINUE_AS_NEW_REASON_TOO_MANY_HISTORY_EVENTS",
          "SUGGEST_CONTINUE_AS_NEW_REASON_TOO_MANY_UPDATES"
        ]`)
	assert.Equal(t, "TooManyUpdates", replay.SuggestContinueAsNewReasonTooManyUpdates.String())
}
