package testsuite

import (
	"github.com/wfsim/wfsim"
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
// expectation. The mock is called at each call, refused ones (an empty map)
// included, with the map the workflow passed, as Temporal's test
// environment calls it; its Return values are not used (upsert_mock.go).
//
// Deprecated: use OnUpsertTypedSearchAttributes, as Temporal advises.
func (env *TestWorkflowEnvironment) OnUpsertSearchAttributes(attributes any) *MockCallWrapper {
	return env.onWorkflowCall(mockMethodUpsertSearchAttrs, nil, attributes)
}
