package fn_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
)

// TestDirectReusing: a spare call of the same signature is reused and
// gives the same results as a fresh one; one of another signature is not.
func TestDirectReusing(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	hello := func(ctx context.Context, name string) (string, error) { return "Hello " + name, nil }
	double := func(ctx context.Context, n int) (int, error) { return 2 * n, nil }
	var spare fn.Prepared
	for i := range 3 {
		in, _ := dc.ToPayloads("n" + strconv.Itoa(i))
		call, ok, err := fn.DirectReusing(spare, dc, "activity", "Hello", hello, context.Background(), in)
		if !ok || err != nil {
			t.Fatalf("ok=%v err=%v", ok, err)
		}
		if spare != nil && call != spare {
			t.Fatalf("attempt %d: spare of the same signature not reused", i)
		}
		r, p, err := call.RunEncoded(dc)
		var got string
		if err != nil || r.Err != nil || dc.FromPayloads(p, &got) != nil || got != "Hello n"+strconv.Itoa(i) {
			t.Fatalf("attempt %d: got %q (%v, %v)", i, got, err, r.Err)
		}
		spare = call
	}
	in, _ := dc.ToPayloads(21)
	call, ok, err := fn.DirectReusing(spare, dc, "activity", "Double", double, context.Background(), in)
	if !ok || err != nil || call == spare {
		t.Fatalf("ok=%v err=%v reused=%v", ok, err, call == spare)
	}
	if r := call.Run(); r.Err != nil || r.Value != 42 {
		t.Fatalf("got %v, %v", r.Value, r.Err)
	}
}

// TestDirectReusingStartsFromZero: a reused call's argument does not
// carry over from the last call, where the new payload leaves its target
// alone (a JSON null) or there is none.
func TestDirectReusingStartsFromZero(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	echo := func(ctx context.Context, s string) (string, error) { return "<" + s + ">", nil }
	first, _ := dc.ToPayloads("x")
	null := &converter.Payloads{Payloads: []*converter.Payload{{
		Metadata: map[string][]byte{converter.MetadataEncoding: []byte(converter.EncodingJSON)},
		Data:     []byte("null"),
	}}}
	for _, in := range []*converter.Payloads{null, nil} {
		spare, ok, err := fn.DirectReusing(nil, dc, "activity", "Echo", echo, context.Background(), first)
		if !ok || err != nil {
			t.Fatalf("ok=%v err=%v", ok, err)
		}
		if r := spare.Run(); r.Value != "<x>" {
			t.Fatalf("first call: %v", r.Value)
		}
		call, ok, err := fn.DirectReusing(spare, dc, "activity", "Echo", echo, context.Background(), in)
		if !ok || err != nil || call != spare {
			t.Fatalf("ok=%v err=%v reused=%v", ok, err, call == spare)
		}
		if r := call.Run(); r.Err != nil || r.Value != "<>" {
			t.Fatalf("input %v: got %v, %v; want <>", in, r.Value, r.Err)
		}
	}
}
