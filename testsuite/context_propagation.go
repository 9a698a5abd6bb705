package testsuite

import (
	"context"
	"fmt"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// SetContextPropagators sets the context propagators of the environment's
// workflows and activities, as Temporal's SetContextPropagators does (a
// worker takes them from its client's options). They run where
// Temporal's SDK runs them (see workflow.ContextPropagator): each run
// extracts its start header into its workflow context; ExecuteActivity,
// ExecuteLocalActivity, ExecuteChildWorkflow, SignalExternalWorkflow and
// NewContinueAsNewError inject from the workflow context into the
// command's header, which the history records; activities extract into
// their context.Context, child workflows and continued runs into their
// workflow context. A propagator's error fails what it was for: the
// command's Future (or the continue-as-new, with the error); the workflow
// task, for a run's start header; the attempt, for a local activity; an
// activity's task is dropped, as Temporal's worker drops it, and times out
// (StartToClose). Without propagators no header is made or recorded, as
// before (Temporal records an empty one).
func (env *TestWorkflowEnvironment) SetContextPropagators(contextPropagators []workflow.ContextPropagator) *TestWorkflowEnvironment {
	env.e.reg.setPropagators(contextPropagators)
	return env
}

// SetHeader sets the header the workflow under test is started with, as
// a client's propagators would have written it: the history records it on
// WorkflowExecutionStarted and the propagators extract it into the
// workflow's context. Temporal's SetHeader takes the API's
// *commonpb.Header; wfsim takes the *replay.Header of its histories,
// whose Fields have the same shape (a map of *converter.Payload). Children
// get the headers their parent's propagators inject, not this one.
func (env *TestWorkflowEnvironment) SetHeader(header *replay.Header) {
	env.e.reg.extend().header = header
}

// SetContextPropagators sets the context propagators of the environments
// the suite creates afterwards (see
// TestWorkflowEnvironment.SetContextPropagators).
func (s *WorkflowTestSuite) SetContextPropagators(ctxProps []workflow.ContextPropagator) {
	s.contextPropagators = ctxProps
}

// SetHeader sets the start header of the workflows, and the header of the
// activities, of the environments the suite creates afterwards (see
// TestWorkflowEnvironment.SetHeader).
func (s *WorkflowTestSuite) SetHeader(header *replay.Header) { s.header = header }

// configure gives an environment's registry the suite's propagation
// settings.
func (s *WorkflowTestSuite) configure(r *registry) {
	if s.contextPropagators != nil {
		r.setPropagators(s.contextPropagators)
	}
	if s.header != nil {
		r.extend().header = s.header
	}
	if s.disableAliasing {
		r.extend().noAliasing = true
	}
}

// SetContextPropagators sets the context propagators whose Extract puts
// the activity's header (SetHeader) into its context, as Temporal's
// TestActivityEnvironment.SetContextPropagators does.
func (env *TestActivityEnvironment) SetContextPropagators(contextPropagators []workflow.ContextPropagator) *TestActivityEnvironment {
	env.reg.setPropagators(contextPropagators)
	return env
}

// SetHeader sets the header of the activities the environment executes,
// which its context propagators extract into their context.
func (env *TestActivityEnvironment) SetHeader(header *replay.Header) {
	env.reg.extend().header = header
}

func (r *registry) setPropagators(props []workflow.ContextPropagator) {
	if len(props) == 0 && r.ext == nil {
		return
	}
	r.extend().propagators = props
}

// propagators returns the context propagators, or nil.
func (r *registry) propagators() []workflow.ContextPropagator {
	if r.ext == nil {
		return nil
	}
	return r.ext.propagators
}

// startHeader returns the fields of the header set with SetHeader, or
// nil.
func (r *registry) startHeader() map[string]*converter.Payload {
	if r.ext == nil || r.ext.header == nil {
		return nil
	}
	if r.ext.header.Fields == nil {
		return map[string]*converter.Payload{}
	}
	return r.ext.header.Fields
}

// startPropagators returns what a run.Start holds of the propagators: nil
// for none.
func (r *registry) startPropagators() any {
	if p := r.propagators(); len(p) > 0 {
		return p
	}
	return nil
}

// headerOf is the header a history records for fields: none for nil.
func headerOf(fields map[string]*converter.Payload) *replay.Header {
	if fields == nil {
		return nil
	}
	return &replay.Header{Fields: fields}
}

// fieldsOf is the fields of a recorded header, nil for none.
func fieldsOf(h *replay.Header) map[string]*converter.Payload {
	if h == nil {
		return nil
	}
	if h.Fields == nil {
		return map[string]*converter.Payload{}
	}
	return h.Fields
}

// extract puts header into an activity's context with the propagators'
// Extract, as Temporal's worker does before it runs the activity.
func extract(ctx context.Context, props []workflow.ContextPropagator, header map[string]*converter.Payload) (context.Context, error) {
	r := workflow.NewHeaderReader(header)
	for _, p := range props {
		var err error
		if ctx, err = p.Extract(ctx, r); err != nil {
			return nil, fmt.Errorf("failed propagating header: %w", err)
		}
	}
	return ctx, nil
}

// propagate extracts the activity's header into the attempt's context.
// When a propagator fails, Temporal's worker logs the error and drops the
// task without answering it: the attempt then times out
// (StartToClose). propagate does the same, and returns nil.
func (t *activityTask) propagate(ctx context.Context, props []workflow.ContextPropagator) context.Context {
	ctx, err := extract(ctx, props, fieldsOf(t.attrs().Header))
	if err != nil {
		t.run.env.logger.Error("activity task dropped: "+err.Error(), "ActivityID", t.attrs().ActivityID, "ActivityType", t.attrs().ActivityType.Name)
		return nil
	}
	return ctx
}
