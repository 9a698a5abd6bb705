package converter

// Memo and SearchAttributes have the shapes of Temporal's common.v1 Memo
// and SearchAttributes messages, so code that reads them (a workflow's
// info.Memo.Fields["k"], a helper taking a *commonpb.Memo) ports as it is.
// They live here, next to Payload, because the packages that hold them
// (workflow's Info, replay's history events, api/common/v1) cannot all
// import one another.

// Memo is a workflow's memo: values attached to an execution that are
// shown but not indexed. It has the shape of Temporal's common.v1.Memo.
// Each field is a payload of the data converter; a field whose payload
// has no data is removed when a memo is upserted. Its encoding/json form
// is Temporal's JSON form of the message ({"fields":{…}}).
type Memo struct {
	Fields map[string]*Payload `json:"fields,omitempty"`
}

// GetFields returns m.Fields, or nil when m is nil, as the getter of
// Temporal's protobuf message does: a run with no memo has a nil Memo.
func (m *Memo) GetFields() map[string]*Payload {
	if m == nil {
		return nil
	}
	return m.Fields
}

// SearchAttributes are the indexed values attached to a workflow
// execution, as payloads. It has the shape of Temporal's
// common.v1.SearchAttributes. The payloads of typed search attributes
// carry a "type" metadata entry (Keyword, Int, Datetime, …); decode them
// with wfsim.DecodeSearchAttributes, or read them typed with
// workflow.GetTypedSearchAttributes. Its encoding/json form is Temporal's
// JSON form of the message ({"indexedFields":{…}}).
type SearchAttributes struct {
	IndexedFields map[string]*Payload `json:"indexedFields,omitempty"`
}

// GetIndexedFields returns s.IndexedFields, or nil when s is nil, as the
// getter of Temporal's protobuf message does.
func (s *SearchAttributes) GetIndexedFields() map[string]*Payload {
	if s == nil {
		return nil
	}
	return s.IndexedFields
}
