package replay_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
)

// builder writes histories by hand, event by event, the way a Temporal
// server records them.
type builder struct {
	events []*replay.Event
	now    time.Time
}

var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func payloads(values ...any) *converter.Payloads {
	p, err := converter.GetDefaultDataConverter().ToPayloads(values...)
	if err != nil {
		panic(err)
	}
	return p
}

// newHistory starts a history of a run of wfType with the given input,
// up to its first WorkflowTaskStarted.
func newHistory(wfType string, input ...any) *builder {
	b := &builder{now: epoch}
	b.add(&replay.Event{EventType: replay.EventTypeWorkflowExecutionStarted,
		Attributes: &replay.WorkflowExecutionStartedEventAttributes{
			WorkflowType:           replay.WorkflowType{Name: wfType},
			TaskQueue:              replay.TaskQueue{Name: "queue", Kind: replay.TaskQueueKindNormal},
			Input:                  payloads(input...),
			OriginalExecutionRunID: "run-1",
			Attempt:                1,
		}})
	return b.started()
}

func (b *builder) add(e *replay.Event) int64 {
	e.EventID = int64(len(b.events)) + 1
	e.EventTime = b.now
	b.events = append(b.events, e)
	return e.EventID
}

func (b *builder) history() *replay.History { return &replay.History{Events: b.events} }

// at moves the clock.
func (b *builder) after(d time.Duration) *builder {
	b.now = b.now.Add(d)
	return b
}

// started adds WorkflowTaskScheduled and WorkflowTaskStarted.
func (b *builder) started() *builder {
	s := b.add(&replay.Event{EventType: replay.EventTypeWorkflowTaskScheduled,
		Attributes: &replay.WorkflowTaskScheduledEventAttributes{TaskQueue: replay.TaskQueue{Name: "queue"}}})
	b.add(&replay.Event{EventType: replay.EventTypeWorkflowTaskStarted,
		Attributes: &replay.WorkflowTaskStartedEventAttributes{ScheduledEventID: s}})
	return b
}

// completed adds the WorkflowTaskCompleted of the task just started, with
// SDK flags.
func (b *builder) completed(flags ...uint32) *builder {
	a := &replay.WorkflowTaskCompletedEventAttributes{ScheduledEventID: int64(len(b.events)) - 1, StartedEventID: int64(len(b.events))}
	if len(flags) > 0 {
		a.SDKMetadata = &replay.WorkflowTaskCompletedMetadata{LangUsedFlags: flags}
	}
	b.add(&replay.Event{EventType: replay.EventTypeWorkflowTaskCompleted, Attributes: a})
	return b
}

// task adds a whole workflow task: scheduled, started, completed.
func (b *builder) task() *builder { return b.started().completed() }

// failed adds the WorkflowTaskFailed of the task just started.
func (b *builder) failed() *builder {
	b.add(&replay.Event{EventType: replay.EventTypeWorkflowTaskFailed, Attributes: &replay.WorkflowTaskFailedEventAttributes{
		ScheduledEventID: int64(len(b.events)) - 1, StartedEventID: int64(len(b.events)),
		Cause: replay.WorkflowTaskFailedCauseWorkflowWorkerUnhandledFailure}})
	return b
}

func (b *builder) lastCompleted() int64 {
	for i := len(b.events) - 1; i >= 0; i-- {
		if b.events[i].EventType == replay.EventTypeWorkflowTaskCompleted {
			return b.events[i].EventID
		}
	}
	return 0
}

// activity adds ActivityTaskScheduled with the activity ID the SDK gives
// it (its event ID) and returns that ID.
func (b *builder) activity(activityType string, input ...any) int64 {
	id := int64(len(b.events)) + 1
	return b.activityWithID(formatID(id), activityType, input...)
}

func (b *builder) activityWithID(id, activityType string, input ...any) int64 {
	return b.add(&replay.Event{EventType: replay.EventTypeActivityTaskScheduled,
		Attributes: &replay.ActivityTaskScheduledEventAttributes{
			ActivityID:                   id,
			ActivityType:                 replay.ActivityType{Name: activityType},
			TaskQueue:                    replay.TaskQueue{Name: "queue", Kind: replay.TaskQueueKindNormal},
			Input:                        payloads(input...),
			StartToCloseTimeout:          time.Minute,
			WorkflowTaskCompletedEventID: b.lastCompleted(),
		}})
}

// activityDone adds ActivityTaskStarted and ActivityTaskCompleted.
func (b *builder) activityDone(scheduled int64, result any) *builder {
	s := b.add(&replay.Event{EventType: replay.EventTypeActivityTaskStarted,
		Attributes: &replay.ActivityTaskStartedEventAttributes{ScheduledEventID: scheduled, Attempt: 1}})
	b.add(&replay.Event{EventType: replay.EventTypeActivityTaskCompleted,
		Attributes: &replay.ActivityTaskCompletedEventAttributes{ScheduledEventID: scheduled, StartedEventID: s, Result: payloads(result)}})
	return b
}

// timer adds TimerStarted with the timer ID the SDK gives it.
func (b *builder) timer(d time.Duration) int64 {
	id := int64(len(b.events)) + 1
	return b.add(&replay.Event{EventType: replay.EventTypeTimerStarted,
		Attributes: &replay.TimerStartedEventAttributes{TimerID: formatID(id), StartToFireTimeout: d, WorkflowTaskCompletedEventID: b.lastCompleted()}})
}

func (b *builder) timerFired(started int64) *builder {
	b.add(&replay.Event{EventType: replay.EventTypeTimerFired,
		Attributes: &replay.TimerFiredEventAttributes{TimerID: formatID(started), StartedEventID: started}})
	return b
}

func (b *builder) marker(name string) *builder {
	b.add(&replay.Event{EventType: replay.EventTypeMarkerRecorded,
		Attributes: &replay.MarkerRecordedEventAttributes{MarkerName: name, WorkflowTaskCompletedEventID: b.lastCompleted(),
			Details: map[string]*converter.Payloads{"data": payloads("x")}}})
	return b
}

func (b *builder) completeWorkflow(result ...any) *builder {
	b.add(&replay.Event{EventType: replay.EventTypeWorkflowExecutionCompleted,
		Attributes: &replay.WorkflowExecutionCompletedEventAttributes{Result: payloads(result...), WorkflowTaskCompletedEventID: b.lastCompleted()}})
	return b
}

func (b *builder) failWorkflow(message string) *builder {
	b.add(&replay.Event{EventType: replay.EventTypeWorkflowExecutionFailed,
		Attributes: &replay.WorkflowExecutionFailedEventAttributes{WorkflowTaskCompletedEventID: b.lastCompleted()}})
	return b
}

func formatID(id int64) string { return strconv.FormatInt(id, 10) }

// writeHistory writes a history as a JSON file and returns its path.
func writeHistory(t *testing.T, h *replay.History) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "history.json")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, h.WriteJSON(f))
	require.NoError(t, f.Close())
	return path
}
