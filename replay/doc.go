// Package replay reads, writes and replays workflow histories in Temporal's
// JSON format.
//
// # Histories
//
// A History is the list of events of one workflow run, numbered 1, 2, 3, …
// from a WorkflowExecutionStarted event. Each Event has Temporal's common
// fields (EventID, EventTime, EventType, …) and one typed attributes struct
// in Event.Attributes: an ActivityTaskScheduled event carries an
// *ActivityTaskScheduledEventAttributes, which
// Event.GetActivityTaskScheduledEventAttributes returns. Lists of payloads
// are *converter.Payloads (nil when the field is absent), failures are
// *wfsim.Failure, durations are time.Duration, enums are small int types
// with Temporal's values.
//
// # The JSON format
//
// The JSON form is the one `temporal workflow show --output json` prints and
// Temporal's UI downloads, Temporal's history.v1.History message in protojson:
//
//	{
//	  "events": [
//	    {
//	      "eventId": "1",
//	      "eventTime": "2000-01-01T00:00:00Z",
//	      "eventType": "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED",
//	      "workflowExecutionStartedEventAttributes": {
//	        "workflowType": {"name": "Greet"},
//	        "input": {"payloads": [{"metadata": {"encoding": "anNvbi9wbGFpbg=="}, "data": "IlRlbXBvcmFsIg=="}]}
//	      }
//	    },
//	    …
//	  ]
//	}
//
// 64-bit integers are strings, 32-bit ones numbers, durations are written
// "10s" or "0.100s", bytes (payload data and metadata values) are standard
// base64: above, "anNvbi9wbGFpbg==" is json/plain and "IlRlbXBvcmFsIg==" is
// the JSON text "Temporal". Attributes sit under the key named after the
// event type, "activityTaskScheduledEventAttributes" and so on.
//
// ReadHistory accepts what Temporal's Go SDK accepts: enum values in the
// current spelling ("EVENT_TYPE_TIMER_STARTED", "TASK_QUEUE_KIND_NORMAL") or
// the older one that tctl and early UIs wrote ("TimerStarted", "Normal"), or
// as numbers; integers as strings or numbers; explicit default values and
// nulls; field names in their proto spelling ("history_size_bytes");
// renamed fields and enums under their old names. It also takes the
// GetWorkflowExecutionHistory response {"history": {"events": [...]}} that
// Temporal's HTTP API prints. Fields it does not know (those of newer
// servers, enum values without a name here) are kept as the event's unknown fields (Event.UnknownFields) and
// written back, so nothing is lost. An event of an unknown type is kept (as
// EventTypeUnspecified, its type and attributes among its unknown fields) when it
// is marked workerMayIgnore, and is an error otherwise. Unlike Temporal's
// SDK it checks payloads strictly, so that a history exported with decoded
// payloads ("data": "Temporal") or in payload shorthand is reported instead
// of replaying garbage, and it rejects histories in Cadence's dialect, bare
// arrays of events or of histories, and events in descending order with
// clear errors. Every problem is a *HistoryError naming the event and
// field, which wraps one of the Err* values for errors.Is.
//
// History.WriteJSON writes the same format canonically: new enum
// spellings, Temporal's field order, two-space indentation, times in UTC,
// default values left out. Equal histories give equal bytes, and reading
// what WriteJSON wrote gives an equal History.
//
// # Timelines
//
// History.String prints a history for people, one line per event with its
// time as an offset from the start and its key attributes:
//
//	1  +0s      WorkflowExecutionStarted  workflowType=Greet input="Temporal"
//	5  +0s      TimerStarted              timerId=5 startToFireTimeout=1h0m0s
//	6  +1h0m0s  TimerFired                timerId=5
package replay
