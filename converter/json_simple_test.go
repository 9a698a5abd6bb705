package converter

import (
	"encoding/json"
	"math"
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
