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
// with Temporal's values. Package api/history/v1 names these types as
// Temporal's historypb does (HistoryEvent for Event), and api/common/v1,
// api/taskqueue/v1 and their siblings the messages they hold, so a history
// built by hand for Temporal's replayer ports by changing its imports.
//
// The messages a recorded history points to are read-only: a simulation
// shares a payloads message, a failure or a header between the events that
// carry the same value (a child's input in its parent's initiated event
// and in its own started event, a continue-as-new's input in the next
// run's start), as a server's history holds the same bytes twice. To edit a
// history, for a replay test, change the JSON, or build new messages and
// point the event at them rather than changing one in place.
//
// # Getters: code that walks Temporal's history messages ports
//
// Every field of the history types (the attribute structs, Event, History
// and the messages they hold: TaskQueue, WorkflowType, WorkflowExecution,
// RetryPolicy, Header, UserMetadata, Link, …) has the nil-safe getter
// protoc-gen-go gives Temporal's field, and so do wfsim.Failure and its
// infos: ActivityID is read by GetActivityId, WorkflowTaskCompletedEventID
// by GetWorkflowTaskCompletedEventId. A getter on a nil pointer returns the
// zero value, so chains written for Temporal's history.v1 messages work as
// they are:
//
//	ev.GetActivityTaskScheduledEventAttributes().GetActivityType().GetName()
//	ev.GetWorkflowExecutionStartedEventAttributes().GetTaskQueue().GetName()
//	attrs.GetInput().GetPayloads()
//	attrs.GetFailure().GetApplicationFailureInfo().GetType()
//
// A message the struct holds by value (TaskQueue, WorkflowType,
// ActivityType, WorkflowExecution in most attributes) is returned as a
// pointer into the struct, as Temporal's getter returns a pointer. What
// does not port:
//
//   - Durations and times are time.Duration and time.Time, not
//     *durationpb.Duration and *timestamppb.Timestamp: drop the
//     .AsDuration() and .AsTime() calls (ev.GetEventTime().AsTime() becomes
//     ev.GetEventTime()), and compare with == 0 or IsZero() where Temporal's
//     code checks for nil.
//   - wfsim.ActivityFailureInfo.GetActivityType and
//     ChildWorkflowExecutionFailureInfo.GetWorkflowType return the name, a
//     string (drop .GetName()); the child's info has GetWorkflowId and
//     GetRunId where Temporal's has GetWorkflowExecution().
//   - WorkflowTaskStartedEventAttributes.GetSuggestContinueAsNewReasons
//     returns a SuggestContinueAsNewReasonSet: range over its Reasons().
//   - Event.GetAttributes returns the attributes struct, not protobuf's
//     oneof wrapper (*historypb.HistoryEvent_…); and Failure has no
//     GetFailureInfo: call the typed getters.
//   - Fields wfsim does not model (versioning overrides, completion
//     callbacks, Nexus failure infos, …) have no getters.
//
// The getters are generated (go generate; see getters_gen.go), and a test
// fails when they are stale.
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
