package history_test

import (
	"context"
	"fmt"

	historypb "github.com/wfsim/wfsim/api/history/v1"

	"github.com/wfsim/wfsim/testsuite"
)

func Greet(_ context.Context, name string) (string, error) { return "Hello, " + name, nil }

// Code written for Temporal that walks a history's events with a type
// switch on GetAttributes ports with its cases naming the attribute types
// themselves: wfsim has no oneof wrappers.
func Example() {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(greetLater)
	env.RegisterActivity(Greet)
	env.ExecuteWorkflow(greetLater, "Ada")

	var h *historypb.History = env.History()
	for _, ev := range h.GetEvents() {
		switch a := ev.GetAttributes().(type) {
		case *historypb.TimerStartedEventAttributes:
			fmt.Println(ev.GetEventId(), "timer for", a.GetStartToFireTimeout())
		case *historypb.ActivityTaskScheduledEventAttributes:
			fmt.Println(ev.GetEventId(), "activity", a.GetActivityType().GetName(), "on", a.GetTaskQueue().GetName())
		case *historypb.WorkflowExecutionCompletedEventAttributes:
			fmt.Println(ev.GetEventId(), "completed with", len(a.GetResult().GetPayloads()), "result")
		}
	}
	// Output:
	// 5 timer for 1m0s
	// 10 activity Greet on default-test-taskqueue
	// 16 completed with 1 result
}
