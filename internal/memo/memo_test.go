package memo_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/memo"
)

func TestApply(t *testing.T) {
	t.Parallel()
	a := &converter.Payload{Data: []byte(`"a"`)}
	b := &converter.Payload{Data: []byte(`"b"`)}
	dst := map[string]*converter.Payload{"keep": a, "drop": a, "nilPayload": a, "change": a}
	memo.Apply(dst, map[string]*converter.Payload{
		"drop":       {}, // no data: removed
		"nilPayload": nil,
		"change":     b,
		"new":        b,
	})
	want := map[string]*converter.Payload{"keep": a, "change": b, "new": b}
	if diff := cmp.Diff(want, dst); diff != "" {
		t.Errorf("after Apply (-want +got):\n%s", diff)
	}
}
