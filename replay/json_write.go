package replay

import (
	"encoding/base64"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wfsim/wfsim/converter"
)

// writer is the visitor that prints messages as compact JSON, fields with
// default values left out. WriteJSON indents the result afterwards.
type writer struct {
	buf   []byte
	comma bool // a field was written in the current object
}

func (w *writer) key(name string) {
	if w.comma {
		w.buf = append(w.buf, ',')
	}
	w.comma = true
	name, _, _ = strings.Cut(name, "|") // old names are only read
	w.buf = appendString(w.buf, name)
	w.buf = append(w.buf, ':')
}

// appendString appends s as a JSON string. Unlike encoding/json it leaves
// <, > and & alone, as protojson does; invalid UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

func (w *writer) str(name string, p *string) {
	if *p != "" {
		w.key(name)
		w.buf = appendString(w.buf, *p)
	}
}

func (w *writer) i64(name string, p *int64) {
	if *p != 0 {
		w.key(name)
		w.buf = append(w.buf, '"')
		w.buf = strconv.AppendInt(w.buf, *p, 10)
		w.buf = append(w.buf, '"')
	}
}

func (w *writer) i32(name string, p *int32) {
	if *p != 0 {
		w.key(name)
		w.buf = strconv.AppendInt(w.buf, int64(*p), 10)
	}
}

func (w *writer) u32(name string, p *uint32) {
	if *p != 0 {
		w.key(name)
		w.buf = strconv.AppendUint(w.buf, uint64(*p), 10)
	}
}

func (w *writer) boolean(name string, p *bool) {
	if *p {
		w.key(name)
		w.buf = append(w.buf, "true"...)
	}
}

// appendFloat writes f as protojson does: a JSON number, or the strings
// "NaN", "Infinity" and "-Infinity".
func appendFloat(b []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(b, `"Infinity"`...)
	case math.IsInf(f, -1):
		return append(b, `"-Infinity"`...)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	return strconv.AppendFloat(b, f, format, -1, bits)
}

func (w *writer) f64(name string, p *float64) {
	if *p != 0 || math.IsNaN(*p) {
		w.key(name)
		w.buf = appendFloat(w.buf, *p, 64)
	}
}

func (w *writer) f32(name string, p *float32) {
	if *p != 0 || *p != *p {
		w.key(name)
		w.buf = appendFloat(w.buf, float64(*p), 32)
	}
}

// appendDuration writes d as protojson writes a google.protobuf.Duration:
// seconds with 0, 3, 6 or 9 fractional digits, such as "10s" or "0.100s".
func appendDuration(b []byte, d time.Duration) []byte {
	b = append(b, '"')
	u := uint64(d)
	if d < 0 {
		b = append(b, '-')
		u = -u
	}
	secs, nanos := u/uint64(time.Second), u%uint64(time.Second)
	b = strconv.AppendUint(b, secs, 10)
	if nanos != 0 {
		frac := strconv.FormatUint(nanos+uint64(time.Second), 10)[1:] // nine digits
		switch {
		case nanos%1e6 == 0:
			frac = frac[:3]
		case nanos%1e3 == 0:
			frac = frac[:6]
		}
		b = append(b, '.')
		b = append(b, frac...)
	}
	return append(b, 's', '"')
}

func (w *writer) dur(name string, p *time.Duration) {
	if *p != 0 {
		w.key(name)
		w.buf = appendDuration(w.buf, *p)
	}
}

func (w *writer) ts(name string, p *time.Time) {
	if !p.IsZero() {
		w.key(name)
		w.buf = appendTime(w.buf, *p)
	}
}

// appendTime writes t in UTC as protojson writes a google.protobuf.Timestamp:
// RFC 3339 with 0, 3, 6 or 9 fractional digits.
func appendTime(b []byte, t time.Time) []byte {
	t = t.UTC()
	b = append(b, '"')
	b = t.AppendFormat(b, "2006-01-02T15:04:05")
	if nanos := t.Nanosecond(); nanos != 0 {
		frac := strconv.Itoa(nanos + 1e9)[1:] // nine digits
		switch {
		case nanos%1e6 == 0:
			frac = frac[:3]
		case nanos%1e3 == 0:
			frac = frac[:6]
		}
		b = append(b, '.')
		b = append(b, frac...)
	}
	return append(b, 'Z', '"')
}

func (w *writer) enum(name string, p *int32, d *enumDesc) {
	if *p != 0 {
		w.key(name)
		if s := d.protoName(*p); s != "" {
			w.buf = appendString(w.buf, s)
		} else {
			w.buf = strconv.AppendInt(w.buf, int64(*p), 10)
		}
	}
}

func (w *writer) eventType(name string, p *EventType) {
	n := int32(*p)
	w.enum(name, &n, eventTypeEnum)
}

func (w *writer) strs(name string, p *[]string) {
	if len(*p) > 0 {
		w.key(name)
		w.buf = append(w.buf, '[')
		for i, s := range *p {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.buf = appendString(w.buf, s)
		}
		w.buf = append(w.buf, ']')
	}
}

func (w *writer) u32s(name string, p *[]uint32) {
	if len(*p) > 0 {
		w.key(name)
		w.buf = append(w.buf, '[')
		for i, n := range *p {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.buf = strconv.AppendUint(w.buf, uint64(n), 10)
		}
		w.buf = append(w.buf, ']')
	}
}

func (w *writer) strMap(name string, p *map[string]string) { writeMap(w, name, *p, appendString) }

func appendBytes(b, data []byte) []byte {
	b = append(b, '"')
	b = base64.StdEncoding.AppendEncode(b, data)
	return append(b, '"')
}

// appendPayload writes a payload; nil prints as {}.
func appendPayload(b []byte, p *converter.Payload) []byte {
	b = append(b, '{')
	if p != nil {
		if len(p.Metadata) > 0 {
			b = append(b, `"metadata":{`...)
			for i, k := range sortedKeys(p.Metadata) {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendString(b, k)
				b = append(b, ':')
				b = appendBytes(b, p.Metadata[k])
			}
			b = append(b, '}')
		}
		if len(p.Data) > 0 {
			if len(p.Metadata) > 0 {
				b = append(b, ',')
			}
			b = append(b, `"data":`...)
			b = appendBytes(b, p.Data)
		}
	}
	return append(b, '}')
}

func appendPayloads(b []byte, ps converter.Payloads) []byte {
	if len(ps) == 0 {
		return append(b, "{}"...)
	}
	b = append(b, `{"payloads":[`...)
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendPayload(b, p)
	}
	return append(b, "]}"...)
}

func (w *writer) payload(name string, p **converter.Payload) {
	if *p != nil {
		w.key(name)
		w.buf = appendPayload(w.buf, *p)
	}
}

// payloads writes a non-nil Payloads even when empty ({}), so that "set
// but empty" survives a round trip as protojson keeps it.
func (w *writer) payloads(name string, p *converter.Payloads) {
	if *p != nil {
		w.key(name)
		w.buf = appendPayloads(w.buf, *p)
	}
}

func (w *writer) payloadMap(name string, p *map[string]*converter.Payload) {
	writeMap(w, name, *p, appendPayload)
}

func (w *writer) payloadsMap(name string, p *map[string]converter.Payloads) {
	writeMap(w, name, *p, appendPayloads)
}

// writeMap writes a map field as a JSON object with its keys in sorted
// order, so equal histories give equal bytes; an empty map is left out.
func writeMap[V any](w *writer, name string, m map[string]V, appendValue func([]byte, V) []byte) {
	if len(m) == 0 {
		return
	}
	w.key(name)
	w.buf = append(w.buf, '{')
	for i, k := range sortedKeys(m) {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.buf = appendString(w.buf, k)
		w.buf = append(w.buf, ':')
		w.buf = appendValue(w.buf, m[k])
	}
	w.buf = append(w.buf, '}')
}

// nested writes m as a JSON object; nil prints as {}.
func (w *writer) nested(m message) {
	w.buf = append(w.buf, '{')
	w.comma = false
	if m != nil {
		m.fields(w)
	}
	w.buf = append(w.buf, '}')
	w.comma = true
}

func (w *writer) object(name string, present bool, get func() message, _ func() message) {
	if present {
		w.key(name)
		w.nested(get())
	}
}

func (w *writer) objects(name string, n int, get func(int) message, _ func() message) {
	if n > 0 {
		w.key(name)
		w.buf = append(w.buf, '[')
		for i := range n {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.nested(get(i))
		}
		w.buf = append(w.buf, ']')
	}
}
