package replay

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wfsim/wfsim/internal/protoname"
)

// readState is shared by the readers of one event: where they are, for
// error messages, and the first error.
type readState struct {
	index   int
	eventID int64
	path    []string // for errors: the keys as found
	upath   []string // for unknown fields: the keys in their current spelling
	err     *HistoryError
	// unknown collects the fields the readers did not know, for
	// EventExtras.Unknown.
	unknown []UnknownField
}

// pathString is the JSON path of the object being read, relative to the
// event.
func (st *readState) pathString() string { return strings.Join(st.upath, ".") }

// canonicalName returns the current spelling of a field listed with old
// names ("inheritBuildId|useCompatibleVersion" → "inheritBuildId").
func canonicalName(name string) string {
	n, _, _ := strings.Cut(name, "|")
	return n
}

func (st *readState) fail(field, detail, expected string, got any, kind error) {
	if st.err != nil {
		return
	}
	path := append(append([]string(nil), st.path...), field)
	e := &HistoryError{
		Index:    st.index,
		EventID:  st.eventID,
		Field:    strings.Join(path, "."),
		Detail:   detail,
		Expected: expected,
		Err:      kind,
	}
	if expected != "" {
		e.Got = describe(got)
	}
	st.err = e
}

// describe prints a parsed JSON value for an error message, briefly.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		if len(v) > 40 {
			v = v[:40] + "…"
		}
		return strconv.Quote(v)
	case json.Number:
		return string(v)
	case bool:
		return strconv.FormatBool(v)
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return fmt.Sprintf("%T", v)
}

// reader is the visitor that fills a message from one parsed JSON object.
type reader struct {
	obj map[string]any
	st  *readState
	// used collects the keys the fields method asked for; the others are
	// unknown fields.
	used map[string]bool
}

// get returns the value of the field called name (or one of its old
// names), and the name it was found under. JSON null counts as absent, as
// in protojson.
func (r reader) get(name string) (any, string, bool) {
	if r.st.err != nil {
		return nil, "", false
	}
	for {
		alt, rest, more := strings.Cut(name, "|")
		snake := protoname.Snake(alt)
		if r.used != nil {
			r.used[alt], r.used[snake] = true, true
		}
		if v, ok := r.obj[alt]; ok && v != nil {
			return v, alt, true
		}
		if v, ok := r.obj[snake]; ok && v != nil {
			return v, snake, true
		}
		if !more {
			return nil, "", false
		}
		name = rest
	}
}

func (r reader) bad(key, expected string, got any) {
	r.st.fail(key, "", expected, got, ErrBadValue)
}

func (r reader) str(name string, p *string) {
	if v, key, ok := r.get(name); ok {
		s, isStr := v.(string)
		if !isStr {
			r.bad(key, "a string", v)
			return
		}
		*p = s
	}
}

// parseInt parses a protojson integer: a JSON number or a string holding
// one, possibly written with a fraction or exponent if its value is whole.
func parseInt(v any, bits int) (int64, bool) {
	s, ok := numberText(v)
	if !ok {
		return 0, false
	}
	if n, err := strconv.ParseInt(s, 10, bits); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	limit := math.Ldexp(1, bits-1)
	if err != nil || f != math.Trunc(f) || f < -limit || f >= limit {
		return 0, false
	}
	return int64(f), true
}

func parseUint32(v any) (uint32, bool) {
	s, ok := numberText(v)
	if !ok {
		return 0, false
	}
	if n, err := strconv.ParseUint(s, 10, 32); err == nil {
		return uint32(n), true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || f < 0 || f > math.MaxUint32 {
		return 0, false
	}
	return uint32(f), true
}

func numberText(v any) (string, bool) {
	switch v := v.(type) {
	case json.Number:
		return string(v), true
	case string:
		return v, true
	}
	return "", false
}

func (r reader) i64(name string, p *int64) {
	if v, key, ok := r.get(name); ok {
		n, ok := parseInt(v, 64)
		if !ok {
			r.bad(key, "a 64-bit integer", v)
			return
		}
		*p = n
	}
}

func (r reader) i32(name string, p *int32) {
	if v, key, ok := r.get(name); ok {
		n, ok := parseInt(v, 32)
		if !ok {
			r.bad(key, "a 32-bit integer", v)
			return
		}
		*p = int32(n)
	}
}

func (r reader) u32(name string, p *uint32) {
	if v, key, ok := r.get(name); ok {
		n, ok := parseUint32(v)
		if !ok {
			r.bad(key, "an unsigned 32-bit integer", v)
			return
		}
		*p = n
	}
}

func (r reader) boolean(name string, p *bool) {
	if v, key, ok := r.get(name); ok {
		b, isBool := v.(bool)
		if !isBool {
			r.bad(key, "true or false", v)
			return
		}
		*p = b
	}
}

func parseFloat(v any, bits int) (float64, bool) {
	switch v := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(v), bits)
		return f, err == nil
	case string:
		switch v {
		case "NaN":
			return math.NaN(), true
		case "Infinity":
			return math.Inf(1), true
		case "-Infinity":
			return math.Inf(-1), true
		}
		if !isJSONNumber(v) {
			return 0, false
		}
		f, err := strconv.ParseFloat(v, bits)
		return f, err == nil
	}
	return 0, false
}

// isJSONNumber reports whether s is spelled as a JSON number (strconv
// alone would also take "inf", "0x1p3" or "1_000").
func isJSONNumber(s string) bool {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return false
	}
	_, ok := v.(float64)
	return ok
}

func (r reader) f64(name string, p *float64) {
	if v, key, ok := r.get(name); ok {
		f, ok := parseFloat(v, 64)
		if !ok {
			r.bad(key, "a number", v)
			return
		}
		*p = f
	}
}

func (r reader) f32(name string, p *float32) {
	if v, key, ok := r.get(name); ok {
		f, ok := parseFloat(v, 32)
		if !ok {
			r.bad(key, "a 32-bit number", v)
			return
		}
		*p = float32(f)
	}
}

func (r reader) dur(name string, p *time.Duration) {
	if v, key, ok := r.get(name); ok {
		s, _ := v.(string)
		d, ok := parseDuration(s)
		if !ok {
			r.bad(key, `a duration such as "10s" or "0.100s"`, v)
			return
		}
		*p = d
	}
}

// parseDuration parses protojson's google.protobuf.Duration form: an
// optional minus, whole seconds, up to nine fractional digits, then "s".
func parseDuration(s string) (time.Duration, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	s, ok := strings.CutSuffix(s, "s")
	if !ok {
		return 0, false
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || len(whole) > 12 || !allDigits(whole) ||
		hasFrac && (frac == "" || len(frac) > 9 || !allDigits(frac)) {
		return 0, false
	}
	secs, _ := strconv.ParseInt(whole, 10, 64)
	var nanos int64
	if hasFrac {
		nanos, _ = strconv.ParseInt(frac+strings.Repeat("0", 9-len(frac)), 10, 64)
	}
	if secs > (math.MaxInt64-nanos)/int64(time.Second) {
		return 0, false // beyond time.Duration's range (about 292 years)
	}
	d := time.Duration(secs)*time.Second + time.Duration(nanos)
	if neg {
		d = -d
	}
	return d, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (r reader) ts(name string, p *time.Time) {
	if v, key, ok := r.get(name); ok {
		s, _ := v.(string)
		t, err := time.Parse(time.RFC3339Nano, s)
		t = t.UTC()
		if err != nil || t.Year() < 1 || t.Year() > 9999 {
			r.bad(key, "an RFC 3339 time between years 1 and 9999", v)
			return
		}
		if t.IsZero() {
			t = time.Time{}
		}
		*p = t
	}
}

func (r reader) enum(name string, p *int32, d *enumDesc) {
	if v, key, ok := r.get(name); ok {
		if s, isStr := v.(string); isStr {
			if n, known := d.value(s); known {
				*p = n
				return
			}
			if _, isNum := parseInt(s, 32); !isNum {
				// An unknown name reads as 0, as Temporal's SDK reads it,
				// so histories from newer servers stay readable; the
				// name is kept to be written back.
				*p = 0
				r.st.unknown = append(r.st.unknown, UnknownField{Object: r.st.pathString(), Name: canonicalName(name), Value: canonicalJSON(v)})
				return
			}
		}
		n, ok := parseInt(v, 32)
		if !ok {
			r.bad(key, "a "+d.typeName+" name or number", v)
			return
		}
		*p = int32(n)
	}
}

func (r reader) eventType(name string, p *EventType) {
	n := int32(*p)
	r.enum(name, &n, eventTypeEnum)
	*p = EventType(n)
}

func (r reader) strs(name string, p *[]string) {
	if v, key, ok := r.get(name); ok {
		list, isList := v.([]any)
		if !isList {
			r.bad(key, "an array of strings", v)
			return
		}
		var out []string
		for i, e := range list {
			s, isStr := e.(string)
			if !isStr {
				r.bad(key+"["+strconv.Itoa(i)+"]", "a string", e)
				return
			}
			out = append(out, s)
		}
		*p = out
	}
}

func (r reader) u32s(name string, p *[]uint32) {
	if v, key, ok := r.get(name); ok {
		list, isList := v.([]any)
		if !isList {
			r.bad(key, "an array of numbers", v)
			return
		}
		var out []uint32
		for i, e := range list {
			n, ok := parseUint32(e)
			if !ok {
				r.bad(key+"["+strconv.Itoa(i)+"]", "an unsigned 32-bit integer", e)
				return
			}
			out = append(out, n)
		}
		*p = out
	}
}

func (r reader) strMap(name string, p *map[string]string) {
	if v, key, ok := r.get(name); ok {
		obj, isObj := v.(map[string]any)
		if !isObj {
			r.bad(key, "an object", v)
			return
		}
		var out map[string]string
		for _, k := range sortedKeys(obj) {
			s, isStr := obj[k].(string)
			if !isStr {
				r.bad(key+"."+k, "a string", obj[k])
				return
			}
			if out == nil {
				out = make(map[string]string, len(obj))
			}
			out[k] = s
		}
		*p = out
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (r reader) object(name string, _ bool, _ func() message, alloc func() message) {
	if v, key, ok := r.get(name); ok {
		obj, isObj := v.(map[string]any)
		if !isObj {
			r.bad(key, "an object", v)
			return
		}
		r.nested(key, canonicalName(name), obj, alloc())
	}
}

// nested reads obj into m, with key added to the error path and canon, the
// key's current spelling, to the path of unknown fields.
func (r reader) nested(key, canon string, obj map[string]any, m message) {
	r.st.path = append(r.st.path, key)
	r.st.upath = append(r.st.upath, canon)
	rd := reader{obj: obj, st: r.st, used: map[string]bool{}}
	m.fields(rd)
	if r.st.err == nil {
		r.st.recordUnknown(r.st.pathString(), obj, rd.used)
	}
	r.st.path = r.st.path[:len(r.st.path)-1]
	r.st.upath = r.st.upath[:len(r.st.upath)-1]
}

func (r reader) objects(name string, _ int, _ func(int) message, add func() message) {
	if v, key, ok := r.get(name); ok {
		list, isList := v.([]any)
		if !isList {
			r.bad(key, "an array", v)
			return
		}
		for i, item := range list {
			elemKey := key + "[" + strconv.Itoa(i) + "]"
			obj, isObj := item.(map[string]any)
			if !isObj {
				r.bad(elemKey, "an object", item)
				return
			}
			r.nested(elemKey, canonicalName(name)+"["+strconv.Itoa(i)+"]", obj, add())
		}
	}
}
