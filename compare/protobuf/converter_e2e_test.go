package protobuf

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	wfconverter "github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// describeEvent is an activity taking and returning protobuf messages
// with oneofs: it turns a started event into a completed one.
func describeEvent(_ context.Context, ev *historypb.HistoryEvent) (*historypb.HistoryEvent, error) {
	started := ev.GetWorkflowExecutionStartedEventAttributes()
	return &historypb.HistoryEvent{
		EventId:   ev.GetEventId() + 1,
		EventTime: timestamppb.New(ev.GetEventTime().AsTime().Add(time.Second)),
		EventType: enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
		Attributes: &historypb.HistoryEvent_WorkflowExecutionCompletedEventAttributes{
			WorkflowExecutionCompletedEventAttributes: &historypb.WorkflowExecutionCompletedEventAttributes{
				Result:                       started.GetInput(),
				WorkflowTaskCompletedEventId: int64(len(started.GetInput().GetPayloads())),
			},
		},
	}, nil
}

// eventWorkflow passes its protobuf argument to the activity and returns
// the activity's result.
func eventWorkflow(ctx workflow.Context, ev *historypb.HistoryEvent) (*historypb.HistoryEvent, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var out *historypb.HistoryEvent
	if err := workflow.ExecuteActivity(ctx, describeEvent, ev).Get(ctx, &out); err != nil {
		return nil, err
	}
	return out, nil
}

func startedEvent() *historypb.HistoryEvent {
	return &historypb.HistoryEvent{
		EventId:   1,
		EventTime: timestamppb.New(time.Date(2026, 11, 28, 10, 0, 0, 123456789, time.UTC)),
		EventType: enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
		Attributes: &historypb.HistoryEvent_WorkflowExecutionStartedEventAttributes{
			WorkflowExecutionStartedEventAttributes: &historypb.WorkflowExecutionStartedEventAttributes{
				WorkflowType:             &commonpb.WorkflowType{Name: "eventWorkflow"},
				Input:                    &commonpb.Payloads{Payloads: []*commonpb.Payload{{Metadata: map[string][]byte{"encoding": []byte("binary/plain")}, Data: []byte{0, 1, 255}}}},
				WorkflowExecutionTimeout: durationpb.New(90 * time.Minute),
				Attempt:                  3,
			},
		},
	}
}

// TestProtobufArgumentsEndToEnd: a workflow and an activity that take and
// return protobuf messages with oneofs run in wfsim's test environment
// with the default converter; the history holds json/protobuf payloads
// naming the message type.
func TestProtobufArgumentsEndToEnd(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(describeEvent)
	env.ExecuteWorkflow(eventWorkflow, startedEvent())
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())

	var got historypb.HistoryEvent
	require.NoError(t, env.GetWorkflowResult(&got))
	want, err := describeEvent(context.Background(), startedEvent())
	require.NoError(t, err)
	require.True(t, proto.Equal(want, &got), "got %v\nwant %v", &got, want)

	input := env.History().Events[0].GetWorkflowExecutionStartedEventAttributes().Input.GetPayloads()[0]
	require.Equal(t, wfconverter.EncodingProtoJSON, string(input.Metadata[wfconverter.MetadataEncoding]))
	require.Equal(t, "temporal.api.history.v1.HistoryEvent", string(input.Metadata[wfconverter.MetadataMessageType]))
	require.Contains(t, string(input.Data), `"workflowExecutionStartedEventAttributes":`)
	require.Contains(t, string(input.Data), `"eventTime":"2026-11-28T10:00:00.123456789Z"`)
}

// TestProtobufMockedActivity: a mocked activity returning a protobuf
// message reaches the workflow through the same converter.
func TestProtobufMockedActivity(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(describeEvent)
	canned := &historypb.HistoryEvent{EventId: 42, Attributes: &historypb.HistoryEvent_TimerFiredEventAttributes{
		TimerFiredEventAttributes: &historypb.TimerFiredEventAttributes{TimerId: "t", StartedEventId: 7},
	}}
	env.OnActivity(describeEvent, mock.Anything, mock.Anything).Return(canned, nil)
	env.ExecuteWorkflow(eventWorkflow, startedEvent())
	require.NoError(t, env.GetWorkflowError())
	var got historypb.HistoryEvent
	require.NoError(t, env.GetWorkflowResult(&got))
	require.True(t, proto.Equal(canned, &got), "got %v", &got)
}
