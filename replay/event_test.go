package replay

import "testing"

func TestEventAttributes(t *testing.T) {
	t.Parallel()
	sched := &ActivityTaskScheduledEventAttributes{ActivityID: "7"}
	tests := []struct {
		name  string
		event *Event
		want  any
	}{
		{"nil event", nil, nil},
		{"no attributes", &Event{EventType: EventTypeTimerFired}, nil},
		{"matching type", &Event{EventType: EventTypeActivityTaskScheduled, ActivityTaskScheduled: sched}, sched},
		{"type unspecified", &Event{ActivityTaskScheduled: sched}, sched},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.event.Attributes(); got != tt.want {
				t.Errorf("Attributes() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEventTypeString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		typ  EventType
		want string
	}{
		{EventTypeUnspecified, "Unspecified"},
		{EventTypeWorkflowExecutionStarted, "WorkflowExecutionStarted"},
		{EventTypeWorkflowExecutionUpdateAdmitted, "WorkflowExecutionUpdateAdmitted"},
		{EventTypeWorkflowExecutionTimeSkippingTransitioned, "WorkflowExecutionTimeSkippingTransitioned"},
		{EventType(99), "EventType(99)"},
		{EventType(-1), "EventType(-1)"},
	}
	for _, tt := range tests {
		if got := tt.typ.String(); got != tt.want {
			t.Errorf("EventType(%d).String() = %q, want %q", int32(tt.typ), got, tt.want)
		}
	}
}
