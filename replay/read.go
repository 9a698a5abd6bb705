package replay

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/wfsim/wfsim/internal/protoname"
)

// ReadHistory reads a history in Temporal's JSON format: the
// {"events": [...]} object that `temporal workflow show --output json`
// prints and Temporal's UI downloads. Both spellings of enum values are
// accepted ("WorkflowExecutionStarted" and
// "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED"), integers may be strings or
// numbers, and fields this package does not know are kept as the event's
// unknown fields (Event.UnknownFields). The GetWorkflowExecutionHistory
// response {"history": {"events": [...]}} is read as the history it holds.
//
// Bad input gives a *HistoryError that names the event and field and wraps
// one of the Err* values: malformed JSON, a Cadence history, decoded or
// shorthand payloads, missing or out-of-order event IDs, a first event that
// is not WorkflowExecutionStarted, or an event of unknown type that is not
// marked workerMayIgnore.
func ReadHistory(r io.Reader) (*History, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return readHistory(data)
}

// ReadHistoryFile reads a history from a JSON file; see ReadHistory.
func ReadHistoryFile(path string) (*History, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	h, err := readHistory(data)
	if err != nil {
		return nil, &FileError{Path: path, Err: err}
	}
	return h, nil
}

// FileError reports a file that holds no readable history. Err is usually
// a *HistoryError.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *FileError) Unwrap() error { return e.Err }

// UnmarshalJSON reads a history in Temporal's JSON format; see ReadHistory.
func (h *History) UnmarshalJSON(data []byte) error {
	got, err := readHistory(data)
	if err != nil {
		return err
	}
	*h = *got
	return nil
}

func historyError(kind error, detail string) *HistoryError {
	return &HistoryError{Index: -1, Err: kind, Detail: detail}
}

func readHistory(data []byte) (*History, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, syntaxError(data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if obj, isObj := doc.(map[string]any); isObj && obj["eventType"] != nil {
			// Some hand-assembled exports list the event objects one
			// after another, without the array around them.
			return nil, historyError(ErrNotHistory, `the input is a sequence of event objects; wrap them as {"events": [...]}`)
		}
		return nil, historyError(ErrSyntax, "unexpected data after the history object at offset "+
			strconv.FormatInt(dec.InputOffset(), 10))
	}
	switch top := doc.(type) {
	case map[string]any:
		top, err := unwrapResponse(top)
		if err != nil {
			return nil, err
		}
		return readEvents(top)
	case []any:
		if isCadence(top) {
			return nil, historyError(ErrCadenceHistory, "the file is a top-level array of Cadence events (DecisionTask*, timestamps in nanoseconds)")
		}
		if n := countHistories(top); n > 0 {
			return nil, &HistoryError{Index: -1, Err: ErrNotHistory,
				Detail: "a top-level array of " + plural(n, "history", "histories") + ` (one per run, as temporalio/features stores them); ` +
					`read one element, or decode the array into []*replay.History`,
				Expected: "an object", Got: "an array"}
		}
		return nil, &HistoryError{Index: -1, Err: ErrNotHistory,
			Detail:   `a top-level array of events is not supported; wrap it as {"events": [...]}`,
			Expected: "an object", Got: "an array"}
	default:
		return nil, &HistoryError{Index: -1, Err: ErrNotHistory, Expected: `an object {"events": [...]}`, Got: describe(top)}
	}
}

// syntaxError reports malformed JSON with its line and column.
func syntaxError(data []byte, err error) error {
	var se *json.SyntaxError
	offset := int64(-1)
	if errors.As(err, &se) {
		offset = se.Offset
	} else if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		if len(bytes.TrimSpace(data)) == 0 {
			return historyError(ErrEmptyHistory, "the input is empty")
		}
		offset = int64(len(data))
	}
	detail := err.Error()
	if offset >= 0 && offset <= int64(len(data)) {
		before := data[:offset]
		line := bytes.Count(before, []byte("\n")) + 1
		col := len(before) - bytes.LastIndexByte(before, '\n')
		detail = "line " + strconv.Itoa(line) + ", column " + strconv.Itoa(col) + ": " + detail
	}
	return historyError(ErrSyntax, detail)
}

// isCadence reports whether a top-level array looks like a Cadence history:
// decision task events, or "timestamp" in nanoseconds where Temporal has
// "eventTime". (Temporal's UI keeps a "timestamp" text beside "eventTime"
// in its own event objects; those are not Cadence's.)
func isCadence(events []any) bool {
	for _, e := range events {
		obj, ok := e.(map[string]any)
		if !ok {
			continue
		}
		if _, isNum := obj["timestamp"].(json.Number); isNum && obj["eventTime"] == nil {
			return true
		}
		if t, ok := obj["eventType"].(string); ok && strings.HasPrefix(t, "DecisionTask") {
			return true
		}
	}
	return false
}

// plural returns "1 history", "2 histories".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// countHistories returns how many elements of a top-level array are
// history objects {"events": [...]}, or 0 if some element is not.
func countHistories(list []any) int {
	for _, item := range list {
		obj, isObj := item.(map[string]any)
		if !isObj {
			return 0
		}
		if _, ok := obj["events"].([]any); !ok {
			return 0
		}
	}
	return len(list)
}

// unwrapResponse returns the history inside a GetWorkflowExecutionHistory
// response {"history": {"events": [...]}, "nextPageToken": …}, which
// Temporal's HTTP API and grpcurl print, or top itself. A response that is
// one page of several holds part of the history and is refused.
func unwrapResponse(top map[string]any) (map[string]any, error) {
	if _, ok := top["events"]; ok {
		return top, nil
	}
	inner, ok := top["history"].(map[string]any)
	if !ok {
		return top, nil
	}
	if tok, _ := top["nextPageToken"].(string); tok != "" {
		return nil, &HistoryError{Index: -1, Field: "nextPageToken", Err: ErrNotHistory,
			Detail: "the response is one page of a longer history; fetch every page and put all events in one history",
			Got:    describe(tok)}
	}
	if raw, _ := top["rawHistory"].([]any); len(raw) > 0 {
		return nil, &HistoryError{Index: -1, Field: "rawHistory", Err: ErrNotHistory,
			Detail: "the response holds raw (binary) history batches, which this package does not read"}
	}
	return inner, nil
}

func readEvents(top map[string]any) (*History, error) {
	raw, present := top["events"]
	if !present || raw == nil {
		if _, isEvent := top["eventType"]; isEvent {
			return nil, historyError(ErrNotHistory, `the object is a single event, not a history {"events": [...]}`)
		}
		if keys := sortedKeys(top); len(keys) > 0 && raw == nil && !present {
			if len(keys) > 5 {
				keys = append(keys[:5], "…")
			}
			return nil, historyError(ErrNotHistory, `no "events" field (the object has `+strings.Join(keys, ", ")+")")
		}
		return nil, historyError(ErrEmptyHistory, `no "events" field`)
	}
	list, isList := raw.([]any)
	if !isList {
		return nil, &HistoryError{Index: -1, Field: "events", Err: ErrNotHistory, Expected: "an array", Got: describe(raw)}
	}
	if len(list) == 0 {
		return nil, historyError(ErrEmptyHistory, "the events array is empty")
	}
	h := &History{Events: make([]*Event, 0, len(list))}
	for i, item := range list {
		e, err := readEvent(i, item)
		if err != nil {
			return nil, err
		}
		if want := int64(i) + 1; e.EventID != want {
			detail := "the first event has ID " + strconv.FormatInt(e.EventID, 10)
			if i == 0 && e.EventID == int64(len(list)) && len(list) > 1 {
				detail += "; the events seem to be in descending order (newest first, as the reverse history API " +
					"and some Temporal UI versions list them): put them in ascending order"
			}
			if i > 0 {
				detail = "event " + strconv.FormatInt(e.EventID, 10) + " follows event " +
					strconv.FormatInt(h.Events[i-1].EventID, 10)
			}
			return nil, &HistoryError{Index: i, EventID: e.EventID, Field: "eventId", Err: ErrEventIDs,
				Detail: detail, Expected: strconv.FormatInt(want, 10), Got: strconv.FormatInt(e.EventID, 10)}
		}
		if i == 0 && e.EventType != EventTypeWorkflowExecutionStarted {
			return nil, &HistoryError{Index: 0, EventID: e.EventID, Field: "eventType", Err: ErrFirstEvent,
				Expected: "WorkflowExecutionStarted", Got: e.EventType.String()}
		}
		h.Events = append(h.Events, e)
	}
	return h, nil
}

// readEvent decodes one element of the events array.
func readEvent(index int, item any) (*Event, error) {
	obj, isObj := item.(map[string]any)
	if !isObj {
		return nil, &HistoryError{Index: index, Err: ErrBadValue, Expected: "an event object", Got: describe(item)}
	}
	st := &readState{index: index}
	if id, ok := parseInt(obj["eventId"], 64); ok {
		st.eventID = id // for messages about the other fields
	}
	e := &Event{}
	top := reader{obj: obj, st: st, used: map[string]bool{}}
	e.fields(top)
	if st.err != nil {
		return nil, st.err
	}
	if !e.EventType.Known() {
		if !e.WorkerMayIgnore {
			return nil, &HistoryError{Index: index, EventID: e.EventID, Field: "eventType", Err: ErrUnknownEventType,
				Detail: "unknown history event and workerMayIgnore is not set", Expected: "a Temporal event type", Got: describe(obj["eventType"])}
		}
		// Kept as EventTypeUnspecified so event IDs stay contiguous;
		// replay skips it as Temporal's SDK does. Its type and attributes
		// are kept as unknown fields, to be written back.
		if e.EventType != EventTypeUnspecified {
			top.used["eventType"], top.used["event_type"] = false, false
		}
		e.EventType = EventTypeUnspecified
	} else if err := readAttributes(st, obj, e, top.used); err != nil {
		return nil, err
	}
	st.recordUnknown("", obj, top.used)
	if len(st.unknown) > 0 {
		sortUnknown(st.unknown)
		e.extras().Unknown = st.unknown
	}
	return e, nil
}

// readAttributes decodes the attributes that match the event's type.
// Attributes of another known type are an error; a known type without
// attributes gets empty ones, so Attributes never returns nil for it.
func readAttributes(st *readState, obj map[string]any, e *Event, used map[string]bool) error {
	want := attributesKeys[e.EventType]
	for _, k := range sortedKeys(obj) {
		if _, known := attributesKeyTypes[k]; known && k != want && obj[k] != nil {
			return &HistoryError{Index: st.index, EventID: e.EventID, Field: k, Err: ErrAttributes,
				Detail: "a " + e.EventType.String() + " event carries " + k, Expected: want}
		}
	}
	attrs := eventKinds[e.EventType].slot.alloc(e).(message)
	used[want] = true
	v, present := obj[want]
	if !present || v == nil {
		// protojson also accepts the proto spelling of the key.
		if snake := protoname.Snake(want); obj[snake] != nil {
			used[snake] = true
			want, v, present = snake, obj[snake], true
		}
	}
	if !present || v == nil {
		return nil
	}
	attrObj, isObj := v.(map[string]any)
	if !isObj {
		return &HistoryError{Index: st.index, EventID: e.EventID, Field: want, Err: ErrBadValue, Expected: "an object", Got: describe(v)}
	}
	reader{obj: obj, st: st}.nested(want, attributesKeys[e.EventType], attrObj, attrs)
	if st.err != nil {
		return st.err
	}
	return nil
}
