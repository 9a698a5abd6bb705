package replay

import (
	"errors"
	"strconv"
	"strings"
)

// The kinds of bad input ReadHistory reports. A *HistoryError wraps exactly
// one of them, so callers can test with errors.Is.
var (
	// ErrSyntax: the input is not well-formed JSON.
	ErrSyntax = errors.New("malformed JSON")
	// ErrNotHistory: the JSON is not Temporal's {"events": [...]} object.
	ErrNotHistory = errors.New("not a Temporal history")
	// ErrCadenceHistory: the input is a history in Cadence's JSON dialect.
	//lint:ignore ST1005 Cadence is a name, and the issue asks for this exact text
	ErrCadenceHistory = errors.New("Cadence histories are not supported (wfsim reads Temporal's JSON format)")
	// ErrEmptyHistory: the history has no events.
	ErrEmptyHistory = errors.New("empty history")
	// ErrEventIDs: event IDs do not run 1, 2, 3, … without gaps.
	ErrEventIDs = errors.New("missing history events")
	// ErrFirstEvent: the first event is not WorkflowExecutionStarted.
	ErrFirstEvent = errors.New("first event is not WorkflowExecutionStarted")
	// ErrUnknownEventType: an event has a type this package does not know
	// and is not marked workerMayIgnore.
	ErrUnknownEventType = errors.New("unknown history event type")
	// ErrAttributes: an event's attributes do not match its type.
	ErrAttributes = errors.New("event attributes do not match the event type")
	// ErrDecodedPayload: a payload is not in the encoded form that
	// `temporal workflow show --output json` prints.
	ErrDecodedPayload = errors.New("decoded/shorthand histories are not supported (export the history with `temporal workflow show --output json`)")
	// ErrBadValue: a field holds a value of the wrong JSON type or out of range.
	ErrBadValue = errors.New("bad value")
)

// HistoryError reports a history that cannot be read: where the problem is
// (event, field), what was expected and what came instead. Err is one of
// the Err* values of this package.
type HistoryError struct {
	// Index is the position of the event in the "events" array, or -1 when
	// the problem is not inside one event.
	Index int
	// EventID is the event's ID when it is known, 0 otherwise.
	EventID int64
	// Field is the JSON path of the offending value inside the event (or
	// the document when Index is -1), such as
	// "activityTaskScheduledEventAttributes.input.payloads[0].data".
	Field string
	// Detail says what is wrong in words, such as "event 7 follows event 5".
	Detail string
	// Expected and Got describe the value that was expected and the one
	// found, when that helps.
	Expected string
	Got      string
	Err      error
}

func (e *HistoryError) Error() string {
	var b strings.Builder
	b.WriteString("replay: ")
	switch {
	case e.Index >= 0 && e.EventID != 0:
		b.WriteString("event " + strconv.FormatInt(e.EventID, 10) + " (index " + strconv.Itoa(e.Index) + ")")
	case e.Index >= 0:
		b.WriteString("event at index " + strconv.Itoa(e.Index))
	default:
		b.WriteString("history")
	}
	if e.Field != "" {
		b.WriteString(", field " + e.Field)
	}
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	if e.Expected != "" || e.Got != "" {
		b.WriteString(" (expected " + e.Expected + ", got " + e.Got + ")")
	}
	return b.String()
}

// Unwrap returns the kind of error, for errors.Is.
func (e *HistoryError) Unwrap() error { return e.Err }
