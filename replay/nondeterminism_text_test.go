package replay

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// compactJSON's shortcut for JSON that is compact already must give what
// json.Compact gives.
func TestCompactJSONMatchesJSONCompact(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data string
	}{
		{name: "number", data: `42`},
		{name: "string with space", data: `"a b"`},
		{name: "object compact", data: `{"a":[1,2,{"b":null}]}`},
		{name: "object spaced", data: "{ \"a\" :\t[1,\n2] }"},
		{name: "html characters", data: `"<a>&"`},
		{name: "line separator", data: "\"\u2028\""},
		{name: "invalid", data: `{"a":`},
		{name: "two values", data: `1 2`},
		{name: "empty", data: ``},
		{name: "invalid utf8", data: "\"\xff\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			err := json.Compact(&b, []byte(tt.data))
			wantOK := err == nil && utf8.Valid(b.Bytes())
			want := ""
			if wantOK {
				want = b.String()
			}
			got, ok := compactJSON([]byte(tt.data))
			if got != want || ok != wantOK {
				t.Fatalf("compactJSON(%q) = %q, %v; want %q, %v", tt.data, got, ok, want, wantOK)
			}
		})
	}
}
