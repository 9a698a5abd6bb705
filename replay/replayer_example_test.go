package replay_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// historyJSON is a run of an Order workflow that charged a card, as
// `temporal workflow show --output json` prints it.
const historyJSON = `{"events": [
 {"eventId": "1", "eventTime": "2000-01-01T00:00:00Z", "eventType": "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED",
  "workflowExecutionStartedEventAttributes": {"workflowType": {"name": "Order"}, "taskQueue": {"name": "orders"},
   "input": {"payloads": [{"metadata": {"encoding": "anNvbi9wbGFpbg=="}, "data": "IjQyNDIi"}]}}},
 {"eventId": "2", "eventTime": "2000-01-01T00:00:00Z", "eventType": "EVENT_TYPE_WORKFLOW_TASK_SCHEDULED",
  "workflowTaskScheduledEventAttributes": {"taskQueue": {"name": "orders"}}},
 {"eventId": "3", "eventTime": "2000-01-01T00:00:00Z", "eventType": "EVENT_TYPE_WORKFLOW_TASK_STARTED",
  "workflowTaskStartedEventAttributes": {"scheduledEventId": "2"}},
 {"eventId": "4", "eventTime": "2000-01-01T00:00:00Z", "eventType": "EVENT_TYPE_WORKFLOW_TASK_COMPLETED",
  "workflowTaskCompletedEventAttributes": {"scheduledEventId": "2", "startedEventId": "3"}},
 {"eventId": "5", "eventTime": "2000-01-01T00:00:00Z", "eventType": "EVENT_TYPE_ACTIVITY_TASK_SCHEDULED",
  "activityTaskScheduledEventAttributes": {"activityId": "5", "activityType": {"name": "Charge"},
   "taskQueue": {"name": "orders"}, "startToCloseTimeout": "60s", "workflowTaskCompletedEventId": "4",
   "input": {"payloads": [{"metadata": {"encoding": "anNvbi9wbGFpbg=="}, "data": "IjQyNDIi"}]}}},
 {"eventId": "6", "eventTime": "2000-01-01T00:00:01Z", "eventType": "EVENT_TYPE_ACTIVITY_TASK_STARTED",
  "activityTaskStartedEventAttributes": {"scheduledEventId": "5", "attempt": 1}},
 {"eventId": "7", "eventTime": "2000-01-01T00:00:02Z", "eventType": "EVENT_TYPE_ACTIVITY_TASK_COMPLETED",
  "activityTaskCompletedEventAttributes": {"scheduledEventId": "5", "startedEventId": "6",
   "result": {"payloads": [{"metadata": {"encoding": "anNvbi9wbGFpbg=="}, "data": "ImNoYXJnZWQi"}]}}},
 {"eventId": "8", "eventTime": "2000-01-01T00:00:02Z", "eventType": "EVENT_TYPE_WORKFLOW_TASK_SCHEDULED",
  "workflowTaskScheduledEventAttributes": {"taskQueue": {"name": "orders"}}},
 {"eventId": "9", "eventTime": "2000-01-01T00:00:02Z", "eventType": "EVENT_TYPE_WORKFLOW_TASK_STARTED",
  "workflowTaskStartedEventAttributes": {"scheduledEventId": "8"}},
 {"eventId": "10", "eventTime": "2000-01-01T00:00:02Z", "eventType": "EVENT_TYPE_WORKFLOW_TASK_COMPLETED",
  "workflowTaskCompletedEventAttributes": {"scheduledEventId": "8", "startedEventId": "9"}},
 {"eventId": "11", "eventTime": "2000-01-01T00:00:02Z", "eventType": "EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED",
  "workflowExecutionCompletedEventAttributes": {"workflowTaskCompletedEventId": "10",
   "result": {"payloads": [{"metadata": {"encoding": "anNvbi9wbGFpbg=="}, "data": "ImNoYXJnZWQi"}]}}}
]}`

// Order is the workflow that recorded the history.
func Order(ctx workflow.Context, card string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var receipt string
	err := workflow.ExecuteActivity(ctx, "Charge", card).Get(ctx, &receipt)
	return receipt, err
}

// OrderV2 waits an hour before charging: a change that breaks the
// histories of runs Order started.
func OrderV2(ctx workflow.Context, card string) (string, error) {
	if err := workflow.Sleep(ctx, time.Hour); err != nil {
		return "", err
	}
	return Order(ctx, card)
}

func ExampleWorkflowReplayer() {
	h, err := replay.ReadHistory(strings.NewReader(historyJSON))
	if err != nil {
		panic(err)
	}

	r := replay.NewWorkflowReplayer()
	r.RegisterWorkflow(Order)
	fmt.Println("Order:", r.ReplayWorkflowHistory(nil, h))

	r2 := replay.NewWorkflowReplayer()
	r2.RegisterWorkflowWithOptions(OrderV2, workflow.RegisterOptions{Name: "Order"})
	err = r2.ReplayWorkflowHistory(nil, h)
	var nd *replay.NondeterminismError
	if errors.As(err, &nd) {
		fmt.Println("OrderV2:", strings.SplitN(err.Error(), "\n", 2)[0])
		fmt.Println("at event", nd.EventID, "the history has", nd.History.Type, "and the code", nd.Code.Type)
	}
	// Output:
	// Order: <nil>
	// OrderV2: replay: event 5: history schedules activity "Charge" (ID 5), the code started a 1h0m0s timer (ID 5) instead
	// at event 5 the history has ScheduleActivityTask and the code StartTimer
}

// Strict mode also compares what Temporal's replayer ignores, such as the
// arguments of activities.
func ExampleWorkflowReplayerOptions_strict() {
	h, err := replay.ReadHistory(strings.NewReader(historyJSON))
	if err != nil {
		panic(err)
	}
	// ChargeOther charges another card than the one the history's run
	// charged.
	chargeOther := func(ctx workflow.Context, card string) (string, error) { return Order(ctx, "1111") }

	for _, strict := range []bool{false, true} {
		r, _ := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{Strict: strict})
		r.RegisterWorkflowWithOptions(chargeOther, workflow.RegisterOptions{Name: "Order"})
		err := r.ReplayWorkflowHistory(nil, h)
		if err != nil {
			err = errors.New(strings.SplitN(err.Error(), "\n", 2)[0])
		}
		fmt.Printf("strict=%v: %v\n", strict, err)
	}
	// Output:
	// strict=false: <nil>
	// strict=true: replay: event 5: history schedules activity "Charge" (ID 5) and the code did too, but with a different input (strict mode)
}
