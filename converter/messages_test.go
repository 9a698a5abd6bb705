package converter_test

import (
	"encoding/json"
	"testing"

	"github.com/wfsim/wfsim/converter"
)

func TestMemoAndSearchAttributesGetters(t *testing.T) {
	t.Parallel()
	p := &converter.Payload{Data: []byte(`1`)}
	tests := []struct {
		name string
		memo *converter.Memo
		sa   *converter.SearchAttributes
		want int
	}{
		{"nil", nil, nil, 0},
		{"empty", &converter.Memo{}, &converter.SearchAttributes{}, 0},
		{"one field", &converter.Memo{Fields: map[string]*converter.Payload{"k": p}},
			&converter.SearchAttributes{IndexedFields: map[string]*converter.Payload{"k": p}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := len(tt.memo.GetFields()); got != tt.want {
				t.Errorf("Memo.GetFields() has %d fields, want %d", got, tt.want)
			}
			if got := len(tt.sa.GetIndexedFields()); got != tt.want {
				t.Errorf("SearchAttributes.GetIndexedFields() has %d fields, want %d", got, tt.want)
			}
		})
	}
}

// The encoding/json forms are Temporal's JSON forms of the messages.
func TestMemoAndSearchAttributesJSON(t *testing.T) {
	t.Parallel()
	p := &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(`"v"`)}
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"memo", &converter.Memo{Fields: map[string]*converter.Payload{"k": p}},
			`{"fields":{"k":{"metadata":{"encoding":"anNvbi9wbGFpbg=="},"data":"InYi"}}}`},
		{"empty memo", &converter.Memo{}, `{}`},
		{"search attributes", &converter.SearchAttributes{IndexedFields: map[string]*converter.Payload{"k": p}},
			`{"indexedFields":{"k":{"metadata":{"encoding":"anNvbi9wbGFpbg=="},"data":"InYi"}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("json.Marshal = %s, want %s", b, tt.want)
			}
		})
	}
}
