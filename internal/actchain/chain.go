// Package actchain runs an activity attempt through the worker's
// interceptors (package interceptor): it builds the attempt's inbound and
// outbound chains, puts them and the activity's header into its context,
// and ends both chains with the calls the simulated worker makes without
// interceptors. Package testsuite uses it only when the worker has
// interceptors, so that attempts without them pay nothing.
package actchain

import (
	"bytes"
	"context"
	"reflect"
	"runtime/debug"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/interceptor"
	"github.com/wfsim/wfsim/internal/actenv"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/log"
	"github.com/wfsim/wfsim/metrics"
)

// Chain is one attempt's interceptor chains. The context Start returns
// holds it as the attempt's outbound chain (actenv.WithOutbound): it
// passes package activity's calls to the head of the outbound chain.
type Chain struct {
	root     *end
	inbound  interceptor.ActivityInboundInterceptor
	outbound interceptor.ActivityOutboundInterceptor
}

// Start builds the chains of an attempt whose context is ctx, as
// Temporal's worker does for each activity task: each interceptor's
// InterceptActivity, the last first, so that the first one given is the
// outermost; then the inbound chain's Init, with the chain's end as the
// outbound chain for the interceptors to wrap. An Init error fails the
// attempt. A panic in InterceptActivity or Init is returned as a
// *wfsim.PanicError: a worker's task loop recovers it and drops the task,
// so it must not unwind the simulation. The context returned carries the
// chain and a copy of header (interceptor.Header); run the attempt with
// Execute and it.
func Start(ctx context.Context, interceptors []interceptor.WorkerInterceptor, header map[string]*converter.Payload) (_ context.Context, _ *Chain, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = wfsim.NewPanicError(p, string(debug.Stack()))
		}
	}()
	e := &end{}
	c := &Chain{root: e, inbound: e, outbound: e}
	e.chain = c
	for i := len(interceptors) - 1; i >= 0; i-- {
		c.inbound = interceptors[i].InterceptActivity(ctx, c.inbound)
	}
	if err := c.inbound.Init(e); err != nil {
		return nil, nil, err
	}
	ctx = actenv.WithOutbound(ctx, c)
	return actenv.WithHeader(ctx, copyHeader(header)), c, nil
}

// copyHeader copies header down to its bytes: interceptors may change
// theirs, payloads in place included, as a worker's are the task's own;
// the history's and the workflow's must stay as they were recorded.
func copyHeader(header map[string]*converter.Payload) map[string]*converter.Payload {
	h := make(map[string]*converter.Payload, len(header))
	for k, p := range header {
		if p == nil {
			h[k] = nil
			continue
		}
		q := &converter.Payload{Data: bytes.Clone(p.Data)}
		if p.Metadata != nil {
			q.Metadata = make(map[string][]byte, len(p.Metadata))
			for mk, mv := range p.Metadata {
				q.Metadata[mk] = bytes.Clone(mv)
			}
		}
		h[k] = q
	}
	return h
}

// From returns the chain of an attempt's context, or nil.
func From(ctx context.Context) *Chain {
	c, _ := actenv.Outbound(ctx).(*Chain)
	return c
}

// Execute runs the attempt through the inbound chain: its end calls f,
// named name, with the arguments the chain hands it, after ctx when f
// takes a context. args are f's arguments after its context. What the
// chain returns is the Result's Value (HasValue when not nil) and Err; a
// panic, of f or of an interceptor, is recovered into it, as a worker's
// activity handler recovers it.
func (c *Chain) Execute(ctx context.Context, name string, f reflect.Value, args []any) (r fn.Result) {
	defer func() {
		if p := recover(); p != nil {
			r = fn.Result{Panicked: true, PanicValue: p, Stack: string(debug.Stack())}
		}
	}()
	c.root.name, c.root.fn = name, f
	r.Value, r.Err = c.inbound.ExecuteActivity(ctx, &interceptor.ExecuteActivityInput{Args: args})
	r.HasValue = r.Value != nil
	return r
}

// The outbound chain's methods, which package activity's functions call.

func (c *Chain) GetInfo(ctx context.Context) activity.Info { return c.outbound.GetInfo(ctx) }
func (c *Chain) GetLogger(ctx context.Context) log.Logger  { return c.outbound.GetLogger(ctx) }
func (c *Chain) GetMetricsHandler(ctx context.Context) metrics.Handler {
	return c.outbound.GetMetricsHandler(ctx)
}
func (c *Chain) RecordHeartbeat(ctx context.Context, details ...any) {
	c.outbound.RecordHeartbeat(ctx, details...)
}
func (c *Chain) HasHeartbeatDetails(ctx context.Context) bool {
	return c.outbound.HasHeartbeatDetails(ctx)
}
func (c *Chain) GetHeartbeatDetails(ctx context.Context, d ...any) error {
	return c.outbound.GetHeartbeatDetails(ctx, d...)
}
func (c *Chain) GetWorkerStopChannel(ctx context.Context) <-chan struct{} {
	return c.outbound.GetWorkerStopChannel(ctx)
}
