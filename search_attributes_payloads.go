package wfsim

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wfsim/wfsim/converter"
)

// temporalChangeVersion is the search attribute GetVersion upserts. Its
// payload carries no "type" metadata; it is a keyword list.
const temporalChangeVersion = "TemporalChangeVersion"

// EncodeSearchAttributes turns typed search attributes into the payloads a
// history records (UpsertWorkflowSearchAttributes, WorkflowExecutionStarted):
// JSON with a "type" metadata entry naming the IndexedValueType, as
// Temporal's SDK encodes them. An attribute that sa unsets becomes a null
// payload, which removes it.
func EncodeSearchAttributes(sa SearchAttributes) (map[string]*converter.Payload, error) {
	dc := converter.GetDefaultDataConverter()
	keys := make([]SearchAttributeKey, 0, len(sa.values))
	for k := range sa.values {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b SearchAttributeKey) int { return strings.Compare(a.GetName(), b.GetName()) })
	out := make(map[string]*converter.Payload, len(keys))
	for _, k := range keys {
		p, err := dc.ToPayload(sa.values[k])
		if err != nil {
			return nil, fmt.Errorf("encode search attribute [%s] error: %w", k.GetName(), err)
		}
		if p.Data != nil {
			p.Metadata["type"] = []byte(k.GetValueType().String())
		}
		out[k.GetName()] = p
	}
	return out, nil
}

// DecodeSearchAttributes reads search attribute payloads, as a history
// records them, by their "type" metadata. Payloads without a known type, or
// that do not decode, are left out, as Temporal's SDK leaves them out; the
// untyped TemporalChangeVersion that GetVersion upserts is a keyword list.
func DecodeSearchAttributes(fields map[string]*converter.Payload) SearchAttributes {
	dc := converter.GetDefaultDataConverter()
	updates := make([]SearchAttributeUpdate, 0, len(fields))
	for name, p := range fields {
		if p == nil || p.Data == nil {
			continue
		}
		t := string(p.Metadata["type"])
		if t == "" && name == temporalChangeVersion {
			t = IndexedValueTypeKeywordList.String()
		}
		var u SearchAttributeUpdate
		switch t {
		case "Text":
			u = decodeInto(dc, p, NewSearchAttributeKeyString(name).ValueSet)
		case "Keyword":
			u = decodeInto(dc, p, NewSearchAttributeKeyKeyword(name).ValueSet)
		case "Int":
			u = decodeInto(dc, p, NewSearchAttributeKeyInt64(name).ValueSet)
		case "Double":
			u = decodeInto(dc, p, NewSearchAttributeKeyFloat64(name).ValueSet)
		case "Bool":
			u = decodeInto(dc, p, NewSearchAttributeKeyBool(name).ValueSet)
		case "Datetime":
			u = decodeInto(dc, p, NewSearchAttributeKeyTime(name).ValueSet)
		case "KeywordList":
			u = decodeInto(dc, p, NewSearchAttributeKeyKeywordList(name).ValueSet)
		}
		if u != nil {
			updates = append(updates, u)
		}
	}
	// Each update sets its own key: their order does not matter.
	return NewSearchAttributes(updates...)
}

func decodeInto[T any](dc converter.DataConverter, p *converter.Payload, set func(T) SearchAttributeUpdate) SearchAttributeUpdate {
	var v T
	if dc.FromPayload(p, &v) != nil {
		return nil
	}
	return set(v)
}
