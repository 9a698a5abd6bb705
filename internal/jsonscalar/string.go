package jsonscalar

import "unicode/utf8"

// AppendString appends s as a JSON string, escaped as protojson escapes it:
// a quote and a backslash with a backslash, the control characters \b, \f,
// \n, \r and \t in their short forms and the others below U+0020 as \u00XX,
// and nothing else (unlike encoding/json, <, > and & and U+2028 stay as
// they are). protojson refuses invalid UTF-8; here each invalid byte
// becomes U+FFFD, as encoding/json writes it, so the output is always JSON.
func AppendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		}
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c >= 0x20:
			b = append(b, c)
		case c == '\b':
			b = append(b, '\\', 'b')
		case c == '\f':
			b = append(b, '\\', 'f')
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		i++
	}
	return append(b, '"')
}
