package jsonscalar

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func TestAppendString(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", `""`},
		{"plain", `"plain"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"<&>", `"<&>"`},
		{"\b\f\n\r\t", `"\b\f\n\r\t"`},
		{"\x00\x01\x1f\x7f", `"\u0000\u0001\u001f` + "\x7f" + `"`},
		{"héllo ✓ \u2028", "\"héllo ✓ \u2028\""},
		{"bad\xffutf8\xe2\x82", `"bad\ufffdutf8\ufffd\ufffd"`},
	}
	for _, tt := range tests {
		got := string(AppendString([]byte("x"), tt.in))
		if got != "x"+tt.want {
			t.Errorf("AppendString(%q) = %s, want x%s", tt.in, got, tt.want)
		}
		var back string
		if err := json.Unmarshal([]byte(got[1:]), &back); err != nil {
			t.Errorf("AppendString(%q) = %s is not JSON: %v", tt.in, got, err)
		} else if utf8.ValidString(tt.in) && back != tt.in {
			t.Errorf("AppendString(%q) = %s reads back as %q", tt.in, got, back)
		}
	}
}
