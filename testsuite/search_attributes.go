package testsuite

import (
	"fmt"
	"maps"
	"slices"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/memo"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// SetMemoOnStart sets the memo the workflow under test starts with, which
// workflow.GetInfo shows (Info.Memo.Fields) and its
// WorkflowExecutionStarted event records. An empty memo is none: Info.Memo
// stays nil.
func (env *TestWorkflowEnvironment) SetMemoOnStart(memo map[string]any) error {
	fields := make(map[string]*converter.Payload, len(memo))
	for _, k := range slices.Sorted(maps.Keys(memo)) {
		p, err := env.e.dc.ToPayload(memo[k])
		if err != nil {
			return fmt.Errorf("testsuite: memo %q: %w", k, err)
		}
		fields[k] = p
	}
	env.e.comp.startMemo = fields
	return nil
}

// SetTypedSearchAttributesOnStart sets the search attributes the workflow
// under test starts with, which workflow.GetTypedSearchAttributes shows and
// its WorkflowExecutionStarted event records.
func (env *TestWorkflowEnvironment) SetTypedSearchAttributesOnStart(searchAttributes wfsim.SearchAttributes) error {
	fields, err := encodeSearchAttributes(searchAttributes)
	if err != nil {
		return err
	}
	env.e.comp.startSA = withoutNulls(fields)
	return nil
}

// encodeSearchAttributes encodes typed search attributes as a client does
// when it starts a workflow: what sa unsets is left out.
func encodeSearchAttributes(sa wfsim.SearchAttributes) (map[string]*converter.Payload, error) {
	fields, err := wfsim.EncodeSearchAttributes(sa)
	if err != nil {
		return nil, fmt.Errorf("testsuite: %w", err)
	}
	maps.DeleteFunc(fields, func(_ string, p *converter.Payload) bool { return p.Data == nil })
	return fields, nil
}

// OnUpsertTypedSearchAttributes mocks workflow.UpsertTypedSearchAttributes:
// once set, every upsert must match an expectation. The mock is called at
// each call, refused ones (nothing to upsert) included, with the
// wfsim.SearchAttributes the workflow's updates make (an unset attribute
// as its ValueUnset makes it), as Temporal's test environment calls it;
// its Return values are not used (upsert_mock.go).
func (env *TestWorkflowEnvironment) OnUpsertTypedSearchAttributes(attributes any) *MockCallWrapper {
	return env.onWorkflowCall(mockMethodUpsertTypedSearchAttrs, nil, attributes)
}

// OnUpsertMemo mocks workflow.UpsertMemo: once set, every upsert must match
// an expectation. The mock is called at each call, refused ones (an empty
// memo) included, with the map the workflow passed, as Temporal's test
// environment calls it; its Return values are not used (upsert_mock.go).
func (env *TestWorkflowEnvironment) OnUpsertMemo(attributes any) *MockCallWrapper {
	return env.onWorkflowCall(mockMethodUpsertMemo, nil, attributes)
}

// upsert records an UpsertWorkflowSearchAttributes or
// ModifyWorkflowProperties command and keeps the run's memo and search
// attributes up to date for a continue-as-new. (The upsert mocks were
// called when the workflow made the call: upsert_mock.go.)
func (e *environment) upsert(r *workflowRun, c *run.Command, completedID int64) {
	l := r.link
	if c.Kind == run.CommandModifyProperties {
		r.rec.add(replay.EventTypeWorkflowPropertiesModified, func(ev *replay.Event) {
			ev.Attributes = &replay.WorkflowPropertiesModifiedEventAttributes{WorkflowTaskCompletedEventID: completedID, UpsertedMemo: memoOf(c.Memo)}
		})
		l.memo = maps.Clone(l.memo)
		if l.memo == nil {
			l.memo = make(map[string]*converter.Payload)
		}
		memo.Apply(l.memo, c.Memo)
		return
	}
	fields := typeKnown(c.SearchAttributes, l.sa)
	r.rec.add(replay.EventTypeUpsertWorkflowSearchAttributes, func(ev *replay.Event) {
		ev.Attributes = &replay.UpsertWorkflowSearchAttributesEventAttributes{WorkflowTaskCompletedEventID: completedID, SearchAttributes: searchAttributesOf(fields)}
	})
	l.sa = maps.Clone(l.sa)
	if l.sa == nil {
		l.sa = make(map[string]*converter.Payload)
	}
	maps.Copy(l.sa, fields)
}

// typeKnown gives the attributes of an upsert that have no "type" (unsets,
// which the SDK sends as null payloads without one or the server would keep
// them, and what the untyped UpsertSearchAttributes sends) the type the
// server knows their key by: the server records its registered type on
// every attribute that has none. The simulator, which has no registry,
// knows a key's type once the run has carried it typed (from its start, a
// continue-as-new or an earlier upsert), and GetVersion's
// TemporalChangeVersion, a keyword list; others stay untyped. fields is
// copied only when one changes.
func typeKnown(fields, known map[string]*converter.Payload) map[string]*converter.Payload {
	cloned := false
	for name, p := range fields {
		if p == nil || p.Metadata["type"] != nil {
			continue
		}
		t := known[name].GetMetadata()["type"]
		if name == workflow.TemporalChangeVersion {
			t = []byte(wfsim.IndexedValueTypeKeywordList.String())
		}
		if t == nil {
			continue
		}
		if !cloned {
			fields, cloned = maps.Clone(fields), true
		}
		typed := *p
		typed.Metadata = maps.Clone(p.Metadata)
		if typed.Metadata == nil {
			typed.Metadata = make(map[string][]byte, 1)
		}
		typed.Metadata["type"] = t
		fields[name] = &typed
	}
	return fields
}
