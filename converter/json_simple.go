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
		return appendSimpleString(b, v)
	case *string:
		// A pointer encodes as what it points to (fn encodes results
		// this way without boxing them); nil is left to encoding/json.
		if v != nil {
			return appendSimpleString(b, *v)
		}
	case *int:
		if v != nil {
			return strconv.AppendInt(b, int64(*v), 10), true
		}
	}
	return b, false
}

// appendSimpleString appends the JSON encoding of s when it is ASCII that
// JSON writes as is, and reports whether it did.
func appendSimpleString(b []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		if plainJSON[s[i]] != 'y' {
			return b, false
		}
	}
	if cap(b)-len(b) < len(s)+2 {
		// One allocation of the size needed, not append's growth.
		b = append(make([]byte, 0, len(b)+len(s)+2), b...)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), true
}

// plainJSON has a 'y' at each byte that encoding/json writes as is in a
// string: printable ASCII but for quotes, backslashes, and <, > and & (it
// escapes those for HTML). It escapes control characters too, and
// rewrites non-ASCII it finds invalid. One lookup per byte is a few times
// cheaper than the seven comparisons it stands for.
const plainJSON = "" +
	"................................" + // 0x00-0x1f
	"yy.yyy.yyyyyyyyyyyyyyyyyyyyy.y.y" + // 0x20-0x3f: " & < >
	"yyyyyyyyyyyyyyyyyyyyyyyyyyyy.yyy" + // 0x40-0x5f: \
	"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy." + // 0x60-0x7f: DEL
	"................................................................" +
	"................................................................"

// decodeSimpleJSON decodes data into valuePtr when valuePtr is an *int,
// *int64 or *string and data is a plain integer or a plain-ASCII string
// without escapes, and reports whether it did. It stores exactly what
// encoding/json stores; anything else (spaces, escapes, overflow, another
// target) is left to encoding/json, errors included.
func decodeSimpleJSON(data []byte, valuePtr any) bool {
	switch p := valuePtr.(type) {
	case *int:
		if n, ok := plainInt(data); ok && p != nil && int64(int(n)) == n {
			*p = int(n)
			return true
		}
	case *int64:
		if n, ok := plainInt(data); ok && p != nil {
			*p = n
			return true
		}
	case *string:
		if p == nil || len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' {
			return false
		}
		for _, c := range data[1 : len(data)-1] {
			if c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
				return false
			}
		}
		*p = string(data[1 : len(data)-1])
		return true
	}
	return false
}

// plainInt parses a JSON integer without fraction or exponent: an optional
// minus sign and digits with no leading zero.
func plainInt(data []byte) (int64, bool) {
	digits := data
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > 1 && digits[0] == '0' {
		return 0, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(string(data), 10, 64)
	return n, err == nil
}
