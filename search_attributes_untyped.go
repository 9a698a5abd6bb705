package wfsim

import (
	"fmt"
	"maps"
	"slices"

	"github.com/wfsim/wfsim/converter"
)

// EncodeUntypedSearchAttributes turns search attributes given as Go values
// (Temporal's deprecated untyped API: workflow.UpsertSearchAttributes,
// TestWorkflowEnvironment.SetSearchAttributesOnStart) into the payloads a
// history records, as Temporal's SDK encodes them: each with the default
// data converter and no "type" metadata; a *converter.Payload is kept as
// it is. The error of a value that does not encode names its key.
func EncodeUntypedSearchAttributes(attributes map[string]any) (map[string]*converter.Payload, error) {
	if attributes == nil {
		return nil, nil
	}
	dc := converter.GetDefaultDataConverter()
	out := make(map[string]*converter.Payload, len(attributes))
	// Sorted, so that of several bad values the same one is reported.
	for _, k := range slices.Sorted(maps.Keys(attributes)) {
		if p, ok := attributes[k].(*converter.Payload); ok {
			out[k] = p
			continue
		}
		p, err := dc.ToPayload(attributes[k])
		if err != nil {
			return nil, fmt.Errorf("encode search attribute [%s] error: %w", k, err)
		}
		out[k] = p
	}
	return out, nil
}
