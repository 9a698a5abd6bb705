package converter

import "strconv"

// appendSimpleJSON appends the JSON encoding of value when it is a plain
// integer, bool, or string of ASCII that JSON writes as is, and reports
// whether it did. Its bytes are exactly what encoding/json writes for these
// values; it spares the reflection and buffers of json.Marshal on the
// values workflows pass most.
func appendSimpleJSON(b []byte, value any) ([]byte, bool) {
	switch v := value.(type) {
	case int:
		return strconv.AppendInt(b, int64(v), 10), true
	case int64:
		return strconv.AppendInt(b, v, 10), true
	case int32:
		return strconv.AppendInt(b, int64(v), 10), true
	case uint:
		return strconv.AppendUint(b, uint64(v), 10), true
	case uint64:
		return strconv.AppendUint(b, v, 10), true
	case uint32:
		return strconv.AppendUint(b, uint64(v), 10), true
	case bool:
		return strconv.AppendBool(b, v), true
	case string:
		for i := 0; i < len(v); i++ {
			// encoding/json escapes control characters, quotes,
			// backslashes, <, > and & (for HTML), and rewrites non-ASCII
			// it finds invalid.
			if c := v[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return b, false
			}
		}
		if b == nil {
			b = make([]byte, 0, len(v)+2)
		}
		b = append(b, '"')
		b = append(b, v...)
		return append(b, '"'), true
	}
	return b, false
}
