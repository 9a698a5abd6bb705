package common_test

import (
	"testing"

	commonpb "github.com/wfsim/wfsim/api/common/v1"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// Memo and SearchAttributes are the types of workflow.Info's fields and of
// history events' memos, so code written against commonpb reads them as
// they are.
func TestMemoAndSearchAttributesAliases(t *testing.T) {
	t.Parallel()
	p := &commonpb.Payload{Data: []byte(`"x"`)}
	var info workflow.Info
	info.Memo = &commonpb.Memo{Fields: map[string]*commonpb.Payload{"k": p}}
	info.SearchAttributes = &commonpb.SearchAttributes{IndexedFields: map[string]*commonpb.Payload{"k": p}}
	var started replay.WorkflowExecutionStartedEventAttributes
	started.Memo, started.SearchAttributes = info.Memo, info.SearchAttributes
	var m *converter.Memo = started.Memo
	if m.GetFields()["k"] != p || started.SearchAttributes.GetIndexedFields()["k"] != p {
		t.Errorf("fields lost passing between the names: %v, %v", m, started.SearchAttributes)
	}
	var none *commonpb.Memo
	var noSA *commonpb.SearchAttributes
	if none.GetFields() != nil || noSA.GetIndexedFields() != nil {
		t.Errorf("nil messages' getters = %v, %v, want nil", none.GetFields(), noSA.GetIndexedFields())
	}
}
