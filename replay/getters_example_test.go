package replay_test

import (
	"fmt"
	"strings"

	enums "github.com/wfsim/wfsim/api/enums/v1"
	"github.com/wfsim/wfsim/replay"
)

// Code that walks a history through Temporal's protobuf getters reads
// wfsim's history unchanged, except that times and durations are
// time.Time and time.Duration: no .AsTime() or .AsDuration().
func ExampleEvent_getters() {
	h, err := replay.ReadHistory(strings.NewReader(greetHistory))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ev := range h.GetEvents() {
		switch ev.GetEventType() {
		case enums.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
			a := ev.GetWorkflowExecutionStartedEventAttributes()
			// No parent: GetParentWorkflowExecution is nil, and its getters give "".
			fmt.Printf("started %s on %s with %d argument(s), parent %q\n", a.GetWorkflowType().GetName(),
				a.GetTaskQueue().GetName(), len(a.GetInput().GetPayloads()), a.GetParentWorkflowExecution().GetWorkflowId())
		case enums.EVENT_TYPE_TIMER_STARTED:
			a := ev.GetTimerStartedEventAttributes()
			fmt.Println("timer", a.GetTimerId(), "for", a.GetStartToFireTimeout(), "by task", a.GetWorkflowTaskCompletedEventId())
		case enums.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
			fmt.Println("completed at", ev.GetEventTime().Format("15:04"),
				"with", string(ev.GetWorkflowExecutionCompletedEventAttributes().GetResult().GetPayloads()[0].GetData()))
		}
	}
	// Output:
	// started Greet on greetings with 1 argument(s), parent ""
	// timer 5 for 1h0m0s by task 4
	// completed at 01:00 with "Hello Temporal!"
}
