package workflow

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
)

// QueryTypeStackTrace is the built-in query that returns where each
// coroutine of the workflow is blocked.
const QueryTypeStackTrace = "__stack_trace"

// QueryHandlerOptions configure a query handler.
type QueryHandlerOptions struct {
	// Description is a short description of the query, for tools.
	Description string
}

type queryHandler struct {
	fn   reflect.Value
	opts QueryHandlerOptions
}

// SetQueryHandler registers handler to answer queries of queryType, replacing
// any handler registered for it before. handler is a function that takes the
// query's arguments (no Context) and returns a result and an error; the
// result must be encodable (not a func or a chan). Arguments beyond the
// handler's parameters are ignored, as in Temporal.
//
// A query handler runs outside the workflow's coroutines, on the state the
// workflow has after its last workflow task: it may read workflow state, but
// must not change it, block (Future.Get, Channel.Receive, Sleep, Await, …) or
// issue commands (activities, timers, …). A query that tries fails with a
// *ReadOnlyError, and the workflow is unaffected.
func SetQueryHandler(ctx Context, queryType string, handler any) error {
	return SetQueryHandlerWithOptions(ctx, queryType, handler, QueryHandlerOptions{})
}

// SetQueryHandlerWithOptions is SetQueryHandler with options.
func SetQueryHandlerWithOptions(ctx Context, queryType string, handler any, options QueryHandlerOptions) error {
	s := getState(ctx)
	if strings.HasPrefix(queryType, "__") {
		return fmt.Errorf("workflow: query type %q: names starting with __ are reserved", queryType)
	}
	h := reflect.ValueOf(handler)
	if err := checkQueryHandler(h); err != nil {
		return fmt.Errorf("workflow: query handler %q: %w", queryType, err)
	}
	r := s.rareForWrite()
	if r.queries == nil {
		r.queries = make(map[string]*queryHandler)
	}
	r.queries[queryType] = &queryHandler{fn: h, opts: options}
	return nil
}

var errorType = reflect.TypeFor[error]()

// checkQueryHandler applies Temporal's rules: a function returning a
// result and an error.
func checkQueryHandler(h reflect.Value) error {
	if !h.IsValid() || h.Kind() != reflect.Func || h.IsNil() {
		return fmt.Errorf("the handler must be a function, got %s", describeValue(h))
	}
	t := h.Type()
	if t.NumOut() != 2 || t.Out(1) != errorType {
		return fmt.Errorf("the handler must return (result, error), got %s", t)
	}
	switch t.Out(0).Kind() {
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return fmt.Errorf("the handler's result must be encodable, got %s", t.Out(0))
	}
	return nil
}

func describeValue(v reflect.Value) string {
	if !v.IsValid() {
		return "nil"
	}
	if v.Kind() == reflect.Func && v.IsNil() {
		return "a nil " + v.Type().String()
	}
	return v.Type().String()
}

// queryHandler returns the handler of queries of name: one the workflow
// set, or a built-in one, made when asked (most runs are never queried).
func (s *runState) queryHandler(name string) *queryHandler {
	if name == queryTypeWorkflowMetadata {
		return s.metadataQueryHandler()
	}
	if name == QueryTypeStackTrace {
		return &queryHandler{fn: reflect.ValueOf(func() (string, error) {
			s.d.Locate()
			return strings.Join(s.d.Blocked(), "\n"), nil
		})}
	}
	if s.rare == nil {
		return nil
	}
	return s.rare.queries[name]
}

// UnknownQueryError reports a query type with no handler. Known lists the
// query types the workflow answers, sorted.
type UnknownQueryError struct {
	QueryType string
	Known     []string
}

func (e *UnknownQueryError) Error() string {
	return fmt.Sprintf("unknown queryType %s. KnownQueryTypes=[%s]", e.QueryType, strings.Join(e.Known, " "))
}

// ReadOnlyError reports a query handler, update validator or side effect
// function that tried to block or to issue a command. They run against the
// workflow's state without being part of its history (a side effect's
// function runs once, then its recorded value stands in for it), so they
// may only read it.
type ReadOnlyError struct {
	// Handler names the handler, e.g. `query handler "status"` or
	// `update validator "approve"`.
	Handler string
	// Call is what it tried, e.g. "Future.Get" or "ScheduleActivityTask".
	Call string
}

func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("workflow: %s called %s: query handlers, update validators and side effect functions must not block or issue commands, only read workflow state",
		e.Handler, e.Call)
}

// checkReadOnly panics with a *ReadOnlyError when the run is answering a
// query or validating an update. Workflow APIs that block, start coroutines
// or issue commands call it.
func (s *runState) checkReadOnly(call string) {
	if s.book.readOnly != "" {
		panic(&ReadOnlyError{Handler: s.book.readOnly, Call: call})
	}
}

// callReadOnly calls f with args while the run refuses to block or issue
// commands. A panic of f is returned as an error: the *ReadOnlyError of a
// forbidden call, or a *wfsim.PanicError.
func (s *runState) callReadOnly(handler string, f reflect.Value, args []reflect.Value) ([]reflect.Value, error) {
	prev := s.book.readOnly
	s.book.readOnly = handler
	defer func() { s.book.readOnly = prev }()
	out, pv, stack, panicked := fn.Call(f, args)
	if panicked {
		if ro, ok := pv.(*ReadOnlyError); ok {
			return nil, ro
		}
		return nil, wfsim.NewPanicError(fmt.Sprintf("%s panicked: %v", handler, pv), stack)
	}
	return out, nil
}

// Query answers a query against the run's current state, also after the
// workflow has returned.
func (in *instance) Query(name string, args *converter.Payloads) (*converter.Payloads, error) {
	s := &in.state
	h := s.queryHandler(name)
	if h == nil {
		known := make([]string, 0, len(s.queryHandlers())+1)
		known = append(known, QueryTypeStackTrace)
		for k := range s.queryHandlers() {
			known = append(known, k)
		}
		slices.Sort(known)
		return nil, &UnknownQueryError{QueryType: name, Known: known}
	}
	// Arguments beyond the handler's parameters are ignored, as Temporal's
	// SDK decodes a query's input.
	argv, err := fn.DecodeArgsExtra(s.dc, "query", name, h.fn.Type(), 0, args, fn.IgnoreExtra)
	if err != nil {
		return nil, err
	}
	out, err := s.callReadOnly("query handler "+strconv.Quote(name), h.fn, argv)
	if err != nil {
		return nil, err
	}
	value, err := fn.SplitResults(out)
	if err != nil {
		return nil, err
	}
	p, err := fn.EncodeResult(s.dc, value)
	if err != nil {
		return nil, fmt.Errorf("query %q: encoding its result: %w", name, err)
	}
	return p, nil
}
