package replay

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// String returns the history as a timeline, one line per event: its ID,
// its time as an offset from the first event, its type and its key
// attributes (activity, timer, signal and marker names and IDs, payload
// previews, failure messages). It is meant for people: test failures and
// debugging. Use WriteJSON for a faithful copy.
func (h *History) String() string {
	var b strings.Builder
	_ = h.WriteTimeline(&b)
	return b.String()
}

// WriteTimeline writes the timeline that String returns.
func (h *History) WriteTimeline(w io.Writer) error {
	if h == nil || len(h.Events) == 0 {
		_, err := io.WriteString(w, "(empty history)\n")
		return err
	}
	var start time.Time
	if h.Events[0] != nil {
		start = h.Events[0].EventTime
	}
	type line struct{ id, offset, typ, details string }
	lines := make([]line, len(h.Events))
	var idW, offW, typW int
	for i, e := range h.Events {
		if e == nil {
			lines[i] = line{id: "?", offset: "?", typ: "(nil event)"}
		} else {
			lines[i] = line{
				id:      strconv.FormatInt(e.EventID, 10),
				offset:  offset(start, e.EventTime),
				typ:     e.EventType.String(),
				details: strings.Join(eventDetails(e), " "),
			}
		}
		idW = max(idW, len(lines[i].id))
		offW = max(offW, len(lines[i].offset))
		typW = max(typW, len(lines[i].typ))
	}
	var b bytes.Buffer
	for _, l := range lines {
		s := fmt.Sprintf("%*s  %-*s  %-*s  %s", idW, l.id, offW, l.offset, typW, l.typ, l.details)
		b.WriteString(strings.TrimRight(s, " "))
		b.WriteByte('\n')
	}
	_, err := w.Write(b.Bytes())
	return err
}

// offset prints t relative to start, such as "+1h0m0s"; "?" when either
// time is unknown.
func offset(start, t time.Time) string {
	if start.IsZero() || t.IsZero() {
		return "?"
	}
	d := t.Sub(start)
	if d < 0 {
		return d.String()
	}
	return "+" + d.String()
}

// String returns a one-line description of the event: its ID, type and
// key attributes, such as
// `7 ActivityTaskScheduled activityType=Activity1 activityId=7 input=["x"]`.
func (e *Event) String() string {
	if e == nil {
		return "(nil event)"
	}
	return strings.TrimRight(strconv.FormatInt(e.EventID, 10)+" "+e.EventType.String()+" "+
		strings.Join(eventDetails(e), " "), " ")
}

// previewLen bounds each payload preview and failure message.
const previewLen = 60

// details collects the key=value parts of a timeline line.
type details []string

func (d *details) add(key, value string) {
	if value != "" {
		*d = append(*d, key+"="+value)
	}
}

func (d *details) str(key, s string) {
	if s != "" {
		d.add(key, quoteIfNeeded(s))
	}
}

func (d *details) id(key string, n int64) {
	if n != 0 {
		d.add(key, strconv.FormatInt(n, 10))
	}
}

func (d *details) dur(key string, v time.Duration) {
	if v != 0 {
		d.add(key, v.String())
	}
}

func (d *details) payloads(key string, p *converter.Payloads) {
	d.add(key, previewPayloads(p))
}

func (d *details) failure(key string, f *wfsim.Failure) {
	d.add(key, previewFailure(f))
}

// quoteIfNeeded quotes s when it has spaces or quotes, so that lines stay
// easy to split by eye.
func quoteIfNeeded(s string) string {
	if s == "" || strings.ContainsAny(s, " \t\n\"=") || !utf8.ValidString(s) {
		return strconv.Quote(truncate(s, previewLen))
	}
	return truncate(s, previewLen)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// previewPayloads shows a list of values: one value alone, several as
// [a, b].
func previewPayloads(msg *converter.Payloads) string {
	ps := msg.GetPayloads()
	switch len(ps) {
	case 0:
		return ""
	case 1:
		return previewPayload(ps[0])
	}
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = previewPayload(p)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// previewPayload shows one value: JSON payloads as compact JSON text,
// others by encoding and size.
func previewPayload(p *converter.Payload) string {
	if p == nil {
		return "<nil>"
	}
	enc := p.Encoding()
	switch enc {
	case converter.EncodingNull:
		return "null"
	case converter.EncodingJSON, converter.EncodingProtoJSON:
		var b bytes.Buffer
		if json.Compact(&b, p.Data) == nil && utf8.Valid(b.Bytes()) {
			return truncate(b.String(), previewLen)
		}
	}
	if enc == "" {
		enc = "no encoding"
	}
	return "<" + enc + ", " + strconv.Itoa(len(p.Data)) + " bytes>"
}

// previewFailure shows a failure's messages, causes included, quoted.
func previewFailure(f *wfsim.Failure) string {
	if f == nil {
		return ""
	}
	var msgs []string
	for depth := 0; f != nil && depth < 10; f, depth = f.Cause, depth+1 {
		m := f.Message
		if info := f.ApplicationFailureInfo; info != nil && info.Type != "" {
			m += " (" + info.Type + ")"
		}
		if info := f.TimeoutFailureInfo; info != nil {
			m += " (" + info.TimeoutType.String() + ")"
		}
		msgs = append(msgs, m)
	}
	return strconv.Quote(truncate(strings.Join(msgs, ": "), 2*previewLen))
}

// previewPayloadMap shows named values as {k1: v1, k2: v2} in key order.
func previewPayloadMap(m map[string]*converter.Payload) string {
	if len(m) == 0 {
		return ""
	}
	parts := make([]string, 0, len(m))
	for _, k := range sortedKeys(m) {
		parts = append(parts, k+": "+previewPayload(m[k]))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
