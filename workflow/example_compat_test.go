package workflow_test

import (
	"fmt"
	"time"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func ExampleNewTimerWithOptions() {
	wf := func(ctx workflow.Context) error {
		return workflow.NewTimerWithOptions(ctx, 15*time.Minute, workflow.TimerOptions{Summary: "cool-down"}).Get(ctx, nil)
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(wf)
	for _, ev := range env.History().Events {
		if ev.EventType == replay.EventTypeTimerStarted {
			var summary string
			_ = converter.GetDefaultDataConverter().FromPayload(ev.GetUserMetadata().Summary, &summary)
			fmt.Println(ev.EventType, ev.GetTimerStartedEventAttributes().StartToFireTimeout, summary)
		}
	}
	// Output: TimerStarted 15m0s cool-down
}

func ExampleAwaitWithOptions() {
	wf := func(ctx workflow.Context) (string, error) {
		approved := false
		workflow.Go(ctx, func(ctx workflow.Context) {
			workflow.GetSignalChannel(ctx, "approve").Receive(ctx, &approved)
		})
		ok, err := workflow.AwaitWithOptions(ctx, workflow.AwaitOptions{
			Timeout:      24 * time.Hour,
			TimerOptions: workflow.TimerOptions{Summary: "approval deadline"},
		}, func() bool { return approved })
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("approved=%v after %v", ok, elapsed(ctx)), nil
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("approve", true) }, 3*time.Hour)
	env.ExecuteWorkflow(wf)
	var out string
	_ = env.GetWorkflowResult(&out)
	fmt.Println(out)
	// Output: approved=true after 3h0m0s
}

func ExampleGetLastCompletionResult() {
	// A cron workflow that carries a counter from one run to the next.
	wf := func(ctx workflow.Context) (int, error) {
		count := 0
		if workflow.HasLastCompletionResult(ctx) {
			if err := workflow.GetLastCompletionResult(ctx, &count); err != nil {
				return 0, err
			}
		}
		return count + 1, nil
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetLastCompletionResult(41) // as if an earlier run returned 41
	env.ExecuteWorkflow(wf)
	var out int
	_ = env.GetWorkflowResult(&out)
	fmt.Println(out)
	// Output: 42
}

func ExampleWithWorkflowID() {
	child := func(ctx workflow.Context) (string, error) {
		return workflow.GetInfo(ctx).WorkflowExecution.ID, nil
	}
	wf := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithWorkflowID(ctx, "invoice-42")
		var id string
		err := workflow.ExecuteChildWorkflow(ctx, "Invoice").Get(ctx, &id)
		return id, err
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(child, workflow.RegisterOptions{Name: "Invoice"})
	env.ExecuteWorkflow(wf)
	var out string
	if err := env.GetWorkflowResult(&out); err != nil {
		fmt.Println(err)
	}
	fmt.Println(out)
	// Output: invoice-42
}

func ExampleUpsertSearchAttributes() {
	wf := func(ctx workflow.Context) (string, error) {
		if err := workflow.UpsertSearchAttributes(ctx, map[string]any{"CustomKeywordField": "seattle"}); err != nil {
			return "", err
		}
		return string(workflow.GetInfo(ctx).SearchAttributes.IndexedFields["CustomKeywordField"].Data), nil
	}
	runExample(wf)
	// Output: "seattle"
}
