package run

// DynamicWorkflow is passed to a Factory in place of a registered function
// when a run's workflow type is registered by no one and the dynamic
// workflow (RegisterDynamicWorkflow) runs it instead: Fn takes a
// workflow.Context and a converter.EncodedValues holding the whole input,
// and Start.WorkflowType is the type the run was started with.
type DynamicWorkflow struct{ Fn any }
