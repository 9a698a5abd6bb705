package testsuite

import (
	"fmt"
	"maps"
	"slices"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
)

// SetStartWorkflowOptions sets the options the workflow under test starts
// with, as Temporal's SetStartWorkflowOptions, which takes a
// client.StartWorkflowOptions: its ID, task queue, timeouts, retry policy,
// memo and search attributes, start delay and static summary; each field's
// doc says what the simulation does with it. Zero fields keep the
// environment's defaults; non-zero ones win over SetWorkflowRunTimeout,
// SetMemoOnStart and SetTypedSearchAttributesOnStart. Set it before
// ExecuteWorkflow; a memo or search attribute that cannot be encoded makes
// ExecuteWorkflow fail with the encoding error.
func (env *TestWorkflowEnvironment) SetStartWorkflowOptions(options client.StartWorkflowOptions) *TestWorkflowEnvironment {
	env.e.set().startOptions = &options
	return env
}

// applyStartOptions applies o to the spec of the workflow under test,
// normalizing the timeouts as the server does.
func (e *environment) applyStartOptions(s *runSpec, o *client.StartWorkflowOptions) error {
	if o.ID != "" {
		s.id = o.ID
	}
	if o.TaskQueue != "" {
		s.queue = o.TaskQueue
	}
	if o.WorkflowExecutionTimeout > 0 {
		s.executionTimeout = o.WorkflowExecutionTimeout
	}
	if o.WorkflowRunTimeout > 0 {
		s.runTimeout = o.WorkflowRunTimeout
	}
	// The server's rules: the run timeout defaults to, and is capped by,
	// the execution timeout; the task timeout is capped by the run's.
	if s.executionTimeout > 0 && (s.runTimeout == 0 || s.runTimeout > s.executionTimeout) {
		s.runTimeout = s.executionTimeout
	}
	if o.WorkflowTaskTimeout > 0 {
		s.taskTimeout = o.WorkflowTaskTimeout
		if s.runTimeout > 0 && s.taskTimeout > s.runTimeout {
			s.taskTimeout = s.runTimeout
		}
	}
	if o.RetryPolicy != nil {
		p := *o.RetryPolicy
		s.retryPolicy = &p
	}
	s.firstTaskBackoff = o.StartDelay
	if o.Priority != (wfsim.Priority{}) {
		if s.link == nil {
			s.link = &runLink{namespace: defaultNamespace}
		}
		p := o.Priority
		s.link.priority = &p
	}
	if o.CronSchedule != "" {
		// A cron chain never ends: the simulation, which runs until the
		// workflow under test closes, would not either.
		return fmt.Errorf("testsuite: SetStartWorkflowOptions: CronSchedule %q: the workflow under test cannot run on a cron schedule "+
			"(its chain of runs would never end); start it as a child with workflow.ChildWorkflowOptions.CronSchedule", o.CronSchedule)
	}
	if len(o.Memo) > 0 {
		fields, err := encodeFields(e.dc, "memo", o.Memo)
		if err != nil {
			return err
		}
		s.memo = fields
	}
	//lint:ignore SA1019 the deprecated untyped attributes are honoured, as Temporal does
	untyped := o.SearchAttributes
	if len(untyped) > 0 || o.TypedSearchAttributes.Size() > 0 {
		fields, err := encodeFields(converter.GetDefaultDataConverter(), "search attribute", untyped)
		if err != nil {
			return err
		}
		typed, err := encodeSearchAttributes(o.TypedSearchAttributes)
		if err != nil {
			return err
		}
		maps.Copy(fields, typed)
		s.searchAttributes = withoutNulls(fields)
	}
	return nil
}

// encodeFields encodes the values of a memo or of untyped search
// attributes, in key order.
func encodeFields(dc converter.DataConverter, what string, values map[string]any) (map[string]*converter.Payload, error) {
	fields := make(map[string]*converter.Payload, len(values))
	for _, k := range slices.Sorted(maps.Keys(values)) {
		if p, ok := values[k].(*converter.Payload); ok {
			fields[k] = p // already encoded (copied from a workflow's Info, say)
			continue
		}
		p, err := dc.ToPayload(values[k])
		if err != nil {
			return nil, fmt.Errorf("testsuite: SetStartWorkflowOptions: %s %q: %w", what, k, err)
		}
		fields[k] = p
	}
	return fields, nil
}

// startMetadata records the static summary and details in the
// WorkflowExecutionStarted event, as the server does.
func (e *environment) startMetadata(ev *replay.Event, o *client.StartWorkflowOptions) {
	if o.StaticSummary == "" && o.StaticDetails == "" {
		return
	}
	md := &replay.UserMetadata{}
	if o.StaticSummary != "" {
		md.Summary, _ = e.dc.ToPayload(o.StaticSummary) // a string always encodes
	}
	if o.StaticDetails != "" {
		md.Details, _ = e.dc.ToPayload(o.StaticDetails)
	}
	recordUserMetadata(ev, md)
}
