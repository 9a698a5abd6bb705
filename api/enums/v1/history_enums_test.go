package enums_test

import (
	"testing"

	enumspb "github.com/wfsim/wfsim/api/enums/v1"

	"github.com/wfsim/wfsim/replay"
)

// The enums of events' attributes are the replay package's types, so
// attributes built with the protobuf names hold the values replay reads
// and writes.
func TestHistoryEnums(t *testing.T) {
	t.Parallel()
	failed := &replay.WorkflowTaskFailedEventAttributes{Cause: enumspb.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR}
	scheduled := &replay.WorkflowTaskScheduledEventAttributes{TaskQueue: replay.TaskQueue{Name: "q", Kind: enumspb.TASK_QUEUE_KIND_STICKY}}
	can := &replay.WorkflowExecutionContinuedAsNewEventAttributes{Initiator: enumspb.CONTINUE_AS_NEW_INITIATOR_RETRY}
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"workflow task failed cause", failed.GetCause(), replay.WorkflowTaskFailedCauseNonDeterministicError},
		{"task queue kind", scheduled.GetTaskQueue().GetKind(), replay.TaskQueueKindSticky},
		{"continue-as-new initiator", can.GetInitiator(), replay.ContinueAsNewInitiatorRetry},
		{"command type", enumspb.COMMAND_TYPE_START_TIMER, replay.CommandTypeStartTimer},
		{"child start failed cause", enumspb.START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS,
			replay.StartChildWorkflowExecutionFailedCauseWorkflowAlreadyExists},
		{"update origin", enumspb.UPDATE_ADMITTED_EVENT_ORIGIN_REAPPLY, replay.UpdateAdmittedEventOriginReapply},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if got := enumspb.TASK_QUEUE_KIND_NORMAL.String(); got != "Normal" {
		t.Errorf("TASK_QUEUE_KIND_NORMAL.String() = %q, want Normal (as Temporal's Go SDK prints it)", got)
	}
}
