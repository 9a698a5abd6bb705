package replay_test

import (
	"fmt"
	"strings"

	"github.com/wfsim/wfsim/replay"
)

// A workflow that sleeps an hour and then returns a greeting, as
// `temporal workflow show --output json` prints it (trimmed).
const greetHistory = `{
  "events": [
    {"eventId": "1", "eventTime": "2000-01-01T00:00:00Z", "eventType": "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED",
     "workflowExecutionStartedEventAttributes": {
       "workflowType": {"name": "Greet"}, "taskQueue": {"name": "greetings", "kind": "TASK_QUEUE_KIND_NORMAL"},
       "input": {"payloads": [{"metadata": {"encoding": "anNvbi9wbGFpbg=="}, "data": "IlRlbXBvcmFsIg=="}]}}},
    {"eventId": "2", "eventTime": "2000-01-01T00:00:00Z", "eventType": "EVENT_TYPE_WORKFLOW_TASK_SCHEDULED"},
    {"eventId": "3", "eventTime": "2000-01-01T00:00:00Z", "eventType": "EVENT_TYPE_WORKFLOW_TASK_STARTED"},
    {"eventId": "4", "eventTime": "2000-01-01T00:00:00Z", "eventType": "EVENT_TYPE_WORKFLOW_TASK_COMPLETED"},
    {"eventId": "5", "eventTime": "2000-01-01T00:00:00Z", "eventType": "EVENT_TYPE_TIMER_STARTED",
     "timerStartedEventAttributes": {"timerId": "5", "startToFireTimeout": "3600s", "workflowTaskCompletedEventId": "4"}},
    {"eventId": "6", "eventTime": "2000-01-01T01:00:00Z", "eventType": "EVENT_TYPE_TIMER_FIRED",
     "timerFiredEventAttributes": {"timerId": "5", "startedEventId": "5"}},
    {"eventId": "7", "eventTime": "2000-01-01T01:00:00Z", "eventType": "EVENT_TYPE_WORKFLOW_TASK_SCHEDULED"},
    {"eventId": "8", "eventTime": "2000-01-01T01:00:00Z", "eventType": "EVENT_TYPE_WORKFLOW_TASK_STARTED"},
    {"eventId": "9", "eventTime": "2000-01-01T01:00:00Z", "eventType": "EVENT_TYPE_WORKFLOW_TASK_COMPLETED"},
    {"eventId": "10", "eventTime": "2000-01-01T01:00:00Z", "eventType": "EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED",
     "workflowExecutionCompletedEventAttributes": {
       "result": {"payloads": [{"metadata": {"encoding": "anNvbi9wbGFpbg=="}, "data": "IkhlbGxvIFRlbXBvcmFsISI="}]},
       "workflowTaskCompletedEventId": "9"}}
  ]
}`

func Example() {
	h, err := replay.ReadHistory(strings.NewReader(greetHistory))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(h)

	timer := h.Events[4].GetTimerStartedEventAttributes()
	fmt.Println("timer", timer.TimerID, "sleeps", timer.StartToFireTimeout)
	// Output:
	//  1  +0s      WorkflowExecutionStarted    workflowType=Greet taskQueue=greetings input="Temporal"
	//  2  +0s      WorkflowTaskScheduled
	//  3  +0s      WorkflowTaskStarted
	//  4  +0s      WorkflowTaskCompleted
	//  5  +0s      TimerStarted                timerId=5 startToFireTimeout=1h0m0s
	//  6  +1h0m0s  TimerFired                  timerId=5
	//  7  +1h0m0s  WorkflowTaskScheduled
	//  8  +1h0m0s  WorkflowTaskStarted
	//  9  +1h0m0s  WorkflowTaskCompleted
	// 10  +1h0m0s  WorkflowExecutionCompleted  result="Hello Temporal!"
	// timer 5 sleeps 1h0m0s
}

func ExampleReadHistory_errors() {
	// A Cadence history: a top-level array with decision task events.
	_, err := replay.ReadHistory(strings.NewReader(`[{"eventId": 1, "timestamp": 1679416555872012261, "eventType": "WorkflowExecutionStarted"}]`))
	fmt.Println(err)

	// Event 3 is missing.
	_, err = replay.ReadHistory(strings.NewReader(`{"events": [
	  {"eventId": "1", "eventType": "WorkflowExecutionStarted"},
	  {"eventId": "2", "eventType": "WorkflowTaskScheduled"},
	  {"eventId": "4", "eventType": "WorkflowTaskStarted"}]}`))
	fmt.Println(err)
	// Output:
	// replay: history: Cadence histories are not supported (wfsim reads Temporal's JSON format): the file is a top-level array of Cadence events (DecisionTask*, timestamps in nanoseconds)
	// replay: event 4 (index 2), field eventId: missing history events: event 4 follows event 2 (expected 3, got 4)
}
