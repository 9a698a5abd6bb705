package workflow_test

import (
	"fmt"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A workflow reads its memo as in Temporal: Info.Memo is a message with
// Fields (nil when the run has no memo; GetFields is nil-safe), and
// UpsertMemo replaces it with the merged memo at once.
func ExampleGetInfo_memo() {
	wf := func(ctx workflow.Context) (string, error) {
		dc := converter.GetDefaultDataConverter()
		var description string
		if err := dc.FromPayload(workflow.GetInfo(ctx).Memo.Fields["description"], &description); err != nil {
			return "", err
		}
		if err := workflow.UpsertMemo(ctx, map[string]any{"owner": "ops"}); err != nil {
			return "", err
		}
		return fmt.Sprintf("%s, %d fields now", description, len(workflow.GetInfo(ctx).Memo.GetFields())), nil
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	_ = env.SetMemoOnStart(map[string]any{"description": "nightly report"})
	env.ExecuteWorkflow(wf)
	var out string
	if err := env.GetWorkflowResult(&out); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(out)
	// Output: nightly report, 2 fields now
}
