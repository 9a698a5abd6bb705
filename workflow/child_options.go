package workflow

import "time"

// The With* helpers below each change one field of the child workflow
// options of a Context, as Temporal's workflow.WithWorkflowID and its
// siblings do: they start from GetChildWorkflowOptions(ctx) (the options
// set earlier on ctx, or those derived from the running workflow) and
// leave every other field as it was.

// withChildOption returns a copy of ctx whose child workflow options are
// those of ctx changed by set.
func withChildOption(ctx Context, set func(*ChildWorkflowOptions)) Context {
	o := GetChildWorkflowOptions(ctx)
	set(&o)
	return withOptions(ctx, childOptionsKey, o)
}

// WithWorkflowNamespace returns a copy of ctx whose child workflows start in
// namespace name, as Temporal's workflow.WithWorkflowNamespace. The
// simulation has one server, so a child in another namespace runs next to
// the others; the name is recorded in the parent's and the child's history.
//
// Deprecated: Temporal deprecates cross-namespace children (disabled by
// default since server 1.30.1).
func WithWorkflowNamespace(ctx Context, name string) Context {
	return withChildOption(ctx, func(o *ChildWorkflowOptions) { o.Namespace = name })
}

// WithWorkflowTaskQueue returns a copy of ctx whose child workflows run on
// task queue name, as Temporal's workflow.WithWorkflowTaskQueue. An empty
// name panics, as in Temporal.
func WithWorkflowTaskQueue(ctx Context, name string) Context {
	if name == "" {
		panic("workflow: WithWorkflowTaskQueue with an empty task queue name")
	}
	return withChildOption(ctx, func(o *ChildWorkflowOptions) { o.TaskQueue = name })
}

// WithWorkflowID returns a copy of ctx whose child workflows get workflow ID
// workflowID, as Temporal's workflow.WithWorkflowID. An empty ID restores
// the default, "<parent run ID>_<event ID>".
func WithWorkflowID(ctx Context, workflowID string) Context {
	return withChildOption(ctx, func(o *ChildWorkflowOptions) { o.WorkflowID = workflowID })
}

// WithWorkflowRunTimeout returns a copy of ctx whose child workflows have
// run timeout d, as Temporal's workflow.WithWorkflowRunTimeout. The
// simulated server enforces it on virtual time.
func WithWorkflowRunTimeout(ctx Context, d time.Duration) Context {
	return withChildOption(ctx, func(o *ChildWorkflowOptions) { o.WorkflowRunTimeout = d })
}

// WithWorkflowTaskTimeout returns a copy of ctx whose child workflows have
// workflow task timeout d, as Temporal's workflow.WithWorkflowTaskTimeout.
// It is recorded in the child's history; simulated workflow tasks never
// time out.
func WithWorkflowTaskTimeout(ctx Context, d time.Duration) Context {
	return withChildOption(ctx, func(o *ChildWorkflowOptions) { o.WorkflowTaskTimeout = d })
}
