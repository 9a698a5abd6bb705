package workflow

import "github.com/wfsim/wfsim"

// The ...WithOptions variants Temporal's SDK added for Event Groups. Their
// options hold only the groups of the command the call issues, added to
// those of the context (WithEventGroups); as wfsim records no event group
// markers (see EventGroup), each call does what the call without options
// does, mocks included (a TestWorkflowEnvironment's OnSignalExternalWorkflow
// also answers SignalExternalWorkflowWithOptions, as in Temporal's).

// GetVersionOptions are the options of GetVersionWithOptions, as
// Temporal's workflow.GetVersionOptions.
type GetVersionOptions struct {
	// EventGroups are the groups of the version marker, with those of
	// the context.
	EventGroups []EventGroup
}

// GetVersionWithOptions is GetVersion with options, as Temporal's
// workflow.GetVersionWithOptions.
func GetVersionWithOptions(ctx Context, changeID string, minSupported, maxSupported Version, options GetVersionOptions) Version {
	return GetVersion(ctx, changeID, minSupported, maxSupported)
}

// SignalExternalWorkflowOptions are the options of
// SignalExternalWorkflowWithOptions, as Temporal's
// workflow.SignalExternalWorkflowOptions.
type SignalExternalWorkflowOptions struct {
	// EventGroups are the groups of the signal command, with those of
	// the context.
	EventGroups []EventGroup
}

// SignalExternalWorkflowWithOptions is SignalExternalWorkflow with options,
// as Temporal's workflow.SignalExternalWorkflowWithOptions.
func SignalExternalWorkflowWithOptions(ctx Context, workflowID, runID, signalName string, arg any, options SignalExternalWorkflowOptions) Future {
	return SignalExternalWorkflow(ctx, workflowID, runID, signalName, arg)
}

// CancelExternalWorkflowOptions are the options of
// RequestCancelExternalWorkflowWithOptions, as Temporal's
// workflow.CancelExternalWorkflowOptions.
type CancelExternalWorkflowOptions struct {
	// EventGroups are the groups of the cancel request, with those of
	// the context.
	EventGroups []EventGroup
}

// RequestCancelExternalWorkflowWithOptions is RequestCancelExternalWorkflow
// with options, as Temporal's workflow.RequestCancelExternalWorkflowWithOptions.
func RequestCancelExternalWorkflowWithOptions(ctx Context, workflowID, runID string, options CancelExternalWorkflowOptions) Future {
	return RequestCancelExternalWorkflow(ctx, workflowID, runID)
}

// SignalChildWorkflowOptions are the options of
// ChildWorkflowFuture.SignalChildWorkflowWithOptions, as Temporal's
// workflow.SignalChildWorkflowOptions.
type SignalChildWorkflowOptions struct {
	// EventGroups are the groups of the signal command, with those of
	// the context.
	EventGroups []EventGroup
}

// SignalChildWorkflowWithOptions is SignalChildWorkflow with options.
func (f *childFuture) SignalChildWorkflowWithOptions(ctx Context, signalName string, data any, options SignalChildWorkflowOptions) Future {
	return f.SignalChildWorkflow(ctx, signalName, data)
}

// UpsertSearchAttributesOptions are the options of
// UpsertTypedSearchAttributesWithOptions, as Temporal's
// workflow.UpsertSearchAttributesOptions.
type UpsertSearchAttributesOptions struct {
	// EventGroups are the groups of the upsert command, with those of
	// the context.
	EventGroups []EventGroup
}

// UpsertTypedSearchAttributesWithOptions is UpsertTypedSearchAttributes
// with options, as Temporal's workflow.UpsertTypedSearchAttributesWithOptions.
func UpsertTypedSearchAttributesWithOptions(ctx Context, options UpsertSearchAttributesOptions, attributes ...wfsim.SearchAttributeUpdate) error {
	return UpsertTypedSearchAttributes(ctx, attributes...)
}

// UpsertMemoOptions are the options of UpsertMemoWithOptions, as
// Temporal's workflow.UpsertMemoOptions.
type UpsertMemoOptions struct {
	// EventGroups are the groups of the memo's WorkflowPropertiesModified
	// command, with those of the context.
	EventGroups []EventGroup
}

// UpsertMemoWithOptions is UpsertMemo with options, as Temporal's
// workflow.UpsertMemoWithOptions.
func UpsertMemoWithOptions(ctx Context, memo map[string]any, options UpsertMemoOptions) error {
	return UpsertMemo(ctx, memo)
}
