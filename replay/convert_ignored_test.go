package replay

import (
	"reflect"
	"testing"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// TestEventsTheInstanceIgnores checks that the events taskSource passes
// over are those fillRunEvent makes no-ops, whatever their attributes hold:
// were one of them given a meaning, a replay would miss it.
func TestEventsTheInstanceIgnores(t *testing.T) {
	at := time.Date(2026, 11, 29, 1, 0, 0, 0, time.UTC)
	ignored := []*Event{
		{EventType: EventTypeWorkflowTaskScheduled, Attributes: &WorkflowTaskScheduledEventAttributes{
			TaskQueue: TaskQueue{Name: "q"}, StartToCloseTimeout: time.Second, Attempt: 3}},
		{EventType: EventTypeWorkflowTaskCompleted, Attributes: &WorkflowTaskCompletedEventAttributes{
			ScheduledEventID: 2, StartedEventID: 3, Identity: "w", BinaryChecksum: "c",
			SDKMetadata: &WorkflowTaskCompletedMetadata{LangUsedFlags: []uint32{1, 3}}}},
		{EventType: EventTypeActivityTaskStarted, Attributes: &ActivityTaskStartedEventAttributes{
			ScheduledEventID: 5, Identity: "w", RequestID: "request-1", Attempt: 2,
			LastFailure: &wfsim.Failure{Message: "boom"}}},
	}
	for _, e := range ignored {
		e.EventID, e.EventTime = 7, at
		if !ignoredByInstance(e) {
			t.Errorf("%v: not passed over", e.EventType)
		}
		var got run.Event
		fillRunEvent(&got, e)
		if want := (run.Event{EventID: 7, Time: at, Kind: run.EventNoop}); !reflect.DeepEqual(got, want) {
			t.Errorf("%v: the instance gets %+v, want a no-op %+v", e.EventType, got, want)
		}
	}
	applied := []*Event{
		{EventType: EventTypeWorkflowTaskStarted, Attributes: &WorkflowTaskStartedEventAttributes{}},
		{EventType: EventTypeActivityTaskScheduled, Attributes: &ActivityTaskScheduledEventAttributes{}},
		{EventType: EventTypeActivityTaskCompleted, Attributes: &ActivityTaskCompletedEventAttributes{
			Result: &converter.Payloads{}}},
		{EventType: EventTypeTimerFired, Attributes: &TimerFiredEventAttributes{}},
		// Without attributes the instance is told of an unknown event.
		{EventType: EventTypeWorkflowTaskCompleted},
	}
	for _, e := range applied {
		if ignoredByInstance(e) {
			t.Errorf("%v: passed over", e.EventType)
		}
	}
}
