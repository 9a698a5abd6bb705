package actchain

import (
	"context"
	"reflect"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/interceptor"
	"github.com/wfsim/wfsim/internal/actenv"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/log"
	"github.com/wfsim/wfsim/metrics"
)

// end is where both chains end: the inbound one calls the activity
// function, the outbound one does what package activity's functions do
// without interceptors. It embeds the Base types only for the methods
// package interceptor requires of every implementation; it overrides every
// other method, so their Next fields stay unused.
type end struct {
	interceptor.ActivityInboundInterceptorBase
	interceptor.ActivityOutboundInterceptorBase
	chain *Chain
	name  string
	fn    reflect.Value
}

// Init takes the outbound chain the interceptors built in front of the end.
func (e *end) Init(outbound interceptor.ActivityOutboundInterceptor) error {
	e.chain.outbound = outbound
	return nil
}

// ExecuteActivity calls the activity function with in.Args, after the
// context when it takes one (a variadic function's last argument is the
// slice of its variadic values). Arguments that do not fit give a
// *wfsim.ArgumentError. The context it passes has no header, as in
// Temporal: the header is for interceptors.
func (e *end) ExecuteActivity(ctx context.Context, in *interceptor.ExecuteActivityInput) (any, error) {
	ctx = actenv.WithHeader(ctx, nil)
	ft := e.fn.Type()
	skip := fn.ActivitySkip(ft)
	want := ft.NumIn() - skip
	if len(in.Args) != want {
		return nil, &wfsim.ArgumentError{Kind: "activity", Name: e.name, WantCount: want, GotCount: len(in.Args)}
	}
	args := make([]reflect.Value, 0, skip+len(in.Args))
	if skip == 1 {
		args = append(args, reflect.ValueOf(ctx))
	}
	for i, a := range in.Args {
		pt := ft.In(skip + i)
		if a == nil {
			args = append(args, reflect.Zero(pt))
			continue
		}
		v := reflect.ValueOf(a)
		if !v.Type().AssignableTo(pt) {
			return nil, &wfsim.ArgumentError{Kind: "activity", Name: e.name, Position: i + 1, Expected: pt.String(), Got: v.Type().String()}
		}
		args = append(args, v)
	}
	var out []reflect.Value
	if ft.IsVariadic() {
		out = e.fn.CallSlice(args) // the last argument is the variadic slice, as wfsim decodes it
	} else {
		out = e.fn.Call(args)
	}
	value, err := fn.SplitResults(out)
	if value = fn.Recorded(value); value.IsValid() {
		return value.Interface(), err
	}
	return nil, err
}

// off is ctx taken off the outbound chain: package activity's functions
// called with it do their own work.
func off(ctx context.Context) context.Context { return actenv.WithOutbound(ctx, nil) }

func (e *end) GetInfo(ctx context.Context) activity.Info { return activity.GetInfo(off(ctx)) }

func (e *end) GetLogger(ctx context.Context) log.Logger { return activity.GetLogger(off(ctx)) }

func (e *end) GetMetricsHandler(ctx context.Context) metrics.Handler {
	return activity.GetMetricsHandler(off(ctx))
}

func (e *end) RecordHeartbeat(ctx context.Context, details ...any) {
	activity.RecordHeartbeat(off(ctx), details...)
}

func (e *end) HasHeartbeatDetails(ctx context.Context) bool {
	return activity.HasHeartbeatDetails(off(ctx))
}

func (e *end) GetHeartbeatDetails(ctx context.Context, d ...any) error {
	return activity.GetHeartbeatDetails(off(ctx), d...)
}

func (e *end) GetWorkerStopChannel(ctx context.Context) <-chan struct{} {
	return activity.GetWorkerStopChannel(off(ctx))
}
