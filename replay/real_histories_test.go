package replay

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The snippets below are hand-written, each reproducing one trait of a real
// history found in Temporal's public repositories (named in the case), in a
// few lines.

// TestRealHistoryTraitsRoundTrip checks histories that must read, keep every
// field when written back, and render as a timeline.
func TestRealHistoryTraitsRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		input string
		// check inspects the history read; mustWrite lists texts that the
		// written JSON must contain.
		check     func(t *testing.T, h *History)
		mustWrite []string
	}{
		{
			// sdk-java simpleHistory1_withAddedNewRandomField.json: a field
			// the proto does not have, on the event and in its attributes.
			name: "fields of a newer server",
			input: history(`{"eventId":"2","eventType":"TimerStarted","someNewField":"x",` +
				`"timerStartedEventAttributes":{"timerId":"2","startToFireTimeout":"1s","someNewField":{"b":2,"a":[1,"y"]}}}`),
			check: func(t *testing.T, h *History) {
				want := []UnknownField{
					{Object: "", Name: "someNewField", Value: json.RawMessage(`"x"`)},
					{Object: "timerStartedEventAttributes", Name: "someNewField", Value: json.RawMessage(`{"a":[1,"y"],"b":2}`)},
				}
				if diff := cmp.Diff(want, h.Events[1].UnknownFields()); diff != "" {
					t.Errorf("Unknown (-want +got):\n%s", diff)
				}
				if got := h.Events[1].GetTimerStartedEventAttributes().TimerID; got != "2" {
					t.Errorf("timerId = %q, want 2", got)
				}
			},
			mustWrite: []string{`"someNewField": "x"`, `"someNewField": {`},
		},
		{
			// sdk-go nexus-cancel-after-start.json: a failure info that
			// wfsim's Failure has no field for.
			name: "unknown failure info",
			input: history(`{"eventId":"2","eventType":"WorkflowExecutionFailed","workflowExecutionFailedEventAttributes":{"failure":{"message":"m",` +
				`"cause":{"message":"c","nexusOperationExecutionFailureInfo":{"scheduledEventId":"5","endpoint":"e"}}}}}`),
			check: func(t *testing.T, h *History) {
				u := h.Events[1].UnknownFields()
				if len(u) != 1 || u[0].Path() != "workflowExecutionFailedEventAttributes.failure.cause.nexusOperationExecutionFailureInfo" {
					t.Errorf("Unknown = %+v, want the nexus failure info", u)
				}
			},
			mustWrite: []string{`"nexusOperationExecutionFailureInfo": {`, `"endpoint": "e"`},
		},
		{
			// An unknown field inside objects wfsim writes through other
			// paths: a payload, a payloads list, an element of a list, and an
			// object whose known fields are all defaults.
			name: "unknown fields in payloads, lists and empty objects",
			input: history(`{"eventId":"2","eventType":"ActivityTaskScheduled","links":[{"future":1}],"activityTaskScheduledEventAttributes":{` +
				`"activityId":"2","activityType":{"name":"A"},"priority":{"future":true},` +
				`"input":{"payloads":[{"metadata":{"encoding":"anNvbi9wbGFpbg=="},"data":"MQ==","externalPayloads":[{"sizeBytes":"9"}]}],"future":"p"},` +
				`"header":{"fields":{"k":{"data":"eA==","future":0}}}}}`),
			check: func(t *testing.T, h *History) {
				var paths []string
				for _, u := range h.Events[1].UnknownFields() {
					paths = append(paths, u.Path())
				}
				want := []string{
					"activityTaskScheduledEventAttributes.header.fields.k.future",
					"activityTaskScheduledEventAttributes.input.future",
					"activityTaskScheduledEventAttributes.input.payloads[0].externalPayloads",
					"activityTaskScheduledEventAttributes.priority.future",
					"links[0].future",
				}
				if diff := cmp.Diff(want, paths); diff != "" {
					t.Errorf("unknown paths (-want +got):\n%s", diff)
				}
			},
			mustWrite: []string{`"externalPayloads": [`, `"future": "p"`, `"priority": {`, `"future": 0`},
		},
		{
			// sdk-go workflow_with_unknown_event.json: an event of unknown
			// type marked workerMayIgnore, with attributes.
			name: "ignorable event of unknown type",
			input: history(`{"eventId":"2","eventType":"SomethingNew","workerMayIgnore":true,` +
				`"somethingNewEventAttributes":{"detail":"d"}}`),
			check: func(t *testing.T, h *History) {
				e := h.Events[1]
				if e.EventType != EventTypeUnspecified || e.Attributes != nil {
					t.Errorf("event = %v with %T, want Unspecified without attributes", e.EventType, e.Attributes)
				}
				if got := e.String(); !strings.Contains(got, `unknown event type "SomethingNew"`) {
					t.Errorf("timeline line %q does not name the type", got)
				}
			},
			mustWrite: []string{`"eventType": "SomethingNew"`, `"somethingNewEventAttributes": {`},
		},
		{
			// An enum value this package has no name for, inside an object
			// whose other fields are defaults.
			name:      "unknown enum value",
			input:     history(`{"eventId":"2","eventType":"WorkflowTaskScheduled","workflowTaskScheduledEventAttributes":{"taskQueue":{"kind":"TASK_QUEUE_KIND_FUTURE"}}}`),
			mustWrite: []string{`"kind": "TASK_QUEUE_KIND_FUTURE"`},
		},
		{
			// sdk-java testGetHistorySize.json: proto field names, which
			// protojson reads as well as the JSON names.
			name: "snake_case field names",
			input: history(`{"event_id":"2","event_type":"WorkflowTaskStarted","workflow_task_started_event_attributes":` +
				`{"scheduled_event_id":"1","history_size_bytes":"408","suggest_continue_as_new":true}}`),
			check: func(t *testing.T, h *History) {
				a := h.Events[1].GetWorkflowTaskStartedEventAttributes()
				if a == nil || a.HistorySizeBytes != 408 || !a.SuggestContinueAsNew || a.ScheduledEventID != 1 {
					t.Errorf("attributes = %+v, want historySizeBytes 408 and suggestContinueAsNew", a)
				}
				if len(h.Events[1].UnknownFields()) != 0 {
					t.Errorf("Unknown = %+v, want none", h.Events[1].UnknownFields())
				}
			},
			mustWrite: []string{`"historySizeBytes": "408"`},
		},
		{
			// sdk-go update-reset-accepted.json: the enum's name before
			// Temporal renamed UpdateRequestedEventOrigin.
			name: "old update origin name",
			input: history(`{"eventId":"2","eventType":"EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED","workflowExecutionUpdateAdmittedEventAttributes":` +
				`{"request":{"meta":{"updateId":"u"},"input":{"name":"U"}},"origin":"UPDATE_REQUESTED_EVENT_ORIGIN_REAPPLY"}}`),
			check: func(t *testing.T, h *History) {
				if got := h.Events[1].GetWorkflowExecutionUpdateAdmittedEventAttributes().Origin; got != UpdateAdmittedEventOriginReapply {
					t.Errorf("origin = %v, want Reapply", got)
				}
			},
			mustWrite: []string{`"origin": "UPDATE_ADMITTED_EVENT_ORIGIN_REAPPLY"`},
		},
		{
			// temporalio/ui raw-events.ascending.*.json: the
			// GetWorkflowExecutionHistory response, as the HTTP API prints it.
			name:  "history response envelope",
			input: `{"history":{"events":[` + started + `]},"rawHistory":[],"nextPageToken":null,"archived":false}`,
			check: func(t *testing.T, h *History) {
				if len(h.Events) != 1 {
					t.Errorf("got %d events, want 1", len(h.Events))
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, err := ReadHistory(strings.NewReader(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if tt.check != nil {
				tt.check(t, h)
			}
			var buf bytes.Buffer
			if err := h.WriteJSON(&buf); err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.mustWrite {
				if !strings.Contains(buf.String(), s) {
					t.Errorf("written JSON lacks %s:\n%s", s, buf.String())
				}
			}
			checkRoundTrip(t, h)
			if h.String() == "" {
				t.Error("empty timeline")
			}
		})
	}
}

// TestRealHistoryShapesRefused checks files from public repositories that
// are not histories wfsim reads, and that each says clearly what it is.
func TestRealHistoryShapesRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		input  string
		kind   error
		detail string
	}{
		// temporalio/features history/*.json: one history per run.
		{"array of histories", `[{"events":[` + started + `]}]`, ErrNotHistory, "array of 1 history (one per run"},
		// temporalio/ui src/fixtures/events.*.json: the UI's own event
		// objects, with a "timestamp" text; not Cadence's.
		{"UI event objects", `[{"eventId":"1","eventTime":"2022-07-01T20:28:52Z","eventType":"WorkflowExecutionStarted","timestamp":"2022-07-01 UTC 20:28:52.91"}]`,
			ErrNotHistory, `wrap it as {"events": [...]}`},
		// temporalio/ui src/fixtures/local-activities/*.json.
		{"single event", started, ErrNotHistory, "a single event"},
		// temporalio/documentation-samples-go your_workflow_history.json.
		{"events without array", started + ",\n" + started, ErrNotHistory, "sequence of event objects"},
		// temporalio/ui raw-events.descending.*.json.
		{"descending order", `{"events":[{"eventId":"2","eventType":"WorkflowTaskScheduled"},` + started + `]}`, ErrEventIDs, "descending order"},
		// temporalio/temporal tests/ndc/testevents: batches keyed by workflow.
		{"other object", `{"workflow_1":[[` + started + `]]}`, ErrNotHistory, `no "events" field (the object has workflow_1)`},
		{"one page of several", `{"history":{"events":[` + started + `]},"nextPageToken":"CAEQAQ=="}`, ErrNotHistory, "one page of a longer history"},
		// sdk-python test_replayer_command_reordering_backward_compatibility.json:
		// a UI view with decoded payloads ("encodingDecoded").
		{"UI decoded payload", history(`{"eventId":"2","eventType":"WorkflowExecutionCompleted","workflowExecutionCompletedEventAttributes":{"result":{"payloads":[` +
			`{"metadata":{"encoding":"anNvbi9wbGFpbg==","encodingDecoded":"json/plain"},"data":"workflow-result"}]}}}`),
			ErrDecodedPayload, "metadata.encodingDecoded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ReadHistory(strings.NewReader(tt.input))
			var he *HistoryError
			if !errors.As(err, &he) || !errors.Is(err, tt.kind) {
				t.Fatalf("err = %v, want a *HistoryError wrapping %v", err, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.detail) {
				t.Errorf("err = %q, want it to contain %q", err, tt.detail)
			}
		})
	}
}

// TestArrayOfHistoriesDecodes checks the advice given for the features
// repository's files: the array decodes into []*History.
func TestArrayOfHistoriesDecodes(t *testing.T) {
	t.Parallel()
	var hs []*History
	if err := json.Unmarshal([]byte(`[{"events":[`+started+`]},{"events":[`+started+`]}]`), &hs); err != nil {
		t.Fatal(err)
	}
	if len(hs) != 2 || len(hs[1].Events) != 1 {
		t.Fatalf("got %d histories, want 2 of one event", len(hs))
	}
}
