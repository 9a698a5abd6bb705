package fn_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
)

func TestDecodeArgsAfterLeadLeavesThePlaceOfTheSkipped(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	in, err := dc.ToPayloads("a", 2)
	if err != nil {
		t.Fatal(err)
	}
	ft := reflect.TypeFor[func(context.Context, string, int) error]()
	want, err := fn.DecodeArgs(dc, "activity", "A", ft, 1, in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := fn.DecodeArgsAfterLead(dc, "activity", "A", ft, 1, in, fn.RejectExtra)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1+len(want) || got[0].IsValid() {
		t.Fatalf("DecodeArgsAfterLead gave %d values (first valid: %v), want %d with the first invalid", len(got), got[0].IsValid(), 1+len(want))
	}
	for i, w := range want {
		if g := got[1+i]; g.Interface() != w.Interface() {
			t.Errorf("value %d = %v, want %v", i+1, g, w)
		}
	}
	if _, err := fn.DecodeArgsAfterLead(dc, "activity", "A", ft, 1, &converter.Payloads{Payloads: append(in.Payloads, in.Payloads[0])}, fn.RejectExtra); err == nil {
		t.Error("DecodeArgsAfterLead accepted a payload too many")
	}
}
