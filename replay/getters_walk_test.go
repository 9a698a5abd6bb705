package replay_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	enums "github.com/wfsim/wfsim/api/enums/v1"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// History-walking code written for Temporal's protobuf types (a test
// inspecting a recorded history, replay tooling) reads wfsim's histories
// through the same getter chains. The comments show the Temporal spelling
// where it differs.

func walkCharge(ctx context.Context, card string) error {
	return wfsim.NewApplicationError("card "+card+" declined", "PaymentError")
}

func walkGreet(ctx workflow.Context, name string) (string, error) { return "hello " + name, nil }

func walkWorkflow(ctx workflow.Context, card string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: time.Minute,
		RetryPolicy:         &wfsim.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 2},
	})
	err := workflow.ExecuteActivity(ctx, "Charge", card).Get(ctx, nil)
	if !errors.As(err, new(*wfsim.ApplicationError)) {
		return "", fmt.Errorf("want the activity's ApplicationError, got %w", err)
	}
	if err := workflow.Sleep(ctx, time.Hour); err != nil {
		return "", err
	}
	ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "greeter"})
	var greeting string
	err = workflow.ExecuteChildWorkflow(ctx, "Greet", card).Get(ctx, &greeting)
	return greeting, err
}

func recordWalk(t *testing.T) *replay.History {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(walkWorkflow, workflow.RegisterOptions{Name: "Walk"})
	env.RegisterWorkflowWithOptions(walkGreet, workflow.RegisterOptions{Name: "Greet"})
	env.RegisterActivityWithOptions(walkCharge, activity.RegisterOptions{Name: "Charge"})
	env.ExecuteWorkflow("Walk", "4242")
	if !env.IsWorkflowCompleted() || env.GetWorkflowError() != nil {
		t.Fatalf("the run did not complete: %v", env.GetWorkflowError())
	}
	return env.History()
}

func TestGetterChainsWalkARecordedHistory(t *testing.T) {
	t.Parallel()
	h := recordWalk(t)

	got := map[string]any{}
	var last time.Time
	scheduled := map[int64]string{} // activity scheduled event ID → activity type
	for _, ev := range h.GetEvents() {
		// Temporal: ev.GetEventTime().AsTime()
		if at := ev.GetEventTime(); at.IsZero() || at.Before(last) {
			t.Errorf("event %d at %v, after %v", ev.GetEventId(), at, last)
		} else {
			last = at
		}
		switch ev.GetEventType() {
		case enums.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
			a := ev.GetWorkflowExecutionStartedEventAttributes()
			got["workflow type"] = a.GetWorkflowType().GetName()
			got["task queue"] = a.GetTaskQueue().GetName()
			got["task queue kind"] = a.GetTaskQueue().GetKind()
			got["input payloads"] = len(a.GetInput().GetPayloads())
			got["first run ID set"] = a.GetFirstExecutionRunId() != ""
			// No parent, no retry policy, no header: nil messages read as zero.
			got["parent workflow ID"] = a.GetParentWorkflowExecution().GetWorkflowId()
			got["workflow retry attempts"] = a.GetRetryPolicy().GetMaximumAttempts()
			got["workflow retry interval"] = a.GetRetryPolicy().GetInitialInterval() // Temporal: .AsDuration()
			got["header fields"] = len(a.GetHeader().GetFields())
		case enums.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
			a := ev.GetActivityTaskScheduledEventAttributes()
			scheduled[ev.GetEventId()] = a.GetActivityType().GetName()
			got["activity ID"] = a.GetActivityId()
			got["activity task queue"] = a.GetTaskQueue().GetName()
			got["start-to-close"] = a.GetStartToCloseTimeout() // Temporal: .AsDuration()
			got["activity max attempts"] = a.GetRetryPolicy().GetMaximumAttempts()
			got["activity backoff"] = a.GetRetryPolicy().GetBackoffCoefficient()
			got["scheduled by task"] = a.GetWorkflowTaskCompletedEventId() > 0
		case enums.EVENT_TYPE_ACTIVITY_TASK_STARTED:
			a := ev.GetActivityTaskStartedEventAttributes()
			got["last attempt"] = a.GetAttempt()
			got["last attempt's previous failure"] = a.GetLastFailure().GetApplicationFailureInfo().GetType()
		case enums.EVENT_TYPE_ACTIVITY_TASK_FAILED:
			a := ev.GetActivityTaskFailedEventAttributes()
			got["failed activity"] = scheduled[a.GetScheduledEventId()]
			got["failure message"] = a.GetFailure().GetMessage()
			got["failure type"] = a.GetFailure().GetApplicationFailureInfo().GetType()
			got["failure non-retryable"] = a.GetFailure().GetApplicationFailureInfo().GetNonRetryable()
			got["failure cause"] = a.GetFailure().GetCause().GetMessage()
			got["retry state"] = a.GetRetryState()
		case enums.EVENT_TYPE_TIMER_STARTED:
			a := ev.GetTimerStartedEventAttributes()
			got["timer"] = a.GetStartToFireTimeout() // Temporal: .AsDuration()
		case enums.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED:
			a := ev.GetStartChildWorkflowExecutionInitiatedEventAttributes()
			got["child type"] = a.GetWorkflowType().GetName()
			got["child ID"] = a.GetWorkflowId()
			got["child parent close policy"] = a.GetParentClosePolicy()
		case enums.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED:
			a := ev.GetChildWorkflowExecutionCompletedEventAttributes()
			got["completed child ID"] = a.GetWorkflowExecution().GetWorkflowId()
			got["completed child run ID set"] = a.GetWorkflowExecution().GetRunId() != ""
			got["child result payloads"] = len(a.GetResult().GetPayloads())
		case enums.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
			a := ev.GetWorkflowExecutionCompletedEventAttributes()
			got["result payloads"] = len(a.GetResult().GetPayloads())
			got["result encoding"] = string(a.GetResult().GetPayloads()[0].GetMetadata()["encoding"])
		}
		// The wrong attributes are nil, and so is everything under them.
		if ev.GetEventType() != enums.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED {
			if n := ev.GetActivityTaskScheduledEventAttributes().GetActivityType().GetName(); n != "" {
				t.Errorf("event %d: activity type %q through nil attributes", ev.GetEventId(), n)
			}
		}
	}
	want := map[string]any{
		"workflow type":                   "Walk",
		"task queue":                      "default-test-taskqueue",
		"task queue kind":                 replay.TaskQueueKindNormal,
		"input payloads":                  1,
		"first run ID set":                true,
		"parent workflow ID":              "",
		"workflow retry attempts":         int32(0),
		"workflow retry interval":         time.Duration(0),
		"header fields":                   0,
		"activity ID":                     "5",
		"activity task queue":             "default-test-taskqueue",
		"start-to-close":                  time.Minute,
		"activity max attempts":           int32(2),
		"activity backoff":                2.0,
		"scheduled by task":               true,
		"last attempt":                    int32(2),
		"last attempt's previous failure": "PaymentError",
		"failed activity":                 "Charge",
		"failure message":                 "card 4242 declined",
		"failure type":                    "PaymentError",
		"failure non-retryable":           false,
		"failure cause":                   "",
		"retry state":                     wfsim.RetryStateMaximumAttemptsReached,
		"timer":                           time.Hour,
		"child type":                      "Greet",
		"child ID":                        "greeter",
		"child parent close policy":       replay.ParentClosePolicyTerminate,
		"completed child ID":              "greeter",
		"completed child run ID set":      true,
		"child result payloads":           1,
		"result payloads":                 1,
		"result encoding":                 "json/plain",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("walking the history (-want +got):\n%s", diff)
	}
}

// Getters on nil messages return zero values all the way down, as
// protoc-gen-go's do.
func TestGettersOnNilMessages(t *testing.T) {
	t.Parallel()
	var (
		h  *replay.History
		ev *replay.Event
	)
	tests := []struct {
		name      string
		got, want any
	}{
		{"history events", len(h.GetEvents()), 0},
		{"event time", ev.GetEventTime(), time.Time{}},
		{"event version", ev.GetVersion(), int64(0)},
		{"worker may ignore", ev.GetWorkerMayIgnore(), false},
		{"attributes", ev.GetAttributes(), replay.EventAttributes(nil)},
		{"task queue name", ev.GetWorkflowExecutionStartedEventAttributes().GetTaskQueue().GetName(), ""},
		{"task queue kind", ev.GetWorkflowTaskScheduledEventAttributes().GetTaskQueue().GetKind(), replay.TaskQueueKind(0)},
		{"input payloads", len(ev.GetActivityTaskScheduledEventAttributes().GetInput().GetPayloads()), 0},
		{"retry interval", ev.GetActivityTaskScheduledEventAttributes().GetRetryPolicy().GetInitialInterval(), time.Duration(0)},
		{"failure type", ev.GetActivityTaskFailedEventAttributes().GetFailure().GetApplicationFailureInfo().GetType(), ""},
		{"child run ID", ev.GetChildWorkflowExecutionStartedEventAttributes().GetWorkflowExecution().GetRunId(), ""},
		{"update ID", ev.GetWorkflowExecutionUpdateAcceptedEventAttributes().GetAcceptedRequest().GetMeta().GetUpdateId(), ""},
		{"update args", len(ev.GetWorkflowExecutionUpdateAdmittedEventAttributes().GetRequest().GetInput().GetArgs().GetPayloads()), 0},
		{"memo", len(ev.GetWorkflowExecutionStartedEventAttributes().GetMemo().GetFields()), 0},
		{"search attributes", len(ev.GetUpsertWorkflowSearchAttributesEventAttributes().GetSearchAttributes().GetIndexedFields()), 0},
		{"summary", ev.GetUserMetadata().GetSummary().GetData() == nil, true},
		{"link workflow ID", (*replay.Link)(nil).GetWorkflowEvent().GetWorkflowId(), ""},
		{"link event ID", (*replay.Link)(nil).GetWorkflowEvent().GetEventRef().GetEventId(), int64(0)},
		{"reset point time", (*replay.ResetPoints)(nil).GetPoints() == nil, true},
		{"sdk name", ev.GetWorkflowTaskCompletedEventAttributes().GetSdkMetadata().GetSdkName(), ""},
		{"nexus header", ev.GetNexusOperationScheduledEventAttributes().GetNexusHeader() == nil, true},
		{"marker details", ev.GetMarkerRecordedEventAttributes().GetDetails()["data"].GetPayloads() == nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.got != tc.want {
				t.Errorf("got %#v, want %#v", tc.got, tc.want)
			}
		})
	}
}

// A history Temporal's server wrote reads the same way.
func TestGetterChainsWalkAServerHistory(t *testing.T) {
	t.Parallel()
	h, err := replay.ReadHistoryFile("testdata/reset-workflow-after-child-complete.json")
	if err != nil {
		t.Fatal(err)
	}
	started := h.GetEvents()[0].GetWorkflowExecutionStartedEventAttributes()
	if started.GetWorkflowType().GetName() == "" || started.GetTaskQueue().GetName() == "" {
		t.Errorf("started event: type %q, queue %q", started.GetWorkflowType().GetName(), started.GetTaskQueue().GetName())
	}
	children := 0
	for _, ev := range h.GetEvents() {
		if a := ev.GetChildWorkflowExecutionCompletedEventAttributes(); a != nil {
			children++
			if a.GetWorkflowExecution().GetWorkflowId() == "" || a.GetInitiatedEventId() == 0 || a.GetNamespace() == "" {
				t.Errorf("event %d: child %+v", ev.GetEventId(), a)
			}
		}
		if a := ev.GetWorkflowTaskFailedEventAttributes(); a != nil {
			if a.GetCause() != replay.WorkflowTaskFailedCauseResetWorkflow || a.GetBaseRunId() == "" || a.GetNewRunId() == "" {
				t.Errorf("event %d: reset %+v", ev.GetEventId(), a)
			}
		}
	}
	if children == 0 {
		t.Error("no ChildWorkflowExecutionCompleted event")
	}
}
