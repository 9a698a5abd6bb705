package workflow

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// Typed search attributes (keys, values, SearchAttributes) are package
// wfsim's, as they are package temporal's in Temporal's SDK; this file has
// what workflow code does with them.

var (
	errSearchAttributesNotSet = errors.New("search attributes is empty")
	errMemoNotSet             = errors.New("memo is empty")
	errChangeVersionReserved  = errors.New("TemporalChangeVersion is a reserved key that cannot be set, please use other key")
)

// UpsertTypedSearchAttributes sets (or, with ValueUnset, removes) search
// attributes of the running workflow. The change is recorded in the
// history (UpsertWorkflowSearchAttributes) and visible at once through
// GetInfo and GetTypedSearchAttributes.
func UpsertTypedSearchAttributes(ctx Context, attributes ...wfsim.SearchAttributeUpdate) error {
	s := getState(ctx)
	sa := wfsim.NewSearchAttributes(attributes...)
	s.upsertHook(run.CommandUpsertSearchAttributes, true, sa)
	fields, err := wfsim.EncodeSearchAttributes(sa)
	if err != nil {
		return err
	}
	if len(fields) == 0 {
		return errSearchAttributesNotSet
	}
	if _, ok := fields[TemporalChangeVersion]; ok {
		return errChangeVersionReserved
	}
	s.upsertSearchAttributes(s.nextIDText(), fields)
	return nil
}

func (s *runState) upsertSearchAttributes(id string, fields map[string]*converter.Payload) {
	s.book.add(newCommand(run.Command{Kind: run.CommandUpsertSearchAttributes, ID: id, SearchAttributes: fields}))
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
	return wfsim.DecodeSearchAttributes(getState(ctx).info.SearchAttributes)
}

// UpsertMemo sets (or, with a nil value, removes) memo fields of the
// running workflow. The change is recorded in the history
// (WorkflowPropertiesModified) and visible at once through GetInfo.
func UpsertMemo(ctx Context, memo map[string]any) error {
	s := getState(ctx)
	s.upsertHook(run.CommandModifyProperties, false, memo)
	if len(memo) == 0 {
		return errMemoNotSet
	}
	s.useFlag(flagMemoUserDCEncode)
	fields, err := encodeMemo(s.dcOf(ctx), memo)
	if err != nil {
		return err
	}
	s.book.add(newCommand(run.Command{Kind: run.CommandModifyProperties, ID: s.nextIDText(), Memo: fields}))
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
	for _, c := range s.book.upserts {
		if c.kind == kind && c.state == commandSent {
			s.book.done(c)
			return
		}
	}
}
