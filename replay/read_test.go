package replay

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// started is a minimal first event.
const started = `{"eventId":"1","eventType":"WorkflowExecutionStarted","workflowExecutionStartedEventAttributes":{"workflowType":{"name":"W"}}}`

// history builds {"events":[started, events...]}.
func history(events ...string) string {
	return `{"events":[` + strings.Join(append([]string{started}, events...), ",") + `]}`
}

func TestReadHistoryErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		input string
		kind  error
		// Each string must appear in the error message.
		says  []string
		index int    // want HistoryError.Index
		field string // want HistoryError.Field
	}{
		{"empty input", "", ErrEmptyHistory, []string{"empty history"}, -1, ""},
		{"only spaces", " \n\t", ErrEmptyHistory, nil, -1, ""},
		{"malformed JSON", "{\n  \"events\": [\n    {\"eventId\": }", ErrSyntax, []string{"line 3"}, -1, ""},
		{"truncated JSON", `{"events": [`, ErrSyntax, []string{"malformed JSON"}, -1, ""},
		{"data after the history", history() + ` {}`, ErrSyntax, []string{"after the history"}, -1, ""},
		{"top-level array of events", `[` + started + `]`, ErrNotHistory, []string{`wrap it as {"events": [...]}`}, -1, ""},
		{"Cadence decision events", `[{"eventId":1,"eventType":"DecisionTaskScheduled"}]`, ErrCadenceHistory,
			[]string{"Cadence histories are not supported"}, -1, ""},
		{"Cadence timestamps", `[{"eventId":1,"timestamp":1679416555872012261,"eventType":"WorkflowExecutionStarted"}]`,
			ErrCadenceHistory, []string{"Cadence histories are not supported"}, -1, ""},
		{"top-level string", `"events"`, ErrNotHistory, []string{`got "events"`}, -1, ""},
		{"no events field", `{}`, ErrEmptyHistory, []string{"empty history"}, -1, ""},
		{"null events", `{"events":null}`, ErrEmptyHistory, nil, -1, ""},
		{"no events", `{"events":[]}`, ErrEmptyHistory, []string{"empty history"}, -1, ""},
		{"events not an array", `{"events":{}}`, ErrNotHistory, []string{"expected an array, got an object"}, -1, "events"},
		{"event not an object", `{"events":[1]}`, ErrBadValue, []string{"event at index 0"}, 0, ""},
		{"gap in event IDs", history(`{"eventId":"2","eventType":"WorkflowTaskScheduled"}`,
			`{"eventId":"4","eventType":"WorkflowTaskStarted"}`),
			ErrEventIDs, []string{"event 4 (index 2)", "missing history events: event 4 follows event 2", "expected 3, got 4"}, 2, "eventId"},
		{"repeated event ID", history(`{"eventId":"1","eventType":"WorkflowTaskScheduled"}`),
			ErrEventIDs, []string{"event 1 follows event 1"}, 1, "eventId"},
		{"first event ID not 1", `{"events":[{"eventId":"5","eventType":"WorkflowExecutionStarted"}]}`,
			ErrEventIDs, []string{"the first event has ID 5"}, 0, "eventId"},
		{"missing event ID", `{"events":[{"eventType":"WorkflowExecutionStarted"}]}`,
			ErrEventIDs, []string{"expected 1, got 0"}, 0, "eventId"},
		{"first event not started", `{"events":[{"eventId":"1","eventType":"EVENT_TYPE_WORKFLOW_TASK_SCHEDULED"}]}`,
			ErrFirstEvent, []string{"first event is not WorkflowExecutionStarted", "got WorkflowTaskScheduled"}, 0, "eventType"},
		{"unknown event type", history(`{"eventId":"2","eventType":"UnknownEvent","workerMayIgnore":false}`),
			ErrUnknownEventType, []string{"event 2 (index 1)", "unknown history event", `got "UnknownEvent"`}, 1, "eventType"},
		{"unknown event number", history(`{"eventId":"2","eventType":999}`),
			ErrUnknownEventType, []string{"got 999"}, 1, "eventType"},
		{"attributes of another type", history(`{"eventId":"2","eventType":"ActivityTaskScheduled","timerStartedEventAttributes":{}}`),
			ErrAttributes, []string{"a ActivityTaskScheduled event carries timerStartedEventAttributes"}, 1, "timerStartedEventAttributes"},
		{"attributes not an object", history(`{"eventId":"2","eventType":"TimerStarted","timerStartedEventAttributes":"5"}`),
			ErrBadValue, []string{`expected an object, got "5"`}, 1, "timerStartedEventAttributes"},
		{"decoded payload data", history(`{"eventId":"2","eventType":"WorkflowExecutionSignaled","workflowExecutionSignaledEventAttributes":{"signalName":"s","input":{"payloads":[{"metadata":{"encoding":"anNvbi9wbGFpbg=="},"data":"Temporal"}]}}}`),
			ErrDecodedPayload, []string{"decoded/shorthand histories are not supported", `got "Temporal"`},
			1, "workflowExecutionSignaledEventAttributes.input.payloads[0].data"},
		{"decoded payload JSON object", history(`{"eventId":"2","eventType":"WorkflowExecutionSignaled","workflowExecutionSignaledEventAttributes":{"input":{"payloads":[{"data":{"a":1}}]}}}`),
			ErrDecodedPayload, []string{"got an object"}, 1, "workflowExecutionSignaledEventAttributes.input.payloads[0].data"},
		{"decoded metadata", history(`{"eventId":"2","eventType":"WorkflowExecutionSignaled","workflowExecutionSignaledEventAttributes":{"input":{"payloads":[{"metadata":{"encoding":"json/plain"},"data":"MQ=="}]}}}`),
			ErrDecodedPayload, []string{`got "json/plain"`}, 1, "workflowExecutionSignaledEventAttributes.input.payloads[0].metadata.encoding"},
		{"payload shorthand", history(`{"eventId":"2","eventType":"WorkflowExecutionSignaled","workflowExecutionSignaledEventAttributes":{"input":["Temporal"]}}`),
			ErrDecodedPayload, []string{"shorthand is not supported"}, 1, "workflowExecutionSignaledEventAttributes.input"},
		{"payload as a string", history(`{"eventId":"2","eventType":"NexusOperationScheduled","nexusOperationScheduledEventAttributes":{"input":"x"}}`),
			ErrDecodedPayload, nil, 1, "nexusOperationScheduledEventAttributes.input"},
		{"base64 with a line break", history(`{"eventId":"2","eventType":"WorkflowExecutionSignaled","workflowExecutionSignaledEventAttributes":{"input":{"payloads":[{"data":"MQ\n=="}]}}}`),
			ErrDecodedPayload, nil, 1, "workflowExecutionSignaledEventAttributes.input.payloads[0].data"},
		{"unpadded base64", history(`{"eventId":"2","eventType":"WorkflowExecutionSignaled","workflowExecutionSignaledEventAttributes":{"input":{"payloads":[{"data":"MQ"}]}}}`),
			ErrDecodedPayload, nil, 1, "workflowExecutionSignaledEventAttributes.input.payloads[0].data"},
		{"bad duration", history(`{"eventId":"2","eventType":"TimerStarted","timerStartedEventAttributes":{"startToFireTimeout":"10"}}`),
			ErrBadValue, []string{`expected a duration such as "10s" or "0.100s", got "10"`}, 1, "timerStartedEventAttributes.startToFireTimeout"},
		{"duration too long", history(`{"eventId":"2","eventType":"TimerStarted","timerStartedEventAttributes":{"startToFireTimeout":"315576000000s"}}`),
			ErrBadValue, nil, 1, "timerStartedEventAttributes.startToFireTimeout"},
		{"bad event ID", `{"events":[{"eventId":"one","eventType":"WorkflowExecutionStarted"}]}`,
			ErrBadValue, []string{`expected a 64-bit integer, got "one"`}, 0, "eventId"},
		{"int32 overflow", history(`{"eventId":"2","eventType":"WorkflowTaskScheduled","workflowTaskScheduledEventAttributes":{"attempt":10000000000}}`),
			ErrBadValue, []string{"expected a 32-bit integer, got 10000000000"}, 1, "workflowTaskScheduledEventAttributes.attempt"},
		{"fractional integer", history(`{"eventId":"2.5","eventType":"WorkflowTaskScheduled"}`),
			ErrBadValue, nil, 1, "eventId"},
		{"bad time", `{"events":[{"eventId":"1","eventTime":"yesterday","eventType":"WorkflowExecutionStarted"}]}`,
			ErrBadValue, []string{"expected an RFC 3339 time"}, 0, "eventTime"},
		{"bool as string", history(`{"eventId":"2","eventType":"UnknownEvent","workerMayIgnore":"true"}`),
			ErrBadValue, []string{`expected true or false, got "true"`}, 1, "workerMayIgnore"},
		{"enum of the wrong type", history(`{"eventId":"2","eventType":"WorkflowTaskScheduled","workflowTaskScheduledEventAttributes":{"taskQueue":{"kind":true}}}`),
			ErrBadValue, []string{"expected a TaskQueueKind name or number"}, 1, "workflowTaskScheduledEventAttributes.taskQueue.kind"},
		{"nested failure field", history(`{"eventId":"2","eventType":"WorkflowExecutionFailed","workflowExecutionFailedEventAttributes":{"failure":{"cause":{"message":7}}}}`),
			ErrBadValue, []string{"expected a string, got 7"}, 1, "workflowExecutionFailedEventAttributes.failure.cause.message"},
		{"links not an array", history(`{"eventId":"2","eventType":"WorkflowTaskScheduled","links":{}}`),
			ErrBadValue, nil, 1, "links"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, err := ReadHistory(strings.NewReader(tt.input))
			if err == nil {
				t.Fatalf("ReadHistory succeeded with %d events, want an error", len(h.Events))
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %q is not %q", err, tt.kind)
			}
			var he *HistoryError
			if !errors.As(err, &he) {
				t.Fatalf("error %q is %T, not *HistoryError", err, err)
			}
			if he.Index != tt.index || he.Field != tt.field {
				t.Errorf("error at index %d field %q, want index %d field %q (%v)", he.Index, he.Field, tt.index, tt.field, err)
			}
			for _, s := range tt.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
		})
	}
}

func TestHistoryErrorMessage(t *testing.T) {
	t.Parallel()
	_, err := ReadHistory(strings.NewReader(history(`{"eventId":"3","eventType":"WorkflowTaskScheduled"}`)))
	want := "replay: event 3 (index 1), field eventId: missing history events: event 3 follows event 1 (expected 2, got 3)"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}
}

func TestReadHistoryFileErrors(t *testing.T) {
	t.Parallel()
	_, err := ReadHistoryFile("testdata/no-such-file.json")
	if err == nil {
		t.Fatal("no error for a missing file")
	}
	_, err = ReadHistoryFile("testdata/cadence-continue-as-new.json")
	var fe *FileError
	if !errors.As(err, &fe) || fe.Path != "testdata/cadence-continue-as-new.json" || !errors.Is(err, ErrCadenceHistory) {
		t.Errorf("error = %v, want a *FileError naming the file and wrapping ErrCadenceHistory", err)
	}
}

// TestReadHistoryAccepts checks the spellings that must all read the same.
func TestReadHistoryAccepts(t *testing.T) {
	t.Parallel()
	enc := map[string][]byte{"encoding": []byte("json/plain")}
	startedEvent := func(mod func(*Event)) *Event {
		e := &Event{EventID: 1, EventType: EventTypeWorkflowExecutionStarted,
			Attributes: &WorkflowExecutionStartedEventAttributes{WorkflowType: WorkflowType{Name: "W"}}}
		if mod != nil {
			mod(e)
		}
		return e
	}
	tests := []struct {
		name  string
		input string
		want  *History
	}{
		{"old spelling", history(`{"eventId":"2","eventType":"WorkflowTaskScheduled","workflowTaskScheduledEventAttributes":{"taskQueue":{"name":"q","kind":"Sticky"},"startToCloseTimeout":"10s","attempt":"1"}}`),
			&History{Events: []*Event{startedEvent(nil), {EventID: 2, EventType: EventTypeWorkflowTaskScheduled,
				Attributes: &WorkflowTaskScheduledEventAttributes{
					TaskQueue: TaskQueue{Name: "q", Kind: TaskQueueKindSticky}, StartToCloseTimeout: 10 * time.Second, Attempt: 1}}}}},
		{"new spelling and numbers", history(`{"eventId":2,"eventType":"EVENT_TYPE_WORKFLOW_TASK_SCHEDULED","workflowTaskScheduledEventAttributes":{"taskQueue":{"name":"q","kind":2},"startToCloseTimeout":"10.000s","attempt":1.0}}`),
			&History{Events: []*Event{startedEvent(nil), {EventID: 2, EventType: EventTypeWorkflowTaskScheduled,
				Attributes: &WorkflowTaskScheduledEventAttributes{
					TaskQueue: TaskQueue{Name: "q", Kind: TaskQueueKindSticky}, StartToCloseTimeout: 10 * time.Second, Attempt: 1}}}}},
		{"event type as a number", history(`{"eventId":"2","eventType":5}`),
			&History{Events: []*Event{startedEvent(nil), {EventID: 2, EventType: EventTypeWorkflowTaskScheduled,
				Attributes: &WorkflowTaskScheduledEventAttributes{}}}}},
		{"explicit defaults and nulls", `{"events":[{"eventId":"1","eventTime":null,"eventType":"WorkflowExecutionStarted","version":"0","taskId":0,"workerMayIgnore":false,` +
			`"workflowExecutionStartedEventAttributes":{"workflowType":{"name":"W"},"parentWorkflowNamespace":"","initiator":"Unspecified","workflowExecutionTimeout":"0s","memo":null,"continuedFailure":null,"workflowExecutionExpirationTime":"0001-01-01T00:00:00Z"}}]}`,
			&History{Events: []*Event{startedEvent(nil)}}},
		{"unknown fields kept aside", `{"events":[{"eventId":"1","eventType":"WorkflowExecutionStarted","somethingNew":{"a":[1]},` +
			`"workflowExecutionStartedEventAttributes":{"workflowType":{"name":"W","extra":1}},"fooEventAttributes":{}}],"nextPageToken":null}`,
			&History{Events: []*Event{startedEvent(func(e *Event) {
				e.Extras = &EventExtras{Unknown: []UnknownField{
					{Object: "", Name: "fooEventAttributes", Value: json.RawMessage(`{}`)},
					{Object: "", Name: "somethingNew", Value: json.RawMessage(`{"a":[1]}`)},
					{Object: "workflowExecutionStartedEventAttributes.workflowType", Name: "extra", Value: json.RawMessage(`1`)},
				}}
			})}}},
		{"unknown enum name reads as 0 and is kept aside", `{"events":[{"eventId":"1","eventType":"WorkflowExecutionStarted",` +
			`"workflowExecutionStartedEventAttributes":{"workflowType":{"name":"W"},"initiator":"CONTINUE_AS_NEW_INITIATOR_FUTURE"}}]}`,
			&History{Events: []*Event{startedEvent(func(e *Event) {
				e.Extras = &EventExtras{Unknown: []UnknownField{{Object: "workflowExecutionStartedEventAttributes", Name: "initiator", Value: json.RawMessage(`"CONTINUE_AS_NEW_INITIATOR_FUTURE"`)}}}
			})}}},
		{"ignorable unknown event kept with its type and attributes aside", history(`{"eventId":"2","eventType":"EVENT_TYPE_FUTURE","workerMayIgnore":true,"timerFiredEventAttributes":{"timerId":"1"}}`),
			&History{Events: []*Event{startedEvent(nil), {EventID: 2, WorkerMayIgnore: true, Extras: &EventExtras{Unknown: []UnknownField{
				{Name: "eventType", Value: json.RawMessage(`"EVENT_TYPE_FUTURE"`)},
				{Name: "timerFiredEventAttributes", Value: json.RawMessage(`{"timerId":"1"}`)},
			}}}}}},
		{"old field names", history(`{"eventId":"2","eventType":"WorkflowTaskCompleted","workflowTaskCompletedEventAttributes":{"workerVersioningId":{"workerBuildId":"b1"}}}`,
			`{"eventId":"3","eventType":"ActivityTaskScheduled","activityTaskScheduledEventAttributes":{"useCompatibleVersion":true}}`),
			&History{Events: []*Event{startedEvent(nil),
				{EventID: 2, EventType: EventTypeWorkflowTaskCompleted, Attributes: &WorkflowTaskCompletedEventAttributes{WorkerVersion: &WorkerVersionStamp{BuildID: "b1"}}},
				{EventID: 3, EventType: EventTypeActivityTaskScheduled, Attributes: &ActivityTaskScheduledEventAttributes{UseWorkflowBuildID: true}}}}},
		{"times, durations and payloads", `{"events":[{"eventId":"1","eventTime":"2020-07-30T02:30:02.5+02:00","eventType":"WorkflowExecutionStarted",` +
			`"workflowExecutionStartedEventAttributes":{"workflowType":{"name":"W"},"workflowTaskTimeout":"0.100s","firstWorkflowTaskBackoff":"-1.5s",` +
			`"input":{"payloads":[{"metadata":{"encoding":"anNvbi9wbGFpbg=="},"data":"MQ=="},{}]},"lastCompletionResult":{},` +
			`"header":{"fields":{}},"memo":{"fields":{"k":{"data":"eA=="}}}}}]}`,
			&History{Events: []*Event{startedEvent(func(e *Event) {
				e.EventTime = time.Date(2020, 7, 30, 0, 30, 2, 5e8, time.UTC)
				a := e.GetWorkflowExecutionStartedEventAttributes()
				a.WorkflowTaskTimeout = 100 * time.Millisecond
				a.FirstWorkflowTaskBackoff = -1500 * time.Millisecond
				a.Input = &converter.Payloads{Payloads: []*converter.Payload{{Metadata: enc, Data: []byte("1")}, {}}}
				a.LastCompletionResult = &converter.Payloads{}
				a.Header = &Header{}
				a.Memo = &Memo{Fields: map[string]*converter.Payload{"k": {Data: []byte("x")}}}
			})}}},
		{"failure", history(`{"eventId":"2","eventType":"WorkflowExecutionFailed","workflowExecutionFailedEventAttributes":{"failure":{"message":"activity error","cause":{"message":"timeout","timeoutFailureInfo":{"timeoutType":"TIMEOUT_TYPE_HEARTBEAT"}},` +
			`"activityFailureInfo":{"scheduledEventId":"5","activityType":{"name":"A"},"activityId":"5","retryState":"RETRY_STATE_TIMEOUT"}},"retryState":"RetryPolicyNotSet"}}`),
			&History{Events: []*Event{startedEvent(nil), {EventID: 2, EventType: EventTypeWorkflowExecutionFailed,
				Attributes: &WorkflowExecutionFailedEventAttributes{
					Failure: &wfsim.Failure{Message: "activity error",
						Cause:               &wfsim.Failure{Message: "timeout", TimeoutFailureInfo: &wfsim.TimeoutFailureInfo{TimeoutType: wfsim.TimeoutTypeHeartbeat}},
						ActivityFailureInfo: &wfsim.ActivityFailureInfo{ScheduledEventID: 5, ActivityType: "A", ActivityID: "5", RetryState: wfsim.RetryStateTimeout}},
					RetryState: wfsim.RetryStateRetryPolicyNotSet}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, err := ReadHistory(strings.NewReader(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, h); diff != "" {
				t.Errorf("ReadHistory (-want +got):\n%s", diff)
			}
			checkRoundTrip(t, h)
		})
	}
}
