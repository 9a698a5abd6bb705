//go:build !race

// The race detector's own allocations make counts jitter under load.

package converter_test

import (
	"testing"

	"github.com/wfsim/wfsim/converter"
)

// ToPayloads of one value builds its Payloads message in the payload's own
// allocation: it costs what ToPayload of that value costs, for values whose
// JSON fits the box (up to 22 bytes) and for those that do not. (Not
// parallel: testing.AllocsPerRun refuses parallel tests.)
func TestToPayloadsOfOneValueAllocatesAsToPayload(t *testing.T) {
	dc, ok := converter.GetDefaultDataConverter().(*converter.CompositeDataConverter)
	if !ok {
		t.Fatal("the default data converter is not a *CompositeDataConverter")
	}
	values := []any{"Hello wfsim!", "a string of 20 bytes", "a string of 21 bytes.", 42, nil, []byte("raw"), map[string]int{"a": 1}}
	for _, v := range values {
		// A loaded machine makes counts jitter by one: the two must agree
		// in some of a few rounds.
		agree := false
		var one, list float64
		for range 5 {
			one = testing.AllocsPerRun(20, func() { _, _ = dc.ToPayload(v) })
			list = testing.AllocsPerRun(20, func() { _, _ = dc.ToPayloads(v) })
			if agree = list == one; agree {
				break
			}
		}
		if !agree {
			t.Errorf("ToPayloads(%#v) makes %v allocations, ToPayload %v", v, list, one)
		}
	}
}
