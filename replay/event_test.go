package replay

import "testing"

func TestEventGetters(t *testing.T) {
	t.Parallel()
	sched := &ActivityTaskScheduledEventAttributes{ActivityID: "7"}
	tests := []struct {
		name  string
		event *Event
		want  *ActivityTaskScheduledEventAttributes
	}{
		{"nil event", nil, nil},
		{"no attributes", &Event{EventType: EventTypeActivityTaskScheduled}, nil},
		{"matching type", &Event{EventType: EventTypeActivityTaskScheduled, Attributes: sched}, sched},
		{"type unspecified", &Event{Attributes: sched}, sched},
		{"other attributes", &Event{EventType: EventTypeTimerFired, Attributes: &TimerFiredEventAttributes{}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.event.GetActivityTaskScheduledEventAttributes(); got != tt.want {
				t.Errorf("GetActivityTaskScheduledEventAttributes() = %v, want %v", got, tt.want)
			}
			if tt.event != nil && tt.event.GetTimerStartedEventAttributes() != nil {
				t.Errorf("GetTimerStartedEventAttributes() = %v, want nil", tt.event.GetTimerStartedEventAttributes())
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

func TestIsCommandEvent(t *testing.T) {
	t.Parallel()
	// The events recorded in response to a command, as Temporal's
	// isCommandEvent lists them (with Nexus's).
	want := map[EventType]bool{
		EventTypeWorkflowExecutionCompleted: true, EventTypeWorkflowExecutionFailed: true,
		EventTypeWorkflowExecutionCanceled: true, EventTypeWorkflowExecutionContinuedAsNew: true,
		EventTypeActivityTaskScheduled: true, EventTypeActivityTaskCancelRequested: true,
		EventTypeTimerStarted: true, EventTypeTimerCanceled: true, EventTypeMarkerRecorded: true,
		EventTypeStartChildWorkflowExecutionInitiated:            true,
		EventTypeRequestCancelExternalWorkflowExecutionInitiated: true,
		EventTypeSignalExternalWorkflowExecutionInitiated:        true,
		EventTypeUpsertWorkflowSearchAttributes:                  true, EventTypeWorkflowPropertiesModified: true,
		EventTypeWorkflowExecutionUpdateAccepted: true, EventTypeWorkflowExecutionUpdateRejected: true,
		EventTypeWorkflowExecutionUpdateCompleted: true,
		EventTypeNexusOperationScheduled:          true, EventTypeNexusOperationCancelRequested: true,
	}
	for typ := EventType(-70); typ <= 140; typ++ {
		if got := typ.IsCommandEvent(); got != want[typ] {
			t.Errorf("%v.IsCommandEvent() = %v, want %v", typ, got, want[typ])
		}
	}
}

func TestSDKHandles(t *testing.T) {
	t.Parallel()
	// What Temporal's Go SDK fails on unless marked workerMayIgnore.
	unhandled := map[EventType]bool{
		EventTypeWorkflowPropertiesModifiedExternally: true, EventTypeActivityPropertiesModifiedExternally: true,
		EventTypeWorkflowExecutionOptionsUpdated: true, EventTypeWorkflowExecutionPaused: true,
		EventTypeWorkflowExecutionUnpaused: true, EventTypeWorkflowExecutionTimeSkippingTransitioned: true,
	}
	for typ := EventType(-70); typ <= 140; typ++ {
		if got, want := sdkHandles(typ), typ.Known() && !unhandled[typ]; got != want {
			t.Errorf("sdkHandles(%v) = %v, want %v", typ, got, want)
		}
	}
}
