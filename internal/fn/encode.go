package fn

import (
	"slices"

	"github.com/wfsim/wfsim/converter"
)

// EncodeArgs encodes a call's arguments with enc. Called on the default
// converter's concrete type, which keeps no reference to the slice, args
// does not escape, so the variadic slice of a call such as
// ExecuteActivity(ctx, a, x) or a test's ExecuteWorkflow(wf, x) stays on
// the caller's stack: one allocation less per call. Any other converter,
// called through the interface, may keep the slice it is given: it gets a
// copy.
func EncodeArgs(enc converter.DataConverter, args []any) (*converter.Payloads, error) {
	if c, ok := enc.(*converter.CompositeDataConverter); ok {
		return c.ToPayloads(args...)
	}
	return enc.ToPayloads(slices.Clone(args)...)
}
