package converter

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestAppendSimpleJSONMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		value  any
		simple bool
	}{
		{"int", 42, true},
		{"negative int", -7, true},
		{"min int64", int64(math.MinInt64), true},
		{"int32", int32(-3), true},
		{"max uint64", uint64(math.MaxUint64), true},
		{"uint", uint(9), true},
		{"uint32", uint32(5), true},
		{"true", true, true},
		{"false", false, true},
		{"string", "Hello wfsim", true},
		{"empty string", "", true},
		{"quote", `say "hi"`, false},
		{"backslash", `a\b`, false},
		{"html", "<b>&</b>", false},
		{"newline", "a\nb", false},
		{"non-ASCII", "héllo", false},
		{"invalid UTF-8", "\xff", false},
		{"float", 1.5, false},
		{"named int", myInt(3), false},
		{"nil", nil, false},
		{"pointer to a string", ptr("Hello"), true},
		{"pointer to a quote", ptr(`"`), false},
		{"pointer to an int", ptr(-12), true},
		{"nil string pointer", (*string)(nil), false},
		{"nil int pointer", (*int)(nil), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := appendSimpleJSON(nil, tt.value)
			if ok != tt.simple {
				t.Fatalf("appendSimpleJSON(%#v) ok = %v, want %v", tt.value, ok, tt.simple)
			}
			if !ok {
				return
			}
			want, err := json.Marshal(tt.value)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("appendSimpleJSON(%#v) = %s, encoding/json writes %s", tt.value, got, want)
			}
		})
	}
}

func FuzzAppendSimpleJSON(f *testing.F) {
	for _, s := range []string{"", "abc", "<", "a\"b", "\u2028", "\xff"} {
		f.Add(s, int64(0))
	}
	f.Fuzz(func(t *testing.T, s string, n int64) {
		for _, v := range []any{s, n, int(n), uint64(n), n > 0} {
			got, ok := appendSimpleJSON(nil, v)
			if !ok {
				continue
			}
			want, _ := json.Marshal(v)
			if string(got) != string(want) {
				t.Errorf("appendSimpleJSON(%#v) = %s, encoding/json writes %s", v, got, want)
			}
		}
	})
}

type myInt int

func (m myInt) MarshalJSON() ([]byte, error) { return []byte(`"custom"`), nil }

func TestDecodeSimpleJSONMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		data   string
		simple bool
	}{
		{"int", "42", true},
		{"negative", "-42", true},
		{"zero", "0", true},
		{"leading zero", "007", false},
		{"plus", "+5", false},
		{"minus only", "-", false},
		{"overflow", "99999999999999999999", false},
		{"fraction", "1.5", false},
		{"exponent", "1e3", false},
		{"space", " 1", false},
		{"null", "null", false},
		{"string", `"Hello wfsim"`, true},
		{"empty string", `""`, true},
		{"escape", `"a\nb"`, false},
		{"unicode escape", `"\u00e9"`, false},
		{"non-ASCII", `"é"`, false},
		{"unterminated", `"abc`, false},
		{"quote only", `"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkDecodeSimple(t, []byte(tt.data), tt.simple)
		})
	}
}

// checkDecodeSimple checks that decodeSimpleJSON stores what json.Unmarshal
// stores, into each target it handles, and, when simple is set, that it
// handles data for at least one target.
func checkDecodeSimple(t *testing.T, data []byte, simple bool) {
	t.Helper()
	var handled bool
	var i, wi int
	var i64, wi64 int64
	var s, ws string
	for _, c := range []struct {
		got, want any
		eq        func() bool
	}{
		{&i, &wi, func() bool { return i == wi }},
		{&i64, &wi64, func() bool { return i64 == wi64 }},
		{&s, &ws, func() bool { return s == ws }},
	} {
		if !decodeSimpleJSON(data, c.got) {
			continue
		}
		handled = true
		if err := json.Unmarshal(data, c.want); err != nil {
			t.Fatalf("decodeSimpleJSON(%q, %T) decoded what encoding/json rejects: %v", data, c.got, err)
		}
		if !c.eq() {
			t.Errorf("decodeSimpleJSON(%q, %T) stored a different value than encoding/json", data, c.got)
		}
	}
	if simple && !handled {
		t.Errorf("decodeSimpleJSON(%q) handled no target", data)
	}
}

func FuzzDecodeSimpleJSON(f *testing.F) {
	for _, s := range []string{"0", "-1", "12", `"x"`, `"\n"`, "1e2", "-0", "9223372036854775808"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkDecodeSimple(t, data, false) })
}

func ptr[T any](v T) *T { return &v }

// TestPlainJSONBytesAreWrittenAsIs: plainJSON marks exactly printable
// ASCII but for " \ < > &, and each byte it marks is one encoding/json
// writes unchanged inside a string.
func TestPlainJSONBytesAreWrittenAsIs(t *testing.T) {
	t.Parallel()
	if len(plainJSON) != 256 {
		t.Fatalf("plainJSON has %d bytes, want 256", len(plainJSON))
	}
	for c := range 256 {
		want := c >= 0x20 && c <= 0x7e && !strings.ContainsRune(`"\<>&`, rune(c))
		if marked := plainJSON[c] == 'y'; marked != want {
			t.Errorf("byte %#x: marked %v, want %v", c, marked, want)
		}
		if !want {
			continue
		}
		got, err := json.Marshal(string([]byte{byte(c)}))
		if err != nil || string(got) != `"`+string([]byte{byte(c)})+`"` {
			t.Errorf("byte %#x: encoding/json writes %s (%v)", c, got, err)
		}
	}
}
