package workflow

// GetCurrentDetails returns the details last set with SetCurrentDetails in
// this run, or "" if none, as Temporal's workflow.GetCurrentDetails.
func GetCurrentDetails(ctx Context) string {
	if x := getState(ctx).extras; x != nil {
		return x.currentDetails
	}
	return ""
}

// SetCurrentDetails sets a description of what the workflow is doing now,
// typically in Temporal's markdown, as Temporal's workflow.SetCurrentDetails.
// Temporal's tools read it through the workflow's metadata query
// ("__temporal_workflow_metadata", which wfsim answers too, in the JSON of
// Temporal's WorkflowMetadata message), and GetCurrentDetails. It is run state, not history: a
// replay sets it again as the code runs.
func SetCurrentDetails(ctx Context, details string) {
	getState(ctx).extrasForWrite().currentDetails = details
}
