package history_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	commonpb "github.com/wfsim/wfsim/api/common/v1"
	enumspb "github.com/wfsim/wfsim/api/enums/v1"
	failurepb "github.com/wfsim/wfsim/api/failure/v1"
	historypb "github.com/wfsim/wfsim/api/history/v1"
	taskqueuepb "github.com/wfsim/wfsim/api/taskqueue/v1"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/genaliases"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

func TestGeneratedAliasesUpToDate(t *testing.T) {
	t.Parallel()
	if err := genaliases.CheckFile(".", "doc.go"); err != nil {
		t.Fatal(err)
	}
}

// The aliases are the replay package's types: values pass between code
// written against either name without conversion. (A few, compiled; the
// generated file and its test cover the rest.)
var (
	_ *replay.History                                 = (*historypb.History)(nil)
	_ *replay.Event                                   = (*historypb.HistoryEvent)(nil)
	_ *replay.WorkflowExecutionStartedEventAttributes = (*historypb.WorkflowExecutionStartedEventAttributes)(nil)
	_ *replay.ActivityTaskScheduledEventAttributes    = (*historypb.ActivityTaskScheduledEventAttributes)(nil)
	_ *replay.TimerFiredEventAttributes               = (*historypb.TimerFiredEventAttributes)(nil)
	_ *replay.NexusOperationScheduledEventAttributes  = (*historypb.NexusOperationScheduledEventAttributes)(nil)
	_ replay.EventAttributes                          = (*historypb.WorkflowExecutionUpdateAcceptedEventAttributes)(nil)
)

var epoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func payloads(t *testing.T, values ...any) *commonpb.Payloads {
	t.Helper()
	p, err := converter.GetDefaultDataConverter().ToPayloads(values...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// greetLater waits a minute, then greets through an activity.
func greetLater(ctx workflow.Context, name string) (string, error) {
	if err := workflow.Sleep(ctx, time.Minute); err != nil {
		return "", err
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var greeting string
	err := workflow.ExecuteActivity(ctx, "Greet", name).Get(ctx, &greeting)
	return greeting, err
}

// greetHistory is a history of greetLater, written the way a Temporal
// replay test writes one by hand, with historypb's types (fields in Go
// style, no oneof wrappers, durations and times from package time).
func greetHistory(t *testing.T, activityType string) *historypb.History {
	queue := taskqueuepb.TaskQueue{Name: "greetings", Kind: enumspb.TASK_QUEUE_KIND_NORMAL}
	task := func(first int64) []*historypb.HistoryEvent {
		return []*historypb.HistoryEvent{
			{EventType: enumspb.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
				Attributes: &historypb.WorkflowTaskScheduledEventAttributes{TaskQueue: queue, StartToCloseTimeout: 10 * time.Second, Attempt: 1}},
			{EventType: enumspb.EVENT_TYPE_WORKFLOW_TASK_STARTED,
				Attributes: &historypb.WorkflowTaskStartedEventAttributes{ScheduledEventID: first}},
			{EventType: enumspb.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
				Attributes: &historypb.WorkflowTaskCompletedEventAttributes{ScheduledEventID: first, StartedEventID: first + 1}},
		}
	}
	events := []*historypb.HistoryEvent{
		{EventType: enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
			Attributes: &historypb.WorkflowExecutionStartedEventAttributes{
				WorkflowType:             commonpb.WorkflowType{Name: "greetLater"},
				TaskQueue:                queue,
				Input:                    payloads(t, "Ada"),
				WorkflowRunTimeout:       time.Hour,
				OriginalExecutionRunID:   "run-1",
				FirstExecutionRunID:      "run-1",
				Attempt:                  1,
				WorkflowExecutionTimeout: time.Hour,
			}},
	}
	events = append(events, task(2)...)
	events = append(events,
		&historypb.HistoryEvent{EventType: enumspb.EVENT_TYPE_TIMER_STARTED,
			Attributes: &historypb.TimerStartedEventAttributes{TimerID: "5", StartToFireTimeout: time.Minute, WorkflowTaskCompletedEventID: 4}},
		&historypb.HistoryEvent{EventType: enumspb.EVENT_TYPE_TIMER_FIRED,
			Attributes: &historypb.TimerFiredEventAttributes{TimerID: "5", StartedEventID: 5}},
	)
	events = append(events, task(7)...)
	events = append(events,
		&historypb.HistoryEvent{EventType: enumspb.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
			Attributes: &historypb.ActivityTaskScheduledEventAttributes{
				ActivityID:                   "10",
				ActivityType:                 commonpb.ActivityType{Name: activityType},
				TaskQueue:                    queue,
				Input:                        payloads(t, "Ada"),
				StartToCloseTimeout:          time.Minute,
				WorkflowTaskCompletedEventID: 9,
				RetryPolicy:                  &commonpb.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: 100 * time.Second},
			}},
		&historypb.HistoryEvent{EventType: enumspb.EVENT_TYPE_ACTIVITY_TASK_STARTED,
			Attributes: &historypb.ActivityTaskStartedEventAttributes{ScheduledEventID: 10, Attempt: 1}},
		&historypb.HistoryEvent{EventType: enumspb.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
			Attributes: &historypb.ActivityTaskCompletedEventAttributes{ScheduledEventID: 10, StartedEventID: 11, Result: payloads(t, "Hello, Ada")}},
	)
	events = append(events, task(13)...)
	events = append(events, &historypb.HistoryEvent{EventType: enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
		Attributes: &historypb.WorkflowExecutionCompletedEventAttributes{Result: payloads(t, "Hello, Ada"), WorkflowTaskCompletedEventID: 15}})
	for i, ev := range events {
		ev.EventID = int64(i) + 1
		ev.EventTime = epoch
		if ev.EventID >= 6 {
			ev.EventTime = epoch.Add(time.Minute)
		}
	}
	return &historypb.History{Events: events}
}

// A history built with historypb's types replays with the worker
// package's replayer, as a Temporal replay test's does.
func TestReplayHandBuiltHistory(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name         string
		activityType string
		wantNDE      bool
	}{
		{"as the code runs", "Greet", false},
		{"another activity recorded", "Farewell", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			replayer := worker.NewWorkflowReplayer()
			replayer.RegisterWorkflow(greetLater)
			err := replayer.ReplayWorkflowHistory(nil, greetHistory(t, tc.activityType))
			var nde *replay.NondeterminismError
			if got := errors.As(err, &nde); got != tc.wantNDE || (err != nil && !got) {
				t.Fatalf("ReplayWorkflowHistory: got %v, want a NondeterminismError: %v", err, tc.wantNDE)
			}
		})
	}
}

// describe is code in the style of a Temporal test that inspects events: a
// type switch on GetAttributes. Its cases name the attribute types
// themselves, as wfsim has no oneof wrappers.
func describe(ev *historypb.HistoryEvent) string {
	switch a := ev.GetAttributes().(type) {
	case *historypb.WorkflowExecutionStartedEventAttributes:
		return "start " + a.GetWorkflowType().GetName()
	case *historypb.TimerStartedEventAttributes:
		return fmt.Sprintf("timer %s for %v", a.GetTimerId(), a.GetStartToFireTimeout())
	case *historypb.ActivityTaskScheduledEventAttributes:
		return fmt.Sprintf("activity %s (%s) retrying after %v", a.GetActivityId(), a.GetActivityType().GetName(), a.GetRetryPolicy().GetInitialInterval())
	case *historypb.ActivityTaskFailedEventAttributes:
		return "activity failed: " + a.GetFailure().GetMessage()
	case *historypb.WorkflowExecutionCompletedEventAttributes:
		return fmt.Sprintf("completed with %d payload(s)", len(a.GetResult().GetPayloads()))
	case nil:
		return "no attributes"
	default:
		return ""
	}
}

func TestTypeSwitchOnAttributes(t *testing.T) {
	t.Parallel()
	var got []string
	for _, ev := range greetHistory(t, "Greet").GetEvents() {
		if s := describe(ev); s != "" {
			got = append(got, fmt.Sprintf("%d %s", ev.GetEventId(), s))
		}
	}
	want := []string{
		"1 start greetLater",
		"5 timer 5 for 1m0s",
		"10 activity 10 (Greet) retrying after 1s",
		"16 completed with 1 payload(s)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("described events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	for _, tc := range []struct {
		name string
		ev   *historypb.HistoryEvent
		want string
	}{
		{"nil event", nil, "no attributes"},
		{"event without attributes", &historypb.HistoryEvent{EventType: enumspb.EVENT_TYPE_UNSPECIFIED}, "no attributes"},
		{"failure inside", &historypb.HistoryEvent{Attributes: &historypb.ActivityTaskFailedEventAttributes{
			Failure: &failurepb.Failure{Message: "boom", ApplicationFailureInfo: &failurepb.ApplicationFailureInfo{Type: "E"}}}}, "activity failed: boom"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := describe(tc.ev); got != tc.want {
				t.Errorf("describe = %q, want %q", got, tc.want)
			}
		})
	}
}

// What replay.ReadHistory reads is a *historypb.History (an alias), and what the
// JSON holds reads back through historypb's getters.
func TestReadHistoryIsHistorypb(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	if err := greetHistory(t, "Greet").WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	h, err := replay.ReadHistory(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	var ev *historypb.HistoryEvent = h.GetEvents()[9]
	if got := ev.GetActivityTaskScheduledEventAttributes().GetTaskQueue().GetName(); got != "greetings" {
		t.Errorf("task queue = %q, want greetings", got)
	}
	replayer := worker.NewWorkflowReplayer()
	replayer.RegisterWorkflow(greetLater)
	if err := replayer.ReplayWorkflowHistory(nil, h); err != nil {
		t.Errorf("replaying the history read back: %v", err)
	}
}
