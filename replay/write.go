package replay

import (
	"bytes"
	"encoding/json"
	"io"
)

// WriteJSON writes the history in Temporal's JSON format, as
// `temporal workflow show --output json` prints it: two-space indentation,
// enum values in their proto spelling ("EVENT_TYPE_TIMER_STARTED"), 64-bit
// integers as strings, durations like "10s", times in UTC, and fields with
// default values left out. The output is canonical: equal histories give
// equal bytes.
//
// Each event is written with the attributes named after its type (empty if
// unset); attributes of other types are not written. Events of type
// EventTypeUnspecified are written without attributes. The fields in each
// event's Unknown are written back in the objects they were read from,
// after the known fields.
func (h *History) WriteJSON(w io.Writer) error {
	b, err := h.MarshalJSON()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// MarshalJSON returns the history in Temporal's JSON format; see WriteJSON.
func (h *History) MarshalJSON() ([]byte, error) {
	w := &writer{}
	w.buf = append(w.buf, `{"events":[`...)
	for i, e := range h.Events {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.appendEvent(e)
	}
	w.buf = append(w.buf, "]}"...)
	var out bytes.Buffer
	out.Grow(len(w.buf) * 2)
	if err := json.Indent(&out, w.buf, "", "  "); err != nil {
		return nil, err // cannot happen: the writer prints valid JSON
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func (w *writer) appendEvent(e *Event) {
	w.buf = append(w.buf, '{')
	w.comma = false
	if e != nil {
		w.unknown, w.path = e.UnknownFields(), nil
		e.fields(w)
		if e.EventType.Known() {
			key := attributesKeys[e.EventType]
			w.key(key)
			a, _ := eventKinds[e.EventType].slot.get(e).(message)
			w.nested(key, a)
		}
		w.extras("")
		w.unknown = nil
	}
	w.buf = append(w.buf, '}')
}
