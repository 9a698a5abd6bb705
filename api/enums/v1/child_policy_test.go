package enums_test

import (
	"testing"
	"time"

	enumspb "github.com/wfsim/wfsim/api/enums/v1"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func policyChild(ctx workflow.Context) error { return nil }

// A recorded child's ParentClosePolicy compares with this package's
// constants, as code written for Temporal compares it
// (0x63616c/software-factory checks its dispatcher's recorded children so).
func TestRecordedParentClosePolicyComparesWithTheEnum(t *testing.T) {
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(policyChild)
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			ParentClosePolicy: enumspb.PARENT_CLOSE_POLICY_REQUEST_CANCEL, WorkflowRunTimeout: time.Minute,
		})
		return workflow.ExecuteChildWorkflow(ctx, policyChild).Get(ctx, nil)
	})
	if err := env.GetWorkflowError(); err != nil {
		t.Fatal(err)
	}
	var got []enumspb.ParentClosePolicy
	for _, ev := range env.History().Events {
		if a := ev.GetStartChildWorkflowExecutionInitiatedEventAttributes(); a != nil {
			got = append(got, a.GetParentClosePolicy())
			if a.GetParentClosePolicy() != enumspb.PARENT_CLOSE_POLICY_REQUEST_CANCEL {
				t.Errorf("recorded policy %v, want RequestCancel", a.GetParentClosePolicy())
			}
		}
	}
	if len(got) != 1 {
		t.Fatalf("recorded %d child starts, want 1", len(got))
	}
}
