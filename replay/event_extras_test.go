package replay

import (
	"strings"
	"testing"
	"unsafe"
)

func TestEventExtrasGetters(t *testing.T) {
	t.Parallel()
	md := &UserMetadata{}
	links := []*Link{{WorkflowEvent: &LinkWorkflowEvent{Namespace: "ns"}}}
	who := &Principal{Type: "user", Name: "ann"}
	unknown := []UnknownField{{Name: "somethingNew"}}
	tests := []struct {
		name  string
		event *Event
		want  EventExtras
	}{
		{"nil event", nil, EventExtras{}},
		{"no extras", &Event{EventID: 1}, EventExtras{}},
		{"all extras", &Event{Extras: &EventExtras{UserMetadata: md, Links: links, Principal: who, Unknown: unknown}},
			EventExtras{UserMetadata: md, Links: links, Principal: who, Unknown: unknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := tt.event
			if got := e.GetUserMetadata(); got != tt.want.UserMetadata {
				t.Errorf("GetUserMetadata() = %v, want %v", got, tt.want.UserMetadata)
			}
			if got := e.GetLinks(); len(got) != len(tt.want.Links) {
				t.Errorf("GetLinks() = %v, want %v", got, tt.want.Links)
			}
			if got := e.GetPrincipal(); got != tt.want.Principal {
				t.Errorf("GetPrincipal() = %v, want %v", got, tt.want.Principal)
			}
			if got := e.UnknownFields(); len(got) != len(tt.want.Unknown) {
				t.Errorf("UnknownFields() = %v, want %v", got, tt.want.Unknown)
			}
		})
	}
}

// TestEventExtrasFromJSON checks that reading gives extras only to the
// events that carry some.
func TestEventExtrasFromJSON(t *testing.T) {
	t.Parallel()
	h, err := ReadHistory(strings.NewReader(history(
		`{"eventId":"2","eventType":"TimerStarted","userMetadata":{"summary":{"metadata":{"encoding":"anNvbi9wbGFpbg=="},"data":"InMi"}},`+
			`"principal":{"type":"user","name":"ann"},"timerStartedEventAttributes":{"timerId":"1"}}`,
		`{"eventId":"3","eventType":"TimerFired","timerFiredEventAttributes":{"timerId":"1","startedEventId":"2"}}`)))
	if err != nil {
		t.Fatal(err)
	}
	started, fired := h.Events[1], h.Events[2]
	if md := started.GetUserMetadata(); md == nil || string(md.Summary.Data) != `"s"` {
		t.Errorf("TimerStarted GetUserMetadata() = %+v, want the summary \"s\"", md)
	}
	if p := started.GetPrincipal(); p == nil || p.Name != "ann" {
		t.Errorf("TimerStarted GetPrincipal() = %+v, want ann", p)
	}
	if fired.Extras != nil {
		t.Errorf("TimerFired Extras = %+v, want nil", fired.Extras)
	}
	if h.Events[0].Extras != nil {
		t.Errorf("WorkflowExecutionStarted Extras = %+v, want nil", h.Events[0].Extras)
	}
}

// TestEventSize keeps Event at 80 bytes: a simulated run records events by
// the thousand, and a field added to Event rather than to EventExtras
// costs every one of them.
func TestEventSize(t *testing.T) {
	t.Parallel()
	if got := unsafe.Sizeof(Event{}); got != 80 {
		t.Errorf("unsafe.Sizeof(Event{}) = %d, want 80", got)
	}
}

func TestEventProtoGetters(t *testing.T) {
	t.Parallel()
	var none *Event
	if none.GetEventId() != 0 || none.GetEventType() != EventTypeUnspecified || none.GetTaskId() != 0 {
		t.Errorf("nil Event's getters = %d, %v, %d; want zeros", none.GetEventId(), none.GetEventType(), none.GetTaskId())
	}
	e := &Event{EventID: 7, EventType: EventTypeMarkerRecorded, TaskID: 42}
	if e.GetEventId() != 7 || e.GetEventType() != EventTypeMarkerRecorded || e.GetTaskId() != 42 {
		t.Errorf("getters = %d, %v, %d; want 7, MarkerRecorded, 42", e.GetEventId(), e.GetEventType(), e.GetTaskId())
	}
}

func TestHistoryGetEvents(t *testing.T) {
	t.Parallel()
	var none *History
	if none.GetEvents() != nil {
		t.Errorf("nil History's GetEvents() = %v, want nil", none.GetEvents())
	}
	h := &History{Events: []*Event{{EventID: 1}}}
	if got := h.GetEvents(); len(got) != 1 || got[0] != h.Events[0] {
		t.Errorf("GetEvents() = %v, want the one event", got)
	}
}
