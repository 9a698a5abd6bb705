package common

import "github.com/wfsim/wfsim/converter"

// Memo is a workflow's memo (Fields, GetFields): converter.Memo, the type
// of workflow.Info's Memo, under the name Temporal's protobuf package gives
// it.
type Memo = converter.Memo

// SearchAttributes are a workflow's search attributes as payloads
// (IndexedFields, GetIndexedFields): converter.SearchAttributes, the type
// of workflow.Info's SearchAttributes, under the name Temporal's protobuf
// package gives it.
type SearchAttributes = converter.SearchAttributes
