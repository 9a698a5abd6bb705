package testsuite

import (
	"reflect"
	"testing"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
)

// TestEventsTheInstanceIgnores checks that the events NextEvent passes over
// are those run.FromHistory makes no-ops, whatever their attributes hold:
// were replay to give one of them a meaning, the instance would miss it.
func TestEventsTheInstanceIgnores(t *testing.T) {
	at := time.Date(2026, 11, 29, 1, 0, 0, 0, time.UTC)
	events := []*replay.Event{
		{EventType: replay.EventTypeWorkflowTaskScheduled, Attributes: &replay.WorkflowTaskScheduledEventAttributes{
			TaskQueue: replay.TaskQueue{Name: "q"}, StartToCloseTimeout: time.Second, Attempt: 3}},
		{EventType: replay.EventTypeWorkflowTaskCompleted, Attributes: &replay.WorkflowTaskCompletedEventAttributes{
			ScheduledEventID: 2, StartedEventID: 3, Identity: "w", BinaryChecksum: "c",
			SDKMetadata: &replay.WorkflowTaskCompletedMetadata{LangUsedFlags: []uint32{1, 3}}}},
		{EventType: replay.EventTypeActivityTaskStarted, Attributes: &replay.ActivityTaskStartedEventAttributes{
			ScheduledEventID: 5, Identity: "w", RequestID: "request-1", Attempt: 2,
			LastFailure: &wfsim.Failure{Message: "boom"}}},
	}
	for _, e := range events {
		e.EventID, e.EventTime = 7, at
		if !ignoredByInstance(e) {
			t.Errorf("%v: not passed over", e.EventType)
		}
		var got run.Event
		run.FromHistory(&got, e)
		if want := (run.Event{EventID: 7, Time: at, Kind: run.EventNoop}); !reflect.DeepEqual(got, want) {
			t.Errorf("%v: the instance gets %+v, want a no-op %+v", e.EventType, got, want)
		}
	}
	applied := []*replay.Event{
		{EventType: replay.EventTypeWorkflowTaskStarted, Attributes: &replay.WorkflowTaskStartedEventAttributes{}},
		{EventType: replay.EventTypeActivityTaskScheduled, Attributes: &replay.ActivityTaskScheduledEventAttributes{}},
		{EventType: replay.EventTypeActivityTaskCompleted, Attributes: &replay.ActivityTaskCompletedEventAttributes{
			Result: &converter.Payloads{}}},
		{EventType: replay.EventTypeTimerFired, Attributes: &replay.TimerFiredEventAttributes{}},
		{EventType: replay.EventTypeWorkflowTaskStarted},
	}
	for _, e := range applied {
		if ignoredByInstance(e) {
			t.Errorf("%v: passed over", e.EventType)
		}
	}
}
