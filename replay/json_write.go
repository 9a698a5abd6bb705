package replay

import (
	"encoding/base64"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/jsonscalar"
)

// writer is the visitor that prints messages as compact JSON, fields with
// default values left out. WriteJSON indents the result afterwards.
type writer struct {
	buf   []byte
	comma bool // a field was written in the current object
	// unknown is the unknown fields of the event being written, and path
	// the JSON path of the object being written, to put them back where
	// they were read.
	unknown []UnknownField
	path    []string
}

// here returns the path of the object being written.
func (w *writer) here() string { return strings.Join(w.path, ".") }

// unknownAt reports whether unknown fields lie inside the child object
// name of the object being written, so that it must be written even if
// its known fields are all defaults.
func (w *writer) unknownAt(name string) bool {
	return len(w.unknown) > 0 && unknownUnder(w.unknown, joinPath(w.here(), canonicalName(name)))
}

// extras writes the unknown fields of the object at path.
func (w *writer) extras(path string) {
	if len(w.unknown) == 0 {
		return
	}
	for _, f := range unknownIn(w.unknown, path) {
		w.key(f.Name)
		w.buf = append(w.buf, f.Value...)
	}
}

func (w *writer) key(name string) {
	if w.comma {
		w.buf = append(w.buf, ',')
	}
	w.comma = true
	name, _, _ = strings.Cut(name, "|") // old names are only read
	w.buf = jsonscalar.AppendString(w.buf, name)
	w.buf = append(w.buf, ':')
}

func (w *writer) str(name string, p *string) {
	if *p != "" {
		w.key(name)
		w.buf = jsonscalar.AppendString(w.buf, *p)
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

func (w *writer) f64(name string, p *float64) {
	if *p != 0 || math.IsNaN(*p) {
		w.key(name)
		w.buf = jsonscalar.AppendFloat(w.buf, *p, 64)
	}
}

func (w *writer) f32(name string, p *float32) {
	if *p != 0 || *p != *p {
		w.key(name)
		w.buf = jsonscalar.AppendFloat(w.buf, float64(*p), 32)
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
			w.buf = jsonscalar.AppendString(w.buf, s)
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
			w.buf = jsonscalar.AppendString(w.buf, s)
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

func (w *writer) strMap(name string, p *map[string]string) {
	writeMap(w, name, *p, func(b []byte, _ string, v string) []byte { return jsonscalar.AppendString(b, v) })
}

func appendBytes(b, data []byte) []byte {
	b = append(b, '"')
	b = base64.StdEncoding.AppendEncode(b, data)
	return append(b, '"')
}

// appendPayloadAt writes a payload followed by the unknown fields read
// from it at path.
func appendPayloadAt(b []byte, p *converter.Payload, unknown []UnknownField, path string) []byte {
	b = append(b, '{')
	comma := false
	if p != nil {
		if len(p.Metadata) > 0 {
			b = append(b, `"metadata":{`...)
			for i, k := range sortedKeys(p.Metadata) {
				if i > 0 {
					b = append(b, ',')
				}
				b = jsonscalar.AppendString(b, k)
				b = append(b, ':')
				b = appendBytes(b, p.Metadata[k])
			}
			b = append(b, '}')
			comma = true
		}
		if len(p.Data) > 0 {
			if comma {
				b = append(b, ',')
			}
			b = append(b, `"data":`...)
			b = appendBytes(b, p.Data)
			comma = true
		}
	}
	return appendExtras(b, unknown, path, comma)
}

// appendExtras writes the unknown fields of the object at path and closes
// it; comma says whether a field was written before them.
func appendExtras(b []byte, unknown []UnknownField, path string, comma bool) []byte {
	if len(unknown) > 0 {
		for _, f := range unknownIn(unknown, path) {
			if comma {
				b = append(b, ',')
			}
			comma = true
			b = jsonscalar.AppendString(b, f.Name)
			b = append(b, ':')
			b = append(b, f.Value...)
		}
	}
	return append(b, '}')
}

// appendPayloadsAt writes payloads followed by the unknown fields read from
// them at path.
func appendPayloadsAt(b []byte, msg *converter.Payloads, unknown []UnknownField, path string) []byte {
	ps := msg.GetPayloads()
	b = append(b, '{')
	if len(ps) > 0 {
		b = append(b, `"payloads":[`...)
		for i, p := range ps {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendPayloadAt(b, p, unknown, path+".payloads["+strconv.Itoa(i)+"]")
		}
		b = append(b, ']')
	}
	return appendExtras(b, unknown, path, len(ps) > 0)
}

func (w *writer) payload(name string, p **converter.Payload) {
	if *p != nil || w.unknownAt(name) {
		w.key(name)
		w.buf = appendPayloadAt(w.buf, *p, w.unknown, joinPath(w.here(), canonicalName(name)))
	}
}

// payloads writes a non-nil Payloads even when empty ({}), so that "set
// but empty" survives a round trip as protojson keeps it.
func (w *writer) payloads(name string, p **converter.Payloads) {
	if *p != nil || w.unknownAt(name) {
		w.key(name)
		w.buf = appendPayloadsAt(w.buf, *p, w.unknown, joinPath(w.here(), canonicalName(name)))
	}
}

func (w *writer) payloadMap(name string, p *map[string]*converter.Payload) {
	at := joinPath(w.here(), canonicalName(name))
	writeMap(w, name, *p, func(b []byte, k string, v *converter.Payload) []byte {
		return appendPayloadAt(b, v, w.unknown, at+"."+k)
	})
}

func (w *writer) payloadsMap(name string, p *map[string]*converter.Payloads) {
	at := joinPath(w.here(), canonicalName(name))
	writeMap(w, name, *p, func(b []byte, k string, v *converter.Payloads) []byte {
		return appendPayloadsAt(b, v, w.unknown, at+"."+k)
	})
}

// writeMap writes a map field as a JSON object with its keys in sorted
// order, so equal histories give equal bytes; an empty map is left out.
func writeMap[V any](w *writer, name string, m map[string]V, appendValue func([]byte, string, V) []byte) {
	if len(m) == 0 {
		return
	}
	w.key(name)
	w.buf = append(w.buf, '{')
	for i, k := range sortedKeys(m) {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.buf = jsonscalar.AppendString(w.buf, k)
		w.buf = append(w.buf, ':')
		w.buf = appendValue(w.buf, k, m[k])
	}
	w.buf = append(w.buf, '}')
}

// nested writes m as a JSON object at the child path elem, followed by the
// unknown fields read from there; nil prints as {}.
func (w *writer) nested(elem string, m message) {
	w.path = append(w.path, elem)
	w.buf = append(w.buf, '{')
	w.comma = false
	if m != nil && !isNilPointer(m) {
		m.fields(w)
	}
	w.extras(w.here())
	w.buf = append(w.buf, '}')
	w.comma = true
	w.path = w.path[:len(w.path)-1]
}

// isNilPointer reports whether m is a typed nil pointer, which an optional
// message absent from the event but holding unknown fields can be.
func isNilPointer(m message) bool {
	v := reflect.ValueOf(m)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

func (w *writer) object(name string, present bool, get func() message, _ func() message) {
	if present || w.unknownAt(name) {
		w.key(name)
		w.nested(canonicalName(name), get())
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
			w.nested(canonicalName(name)+"["+strconv.Itoa(i)+"]", get(i))
		}
		w.buf = append(w.buf, ']')
	}
}
