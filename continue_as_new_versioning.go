package wfsim

// ContinueAsNewVersioningBehavior says which worker deployment version the
// first workflow task of a run started by continue-as-new goes to, as
// Temporal's workflow.ContinueAsNewVersioningBehavior (experimental there):
// the type of ContinueAsNewError.InitialVersioningBehavior. Package workflow
// names its values (workflow.ContinueAsNewVersioningBehaviorAutoUpgrade, …).
// A simulation has no deployments: the value is recorded in the
// WorkflowExecutionContinuedAsNew event, as a server records it, and
// changes nothing else.
type ContinueAsNewVersioningBehavior int
