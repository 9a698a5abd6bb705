package testsuite

import (
	"context"
	"fmt"
	"reflect"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/interceptor"
	"github.com/wfsim/wfsim/internal/actchain"
	"github.com/wfsim/wfsim/internal/fn"
)

// The worker's interceptors (worker.Options.Interceptors) wrap each
// activity attempt as Temporal's worker wraps each activity task: the
// chain is built and initialised when the attempt starts, before the
// header is extracted by the context propagators and before the started
// listener; the activity's code (registered, dynamic, or a mock's
// function) runs through the inbound chain; a mock's plain values do not,
// as in Temporal's test environment, which returns them without running
// the chain. Attempts of a worker without interceptors take none of these
// paths: the only cost to them is the intercepting check.

// interceptors returns the worker's interceptors; w may be nil.
func (w *workerSettings) interceptors() []interceptor.WorkerInterceptor {
	if w == nil {
		return nil
	}
	return w.options.Interceptors
}

// intercepting says the worker has interceptors; w may be nil.
func (w *workerSettings) intercepting() bool {
	return w != nil && len(w.options.Interceptors) > 0
}

// intercept starts the attempt's interceptor chains in its context. An
// Init error drops the task unanswered, as Temporal's worker drops a task
// whose activity context it cannot make: the attempt then times out
// (StartToClose). intercept logs it and returns nil.
func (t *activityTask) intercept(ctx context.Context) context.Context {
	ctx, _, err := actchain.Start(ctx, t.run.env.workerOpts.interceptors(), fieldsOf(t.attrs().Header))
	if err != nil {
		t.run.env.logger.Error("activity task dropped: "+err.Error(), "ActivityID", t.attrs().ActivityID, "ActivityType", t.attrs().ActivityType.Name)
		return nil
	}
	return ctx
}

// interceptedPlan is the plan that calls the activity function f, named
// name, with args (ctx first when f takes a context) through the
// attempt's interceptors, which ctx holds. A worker without interceptors
// builds its plans as before, with closures that hold no more than they
// need (a closure holding ctx and a name too would cost every reflective
// call 16 bytes).
func (e *environment) interceptedPlan(ctx context.Context, name string, f reflect.Value, args []reflect.Value) plan {
	ch := actchain.From(ctx)
	return plan{call: func() outcome { return callThrough(e.encoder(), ctx, ch, name, f, args) }}
}

// callThrough is callActivity through the interceptor chain ch: the
// arguments after the context go to the inbound chain as
// ExecuteActivityInput.Args, and what it returns is the attempt's outcome,
// a result that is a *converter.Payloads recorded as it is.
func callThrough(dc converter.DataConverter, ctx context.Context, ch *actchain.Chain, name string, f reflect.Value, args []reflect.Value) outcome {
	skip := fn.ActivitySkip(f.Type())
	in := make([]any, 0, len(args)-skip)
	for _, a := range args[skip:] {
		in = append(in, a.Interface())
	}
	r := ch.Execute(ctx, name, f, in)
	if o, ended := unsuccessfulOutcome(r); ended {
		return o
	}
	if !r.HasValue {
		return outcome{}
	}
	if p, ok := r.Value.(*converter.Payloads); ok {
		return outcome{result: p}
	}
	p, err := fn.EncodeResult(dc, reflect.ValueOf(r.Value))
	if err != nil {
		return outcome{err: fmt.Errorf("encoding the activity's result: %w", err)}
	}
	return outcome{result: p}
}
