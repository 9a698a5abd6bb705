package workflow

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/internal/searchattr"
)

// Typed search attributes (keys, values, SearchAttributes) are package
// wfsim's, as they are package temporal's in Temporal's SDK; this file has
// what workflow code does with them.

var (
	errSearchAttributesNotSet = errors.New("search attributes is empty")
	errMemoNotSet             = errors.New("memo is empty")
	errChangeVersionReserved  = errors.New("TemporalChangeVersion is a reserved key that cannot be set, please use other key")
)

// encodeSearchAttributes turns typed search attributes into payloads with
// their "type" metadata, as Temporal's SDK sends them; an attribute sa
// unsets becomes a null payload, which removes it.
func encodeSearchAttributes(sa wfsim.SearchAttributes) (map[string]*converter.Payload, error) {
	dc := converter.GetDefaultDataConverter()
	entries := searchattr.Entries(sa)
	keys := make([]wfsim.SearchAttributeKey, 0, len(entries))
	for k := range entries {
		keys = append(keys, k.(wfsim.SearchAttributeKey))
	}
	slices.SortFunc(keys, func(a, b wfsim.SearchAttributeKey) int { return strings.Compare(a.GetName(), b.GetName()) })
	out := make(map[string]*converter.Payload, len(keys))
	for _, k := range keys {
		p, err := dc.ToPayload(entries[k])
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

// UpsertTypedSearchAttributes sets (or, with ValueUnset, removes) search
// attributes of the running workflow. The change is recorded in the
// history (UpsertWorkflowSearchAttributes) and visible at once through
// GetInfo and GetTypedSearchAttributes.
func UpsertTypedSearchAttributes(ctx Context, attributes ...wfsim.SearchAttributeUpdate) error {
	s := getState(ctx)
	fields, err := encodeSearchAttributes(wfsim.NewSearchAttributes(attributes...))
	if err != nil {
		return err
	}
	if len(fields) == 0 {
		return errSearchAttributesNotSet
	}
	if _, ok := fields[TemporalChangeVersion]; ok {
		return errChangeVersionReserved
	}
	s.upsertSearchAttributes(strconv.FormatInt(s.book.nextID(), 10), fields)
	return nil
}

func (s *runState) upsertSearchAttributes(id string, fields map[string]*converter.Payload) {
	s.book.add(&command{Command: run.Command{Kind: run.CommandUpsertSearchAttributes, ID: id, SearchAttributes: fields}})
	s.mergeSearchAttributes(fields)
}

// mergeSearchAttributes sets search attributes in Info.
func (s *runState) mergeSearchAttributes(fields map[string]*converter.Payload) {
	if len(fields) == 0 {
		return
	}
	// Info's map may be the driver's: merge into a copy.
	merged := maps.Clone(s.info.SearchAttributes)
	if merged == nil {
		merged = make(map[string]*converter.Payload, len(fields))
	}
	maps.Copy(merged, fields)
	s.info.SearchAttributes = merged
}

// GetTypedSearchAttributes returns the search attributes of the running
// workflow: those it started with and those it upserted since.
func GetTypedSearchAttributes(ctx Context) wfsim.SearchAttributes {
	return decodeSearchAttributes(getState(ctx).info.SearchAttributes)
}

// decodeSearchAttributes reads payloads by their "type" metadata. Payloads
// without a known type, or that do not decode, are left out, as Temporal
// leaves them out; TemporalChangeVersion, which GetVersion upserts without
// a type, is a keyword list.
func decodeSearchAttributes(fields map[string]*converter.Payload) wfsim.SearchAttributes {
	dc := converter.GetDefaultDataConverter()
	updates := make([]wfsim.SearchAttributeUpdate, 0, len(fields))
	for name, p := range fields {
		if p == nil || p.Data == nil {
			continue
		}
		t := string(p.Metadata["type"])
		if t == "" && name == TemporalChangeVersion {
			t = wfsim.IndexedValueTypeKeywordList.String()
		}
		var u wfsim.SearchAttributeUpdate
		switch t {
		case "Text":
			u = decodeInto(dc, p, wfsim.NewSearchAttributeKeyString(name).ValueSet)
		case "Keyword":
			u = decodeInto(dc, p, wfsim.NewSearchAttributeKeyKeyword(name).ValueSet)
		case "Int":
			u = decodeInto(dc, p, wfsim.NewSearchAttributeKeyInt64(name).ValueSet)
		case "Double":
			u = decodeInto(dc, p, wfsim.NewSearchAttributeKeyFloat64(name).ValueSet)
		case "Bool":
			u = decodeInto(dc, p, wfsim.NewSearchAttributeKeyBool(name).ValueSet)
		case "Datetime":
			u = decodeInto(dc, p, wfsim.NewSearchAttributeKeyTime(name).ValueSet)
		case "KeywordList":
			u = decodeInto(dc, p, wfsim.NewSearchAttributeKeyKeywordList(name).ValueSet)
		}
		if u != nil {
			updates = append(updates, u)
		}
	}
	// Each update sets its own key: their order does not matter.
	return wfsim.NewSearchAttributes(updates...)
}

func decodeInto[T any](dc converter.DataConverter, p *converter.Payload, set func(T) wfsim.SearchAttributeUpdate) wfsim.SearchAttributeUpdate {
	var v T
	if dc.FromPayload(p, &v) != nil {
		return nil
	}
	return set(v)
}

// UpsertMemo sets (or, with a nil value, removes) memo fields of the
// running workflow. The change is recorded in the history
// (WorkflowPropertiesModified) and visible at once through GetInfo.
func UpsertMemo(ctx Context, memo map[string]any) error {
	s := getState(ctx)
	if len(memo) == 0 {
		return errMemoNotSet
	}
	s.useFlag(flagMemoUserDCEncode)
	fields, err := encodeMemo(s.dc, memo)
	if err != nil {
		return err
	}
	s.book.add(&command{Command: run.Command{Kind: run.CommandModifyProperties, ID: strconv.FormatInt(s.book.nextID(), 10), Memo: fields}})
	s.mergeMemo(fields)
	return nil
}

// mergeMemo sets memo fields in Info; one without data removes its key.
func (s *runState) mergeMemo(fields map[string]*converter.Payload) {
	// Info's map may be the driver's: merge into a copy.
	merged := maps.Clone(s.info.Memo)
	if merged == nil {
		merged = make(map[string]*converter.Payload, len(fields))
	}
	for k, p := range fields {
		if p == nil || p.Data == nil {
			delete(merged, k)
		} else {
			merged[k] = p
		}
	}
	if len(merged) == 0 {
		merged = nil
	}
	s.info.Memo = merged
}

// flagMemoUserDCEncode is Temporal's SDK flag 7: memos are encoded with
// the workflow's data converter. Temporal's SDK records it at every
// UpsertMemo and child workflow start.
const flagMemoUserDCEncode uint32 = 7

// encodeMemo encodes memo values in key order, so the first error is the
// same on every run.
func encodeMemo(dc converter.DataConverter, memo map[string]any) (map[string]*converter.Payload, error) {
	if memo == nil {
		return nil, nil
	}
	out := make(map[string]*converter.Payload, len(memo))
	for _, k := range slices.Sorted(maps.Keys(memo)) {
		p, err := dc.ToPayload(memo[k])
		if err != nil {
			return nil, fmt.Errorf("encode workflow memo error: %w", err)
		}
		out[k] = p
	}
	return out, nil
}

// applyUpsertEvent handles UpsertWorkflowSearchAttributes and
// WorkflowPropertiesModified events. Temporal's SDK forgets these commands
// once sent; here the event ends the oldest sent one. Its values go to
// Info, as in Temporal's SDK: the code's own call set them already, but a
// replay of GetVersion, which issues nothing, learns its
// TemporalChangeVersion only from the event, so replay and a new run agree
// from the next task on.
func (s *runState) applyUpsertEvent(ev *run.Event) {
	kind := run.CommandUpsertSearchAttributes
	if ev.Kind == run.EventPropertiesModified {
		kind = run.CommandModifyProperties
		if len(ev.Fields) > 0 {
			s.mergeMemo(ev.Fields)
		}
	} else {
		s.mergeSearchAttributes(ev.Fields)
	}
	for _, c := range s.book.ordered {
		if c.Kind == kind && c.state == commandSent {
			s.book.done(c)
			return
		}
	}
}
