package testsuite_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// codecRefusal runs CodecRefuse and fails with the details it decoded.
func codecRefusal(ctx workflow.Context, in codecOrder) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	err := workflow.ExecuteActivity(ctx, CodecRefuse).Get(ctx, nil)
	var ae *wfsim.ApplicationError
	if !errors.As(err, &ae) {
		return err
	}
	var why codecOrder
	if err := ae.Details(&why); err != nil {
		return err
	}
	return wfsim.NewNonRetryableApplicationError("failed", "Failed", nil, why, in)
}

// TestErrorDetailsUseTheDefaultDataConverter: with a data converter set and
// no failure converter, error details are encoded by the default data
// converter, as by a Temporal worker whose client sets only a
// DataConverter (a Temporal server's histories show it:
// compare/protobuf/testdata/server_failure.binpb.json), while the other
// payloads go through the environment's data converter; they still decode.
func TestErrorDetailsUseTheDefaultDataConverter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		fc          wfsim.FailureConverter
		detailsWant string
	}{
		{name: "default failure converter", detailsWant: converter.EncodingJSON},
		{name: "failure converter over the codec", fc: boxFailureConverter(), detailsWant: boxEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.SetDataConverter(boxDataConverter())
			env.SetFailureConverter(tt.fc)
			env.RegisterActivity(CodecRefuse)
			env.ExecuteWorkflow(codecRefusal, codecOrder{ID: "in", Qty: 2})

			var ae *wfsim.ApplicationError
			require.ErrorAs(t, env.GetWorkflowError(), &ae)
			var why, in codecOrder
			require.NoError(t, ae.Details(&why, &in))
			assert.Equal(t, codecOrder{ID: "why", Qty: 1}, why)
			assert.Equal(t, codecOrder{ID: "in", Qty: 2}, in)

			h := env.History()
			assert.Equal(t, boxEncoding, h.Events[0].GetWorkflowExecutionStartedEventAttributes().Input.Payloads[0].Encoding(), "input")
			var failed, wfFailed *wfsim.Failure
			for _, ev := range h.Events {
				if a := ev.GetActivityTaskFailedEventAttributes(); a != nil {
					failed = a.Failure
				}
				if a := ev.GetWorkflowExecutionFailedEventAttributes(); a != nil {
					wfFailed = a.Failure
				}
			}
			require.NotNil(t, failed)
			require.NotNil(t, wfFailed)
			assert.Equal(t, tt.detailsWant, failed.ApplicationFailureInfo.Details.Payloads[0].Encoding(), "activity failure details")
			for i, p := range wfFailed.ApplicationFailureInfo.Details.Payloads {
				assert.Equal(t, tt.detailsWant, p.Encoding(), "workflow failure detail %d", i)
			}
		})
	}
}
