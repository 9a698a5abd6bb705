package workflow_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// ErrDeadlineExceeded is Temporal's *TimeoutError, not a plain error: code
// that returns it (wrapped or not) fails its workflow with a timeout failure,
// and code that asks errors.As or IsTimeoutError of it gets Temporal's answer.
func TestErrDeadlineExceededIsATimeoutError(t *testing.T) {
	t.Parallel()
	var te *wfsim.TimeoutError
	require.ErrorAs(t, workflow.ErrDeadlineExceeded, &te)
	assert.Equal(t, wfsim.TimeoutTypeScheduleToClose, te.TimeoutType())
	assert.Equal(t, "deadline exceeded", te.Message())
	assert.True(t, wfsim.IsTimeoutError(workflow.ErrDeadlineExceeded))
	assert.Equal(t, wfsim.TimeoutTypeScheduleToClose, workflow.ErrDeadlineExceeded.TimeoutType())

	tests := []struct {
		name  string
		wrap  func(error) error
		cause bool // the timeout is the recorded failure's cause
	}{
		{name: "returned as it is", wrap: func(err error) error { return err }},
		{name: "wrapped", wrap: func(err error) error { return fmt.Errorf("timer fired: %w", err) }, cause: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := executeUnbound(func(ctx workflow.Context) error { return tc.wrap(workflow.ErrDeadlineExceeded) })
			require.True(t, env.IsWorkflowCompleted())
			err := env.GetWorkflowError()
			var got *wfsim.TimeoutError
			require.ErrorAs(t, err, &got)
			assert.Equal(t, wfsim.TimeoutTypeScheduleToClose, got.TimeoutType())
			assert.Equal(t, "deadline exceeded", got.Message())

			h := env.History()
			last := h.Events[len(h.Events)-1]
			require.Equal(t, replay.EventTypeWorkflowExecutionFailed, last.EventType)
			f := last.GetWorkflowExecutionFailedEventAttributes().GetFailure()
			if tc.cause {
				assert.Equal(t, "wrapError", f.GetApplicationFailureInfo().GetType())
				assert.Equal(t, "timer fired: deadline exceeded (type: ScheduleToClose)", f.Message)
				f = f.Cause
			}
			assert.Equal(t, "deadline exceeded", f.GetMessage())
			assert.Equal(t, "GoSDK", f.GetSource())
			assert.Equal(t, wfsim.TimeoutTypeScheduleToClose, f.GetTimeoutFailureInfo().GetTimeoutType())
			assert.False(t, errors.Is(err, errors.New("deadline exceeded")))
		})
	}
}
