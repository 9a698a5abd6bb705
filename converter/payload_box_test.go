package converter_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/wfsim/wfsim/converter"
)

// Payloads share no memory the user can change: growing or overwriting
// one payload's data, metadata or slice leaves every other value as it was.
func TestPayloadsShareNothing(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	values := []any{"x", "Hello wfsim", strings.Repeat("long ", 20), 42, int64(-7), true, []byte("raw"), nil, map[string]int{"a": 1}}
	for _, v := range values {
		msg, err := dc.ToPayloads(v)
		if err != nil {
			t.Fatal(err)
		}
		a := msg.GetPayloads()
		b, err := dc.ToPayload(v)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(b)
		if len(a) != 1 || cap(a) != 1 {
			t.Fatalf("ToPayloads(%v) = len %d cap %d; want 1, 1", v, len(a), cap(a))
		}
		if got, _ := json.Marshal(a[0]); string(got) != string(want) {
			t.Errorf("ToPayloads(%v) = %s; ToPayload gives %s", v, got, want)
		}
		enc := a[0].Metadata[converter.MetadataEncoding]
		if _, marshaled := v.(map[string]int); !marshaled && cap(a[0].Data) != len(a[0].Data) {
			t.Errorf("%v: data has spare capacity %d", v, cap(a[0].Data)-len(a[0].Data))
		}
		_ = append(a[0].Data, "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"...)
		_ = append(enc, "YYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY"...)
		_ = append(a, b)
		if got, _ := json.Marshal(a[0]); string(got) != string(want) {
			t.Errorf("%v: after appends the payload is %s; want %s", v, got, want)
		}
		a[0].Metadata[converter.MetadataEncoding] = []byte("changed")
		if got, _ := json.Marshal(b); string(got) != string(want) {
			t.Errorf("%v: changing one payload's metadata changed another's: %s", v, got)
		}
		again, err := dc.ToPayloads(v)
		if err != nil {
			t.Fatal(err)
		}
		msg.Payloads = nil
		if again == msg || len(again.GetPayloads()) != 1 {
			t.Errorf("%v: ToPayloads shares its Payloads message between calls", v)
		}
	}
}
