package enums_test

import (
	"testing"

	enumspb "github.com/wfsim/wfsim/api/enums/v1"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func statusWorkflow(ctx workflow.Context, s enumspb.WorkflowExecutionStatus) (string, error) {
	return s.String(), nil
}

// A WorkflowExecutionStatus passes as a workflow argument (encoded as its
// number, as Temporal's is) and prints as Temporal's SDK prints it.
func TestWorkflowExecutionStatus(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(statusWorkflow, enumspb.WORKFLOW_EXECUTION_STATUS_TIMED_OUT)
	var got string
	if err := env.GetWorkflowResult(&got); err != nil || got != "TimedOut" {
		t.Fatalf("result = %q, %v; want TimedOut", got, err)
	}
	for s, want := range map[enumspb.WorkflowExecutionStatus]string{
		enumspb.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED:      "Unspecified",
		enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING:          "Running",
		enumspb.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW: "ContinuedAsNew",
		enumspb.WORKFLOW_EXECUTION_STATUS_PAUSED:           "Paused",
		9:                                                  "9",
	} {
		if s.String() != want {
			t.Errorf("%d.String() = %q, want %q", int32(s), s.String(), want)
		}
	}
	if enumspb.WORKFLOW_EXECUTION_STATUS_PAUSED != 8 {
		t.Error("WORKFLOW_EXECUTION_STATUS_PAUSED is not Temporal's 8")
	}
}
