// Package protoname converts between a protobuf field's proto name
// (snake_case) and its JSON name (lowerCamel), as protoc derives the one
// from the other, for the two readers and writers of protobuf-shaped JSON:
// the history reader (package replay), which accepts both spellings, and
// the json/protobuf converter's field masks (package converter).
package protoname

import "strings"

// Snake returns the proto spelling of a lowerCamel JSON name: each
// upper-case letter becomes an underscore and its lower case
// ("historySizeBytes" → "history_size_bytes").
func Snake(camel string) string {
	var b strings.Builder
	for i := 0; i < len(camel); i++ {
		c := camel[i]
		if 'A' <= c && c <= 'Z' {
			b.WriteByte('_')
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// LowerCamel returns the JSON name of a proto name: each letter after an
// underscore upper-cased, the underscores dropped ("history_size_bytes" →
// "historySizeBytes").
func LowerCamel(snake string) string {
	var b strings.Builder
	up := false
	for i := 0; i < len(snake); i++ {
		c := snake[i]
		switch {
		case c == '_':
			up = true
			continue
		case up && 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		}
		up = false
		b.WriteByte(c)
	}
	return b.String()
}
