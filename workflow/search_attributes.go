package workflow

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/memo"
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

// mergeSearchAttributes sets search attributes in Info, as Temporal's SDK
// merges them: Info holds none (nil) until some are set.
func (s *runState) mergeSearchAttributes(fields map[string]*converter.Payload) {
	current := s.info.SearchAttributes.GetIndexedFields()
	if len(fields) == 0 {
		if len(current) == 0 {
			s.info.SearchAttributes = nil
		}
		return
	}
	// Info's message may be the driver's (its started event's): merge
	// into a new one.
	merged := make(map[string]*converter.Payload, len(current)+len(fields))
	maps.Copy(merged, current)
	maps.Copy(merged, fields)
	s.info.SearchAttributes = &converter.SearchAttributes{IndexedFields: merged}
}

// GetTypedSearchAttributes returns the search attributes of the running
// workflow: those it started with and those it upserted since.
func GetTypedSearchAttributes(ctx Context) wfsim.SearchAttributes {
	return wfsim.DecodeSearchAttributes(getState(ctx).info.SearchAttributes.GetIndexedFields())
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
// As in Temporal's SDK, Info's Memo stays nil until a memo has fields, and
// a memo whose fields were all removed stays, empty.
func (s *runState) mergeMemo(fields map[string]*converter.Payload) {
	current := s.info.Memo.GetFields()
	if len(fields) == 0 {
		if len(current) == 0 {
			s.info.Memo = nil
		}
		return
	}
	// Info's message may be the driver's (its started event's): merge
	// into a new one.
	merged := make(map[string]*converter.Payload, len(current)+len(fields))
	maps.Copy(merged, current)
	memo.Apply(merged, fields)
	s.info.Memo = &converter.Memo{Fields: merged}
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
		if c.Kind() == kind && c.state == commandSent {
			s.book.done(c)
			return
		}
	}
}
