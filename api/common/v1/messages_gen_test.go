package common_test

import (
	"testing"
	"time"

	commonpb "github.com/wfsim/wfsim/api/common/v1"
	enumspb "github.com/wfsim/wfsim/api/enums/v1"

	"github.com/wfsim/wfsim/internal/genaliases"
	"github.com/wfsim/wfsim/replay"
)

func TestGeneratedAliasesUpToDate(t *testing.T) {
	t.Parallel()
	if err := genaliases.CheckFile(".", "doc.go"); err != nil {
		t.Fatal(err)
	}
}

// The generated aliases are the replay package's types.
var (
	_ *replay.WorkflowExecution      = (*commonpb.WorkflowExecution)(nil)
	_ *replay.WorkflowType           = (*commonpb.WorkflowType)(nil)
	_ *replay.ActivityType           = (*commonpb.ActivityType)(nil)
	_ *replay.RetryPolicy            = (*commonpb.RetryPolicy)(nil)
	_ *replay.Priority               = (*commonpb.Priority)(nil)
	_ *replay.WorkerVersionStamp     = (*commonpb.WorkerVersionStamp)(nil)
	_ *replay.MeteringMetadata       = (*commonpb.MeteringMetadata)(nil)
	_ *replay.Principal              = (*commonpb.Principal)(nil)
	_ *replay.Link                   = (*commonpb.Link)(nil)
	_ *replay.LinkWorkflowEvent      = (*commonpb.Link_WorkflowEvent)(nil)
	_ *replay.LinkBatchJob           = (*commonpb.Link_BatchJob)(nil)
	_ *replay.LinkEventReference     = (*commonpb.Link_WorkflowEvent_EventReference)(nil)
	_ *replay.LinkRequestIDReference = (*commonpb.Link_WorkflowEvent_RequestIdReference)(nil)
)

// Messages built with commonpb's names go into history events, and read
// back through protobuf's getters.
func TestMessagesInEvents(t *testing.T) {
	t.Parallel()
	link := &commonpb.Link{WorkflowEvent: &commonpb.Link_WorkflowEvent{
		Namespace: "default", WorkflowID: "caller", RunID: "run-1",
		EventRef: &commonpb.Link_WorkflowEvent_EventReference{EventID: 5, EventType: enumspb.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED},
	}}
	ev := &replay.Event{
		EventID:   1,
		EventType: enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
		Attributes: &replay.WorkflowExecutionStartedEventAttributes{
			WorkflowType:            commonpb.WorkflowType{Name: "Order"},
			ParentWorkflowExecution: &commonpb.WorkflowExecution{WorkflowID: "parent", RunID: "run-0"},
			RetryPolicy:             &commonpb.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumAttempts: 3},
			Priority:                &commonpb.Priority{PriorityKey: 1},
		},
		Extras: &replay.EventExtras{Links: []*commonpb.Link{link}},
	}
	a := ev.GetWorkflowExecutionStartedEventAttributes()
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"workflow type", a.GetWorkflowType().GetName(), "Order"},
		{"parent workflow ID", a.GetParentWorkflowExecution().GetWorkflowId(), "parent"},
		{"retry interval", a.GetRetryPolicy().GetInitialInterval(), time.Second},
		{"retry attempts", a.GetRetryPolicy().GetMaximumAttempts(), int32(3)},
		{"priority", a.GetPriority().GetPriorityKey(), int32(1)},
		{"link's run", ev.GetLinks()[0].GetWorkflowEvent().GetRunId(), "run-1"},
		{"link's event", ev.GetLinks()[0].GetWorkflowEvent().GetEventRef().GetEventId(), int64(5)},
		{"no request ID reference", ev.GetLinks()[0].GetWorkflowEvent().GetRequestIdRef().GetRequestId(), ""},
		{"no batch job", ev.GetLinks()[0].GetBatchJob().GetJobId(), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}
