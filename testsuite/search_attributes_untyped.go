package testsuite

import (
	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// mockMethodUpsertSearchAttrs is the mocked method of Temporal's untyped
// workflow.UpsertSearchAttributes.
const mockMethodUpsertSearchAttrs = "workflow.UpsertSearchAttributes"

// SetSearchAttributesOnStart sets the search attributes the workflow under
// test starts with from untyped values, as Temporal's deprecated
// TestWorkflowEnvironment.SetSearchAttributesOnStart: each value is encoded
// with the default data converter and no search attribute type, and the
// run's WorkflowExecutionStarted event records them. A value that does not
// encode is an error naming its key.
//
// Deprecated: use SetTypedSearchAttributesOnStart, as Temporal advises.
func (env *TestWorkflowEnvironment) SetSearchAttributesOnStart(searchAttributes map[string]any) error {
	fields, err := wfsim.EncodeUntypedSearchAttributes(searchAttributes)
	if err != nil {
		return err
	}
	env.e.comp.startSA = withoutNulls(fields)
	return nil
}

// OnUpsertSearchAttributes mocks Temporal's untyped
// workflow.UpsertSearchAttributes: once set, every such upsert must match an
// expectation. The mock is called, when the upsert is recorded, with the
// attributes as a map[string]any whose values are decoded into the types of
// the expected map's values where it names the key (generic values
// otherwise, so JSON numbers are float64).
//
// Deprecated: use OnUpsertTypedSearchAttributes, as Temporal advises.
func (env *TestWorkflowEnvironment) OnUpsertSearchAttributes(attributes any) *MockCallWrapper {
	return env.onWorkflowCall(mockMethodUpsertSearchAttrs, nil, attributes)
}

// callUpsertMock calls the mock of the upsert that recorded fields: the
// typed one when a value carries a search attribute type, as only typed
// upserts do, the untyped one when none does. An upsert that only removes
// attributes carries no type either way: the untyped mock gets it only when
// the typed one is not set.
func (e *environment) callUpsertMock(fields map[string]*converter.Payload) {
	typed, set := false, false
	for _, p := range fields {
		if p != nil && p.Data != nil {
			set = true
			if p.Metadata["type"] != nil {
				typed = true
			}
		}
	}
	untyped := set && !typed || !set && !e.comp.mocked(mockMethodUpsertTypedSearchAttrs)
	switch {
	case untyped && e.comp.mocked(mockMethodUpsertSearchAttrs):
		_, _ = e.callWorkflowMock(mockMethodUpsertSearchAttrs, e.decodeForMock(mockMethodUpsertSearchAttrs, fields))
	case !untyped && e.comp.mocked(mockMethodUpsertTypedSearchAttrs):
		_, _ = e.callWorkflowMock(mockMethodUpsertTypedSearchAttrs, wfsim.DecodeSearchAttributes(fields))
	}
}
