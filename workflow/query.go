package workflow

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
)

// QueryTypeStackTrace is the built-in query that returns where each
// coroutine of the workflow is blocked.
const QueryTypeStackTrace = "__stack_trace"

type queryHandler struct {
	fn reflect.Value
}

// SetQueryHandler registers handler to answer queries of queryType. handler
// is a function taking the query's arguments and returning a result and an
// error (or just an error). It runs outside workflow coroutines: it must not
// block or issue commands.
func SetQueryHandler(ctx Context, queryType string, handler any) error {
	s := getState(ctx)
	if strings.HasPrefix(queryType, "__") {
		return fmt.Errorf("workflow: query type %q: the __ prefix is reserved", queryType)
	}
	h := reflect.ValueOf(handler)
	if err := checkQueryHandler(h); err != nil {
		return fmt.Errorf("workflow: query handler %q: %w", queryType, err)
	}
	s.queries[queryType] = &queryHandler{fn: h}
	return nil
}

func checkQueryHandler(h reflect.Value) error {
	if h.Kind() != reflect.Func {
		return fmt.Errorf("must be a function, got %s", h.Kind())
	}
	t := h.Type()
	if t.NumOut() < 1 || t.NumOut() > 2 || !t.Out(t.NumOut()-1).Implements(reflect.TypeFor[error]()) {
		return fmt.Errorf("must return (result, error) or error, got %s", t)
	}
	return nil
}

func (s *runState) addDefaultQueries() {
	s.queries[QueryTypeStackTrace] = &queryHandler{fn: reflect.ValueOf(func() (string, error) {
		return strings.Join(s.d.Blocked(), "\n"), nil
	})}
}

// UnknownQueryError reports a query type with no handler.
type UnknownQueryError struct {
	QueryType string
	Known     []string
}

func (e *UnknownQueryError) Error() string {
	return fmt.Sprintf("unknown queryType %s. KnownQueryTypes=[%s]", e.QueryType, strings.Join(e.Known, " "))
}

func (in *instance) Query(name string, args converter.Payloads) (converter.Payloads, error) {
	s := in.s
	h := s.queries[name]
	if h == nil {
		known := make([]string, 0, len(s.queries))
		for k := range s.queries {
			known = append(known, k)
		}
		slices.Sort(known)
		return nil, &UnknownQueryError{QueryType: name, Known: known}
	}
	t := h.fn.Type()
	in2, err := fn.DecodeArgs(s.dc, "query", name, t, 0, args)
	if err != nil {
		return nil, err
	}
	out, pv, stack, panicked := fn.Call(h.fn, in2)
	if panicked {
		return nil, fmt.Errorf("query %q panicked: %v\n%s", name, pv, stack)
	}
	if e := out[len(out)-1]; !e.IsNil() {
		return nil, e.Interface().(error)
	}
	if len(out) == 1 {
		return nil, nil
	}
	return s.dc.ToPayloads(out[0].Interface())
}
