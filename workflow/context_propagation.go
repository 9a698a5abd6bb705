package workflow

import (
	"context"
	"fmt"
	"slices"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// HeaderWriter writes the fields of a header: what a ContextPropagator
// injects into the header of a command (Temporal's workflow.HeaderWriter).
type HeaderWriter interface {
	Set(string, *converter.Payload)
}

// HeaderReader reads the fields of a header: what a ContextPropagator
// extracts from the header a workflow or activity was started with
// (Temporal's workflow.HeaderReader).
type HeaderReader interface {
	Get(string) (*converter.Payload, bool)
	// ForEachKey calls handler for each field, in key order (Temporal's
	// SDK ranges over a map; a simulation must not), and stops at the
	// first error, which it returns.
	ForEachKey(handler func(string, *converter.Payload) error) error
}

// ContextPropagator carries values across workflows and activities in the
// headers of what they start (Temporal's workflow.ContextPropagator): a
// tracing span, a tenant, an auth token. Set propagators with the test
// environment's SetContextPropagators (or the replayer's options).
//
// Where Temporal's SDK calls them, the simulation does:
// ExtractToWorkflow with the header a run was started with, into the
// context the workflow function gets; InjectFromWorkflow with the context
// given to ExecuteActivity, ExecuteLocalActivity, ExecuteChildWorkflow,
// SignalExternalWorkflow and NewContinueAsNewError, into the header of the
// command, which the history records (ActivityTaskScheduled,
// StartChildWorkflowExecutionInitiated and the child's
// WorkflowExecutionStarted, SignalExternalWorkflowExecutionInitiated and
// the target's WorkflowExecutionSignaled, WorkflowExecutionContinuedAsNew
// and the next run's WorkflowExecutionStarted; a local activity's header
// is not recorded); Extract with an activity's
// header, into the context.Context the activity gets. Inject is for
// clients, which a simulation has none of, and the test environment calls
// it never.
type ContextPropagator interface {
	// Inject injects information from a Go Context into headers.
	Inject(context.Context, HeaderWriter) error
	// Extract extracts context information from headers and returns a
	// context object.
	Extract(context.Context, HeaderReader) (context.Context, error)
	// InjectFromWorkflow injects information from workflow context into
	// headers.
	InjectFromWorkflow(Context, HeaderWriter) error
	// ExtractToWorkflow extracts context information from headers and
	// returns a workflow context.
	ExtractToWorkflow(Context, HeaderReader) (Context, error)
}

// CodecContextPropagator is a ContextPropagator that asks, as Temporal's
// workflow.CodecContextPropagator, for its headers to go through the
// client's payload codec when EncodeHeaders returns true: Temporal's SDK
// then encodes what Inject and InjectFromWorkflow write and hands Extract
// and ExtractToWorkflow the decoded values. A simulation has no client and
// no client codec: such a propagator's headers are recorded as it writes
// them and read back as written, so it works unchanged; only the history
// shows its headers unencoded, where a server's would hold them encoded.
type CodecContextPropagator interface {
	ContextPropagator
	EncodeHeaders() bool
}

// headerFields is a header's fields as a HeaderReader and HeaderWriter.
type headerFields map[string]*converter.Payload

func (h headerFields) Set(key string, value *converter.Payload) { h[key] = value }

func (h headerFields) Get(key string) (*converter.Payload, bool) {
	p, ok := h[key]
	return p, ok
}

func (h headerFields) ForEachKey(handler func(string, *converter.Payload) error) error {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := handler(k, h[k]); err != nil {
			return err
		}
	}
	return nil
}

// NewHeaderReader returns a HeaderReader of fields (nil reads as empty),
// for code that calls a propagator's Extract or ExtractToWorkflow itself,
// such as a test of a propagator. (Temporal's workflow package has no such
// function: its is internal.)
func NewHeaderReader(fields map[string]*converter.Payload) HeaderReader {
	return headerFields(fields)
}

// NewHeaderWriter returns a HeaderWriter that sets the entries of fields,
// for code that calls a propagator's Inject or InjectFromWorkflow itself
// (a wfsim addition, as NewHeaderReader). fields must not be nil.
func NewHeaderWriter(fields map[string]*converter.Payload) HeaderWriter {
	if fields == nil {
		panic("workflow: NewHeaderWriter of a nil map")
	}
	return headerFields(fields)
}

// propagation is the context propagation of a run that has propagators;
// a run without (most) has none, and pays nothing for it.
type propagation struct {
	props []ContextPropagator
	// header is the run's start header, extracted into ctx as the run
	// starts: the context the workflow function (and update handlers)
	// get, derived from the run's root context.
	header map[string]*converter.Payload
	ctx    Context
	// continued holds the headers injected by NewContinueAsNewError.
	continued map[*wfsim.ContinueAsNewError]map[string]*converter.Payload
}

// newPropagation returns the run's propagation, or nil when start sets no
// propagators.
func newPropagation(start *run.Start) *propagation {
	props, _ := start.ContextPropagators.([]ContextPropagator)
	if len(props) == 0 {
		return nil
	}
	return &propagation{props: props, header: start.Header}
}

// userRoot returns the context workflow code starts from: the run's root,
// with its start header extracted when the run propagates context. The
// extraction runs once, on the root coroutine as the workflow starts; its
// error panics, failing the workflow task, as in Temporal's SDK.
func (s *runState) userRoot() Context {
	p := s.propagation()
	if p == nil {
		return s.root
	}
	if p.ctx == nil {
		ctx := Context(s.root)
		r := headerFields(p.header)
		for _, prop := range p.props {
			var err error
			if ctx, err = prop.ExtractToWorkflow(ctx, r); err != nil {
				panic(fmt.Errorf("failed propagating header: %w", err))
			}
		}
		p.ctx = ctx
	}
	return p.ctx
}

// injectHeader returns the header of a command issued with ctx: what the
// run's propagators inject, or nil when the run has none. The error is
// the first propagator's, which fails the command's Future.
func (s *runState) injectHeader(ctx Context) (map[string]*converter.Payload, error) {
	p := s.propagation()
	if p == nil {
		return nil, nil
	}
	h := make(headerFields)
	for _, prop := range p.props {
		if err := prop.InjectFromWorkflow(ctx, h); err != nil {
			return nil, fmt.Errorf("failed propagating header: %w", err)
		}
	}
	return h, nil
}

// continueAsNewHeader injects the header of the run that can starts, as
// Temporal's SDK does in NewContinueAsNewError, and keeps it for the
// ContinueAsNewWorkflowExecution command (wfsim.ContinueAsNewError has no
// field for it: Temporal's is an API type).
func (p *propagation) continueAsNewHeader(s *runState, ctx Context, can *wfsim.ContinueAsNewError) error {
	h, err := s.injectHeader(ctx)
	if err != nil {
		return err
	}
	if p.continued == nil {
		p.continued = make(map[*wfsim.ContinueAsNewError]map[string]*converter.Payload)
	}
	p.continued[can] = h
	return nil
}

// headerOf returns the header injected for can, or nil: for a run
// without propagators (whose p is nil), and for an error made some other
// way than NewContinueAsNewError, which carries none in Temporal's SDK
// either.
func (p *propagation) headerOf(can *wfsim.ContinueAsNewError) map[string]*converter.Payload {
	if p == nil {
		return nil
	}
	return p.continued[can]
}
