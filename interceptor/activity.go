package interceptor

import (
	"context"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/log"
	"github.com/wfsim/wfsim/metrics"
)

// ActivityInboundInterceptor takes what reaches an activity attempt from
// the server: the attempt itself. Implementations embed
// ActivityInboundInterceptorBase.
type ActivityInboundInterceptor interface {
	// Init is called once per attempt, before ExecuteActivity, with the
	// outbound chain behind this interceptor. An interceptor that wants
	// to see the activity's calls wraps outbound in its own
	// ActivityOutboundInterceptor and passes that on to the next Init. An
	// error fails the attempt before the activity runs.
	Init(outbound ActivityOutboundInterceptor) error

	// ExecuteActivity runs the attempt: in.Args are the activity
	// function's arguments after its context, decoded from the scheduled
	// input. It returns the function's result (nil when it returns only
	// an error, or a nil pointer) and error; a result that is a
	// *converter.Payloads is recorded as it is, any other is encoded with
	// the data converter. ctx carries the activity's header (Header).
	ExecuteActivity(ctx context.Context, in *ExecuteActivityInput) (any, error)

	mustEmbedActivityInboundInterceptorBase()
}

// ExecuteActivityInput is the input of
// ActivityInboundInterceptor.ExecuteActivity.
type ExecuteActivityInput struct {
	// Args are the arguments the activity function is called with, after
	// its context. An interceptor may replace them; each must then fit
	// its parameter (a nil one becomes the parameter's zero value).
	Args []any
}

// ActivityInboundInterceptorBase passes every call on to Next; embed it.
type ActivityInboundInterceptorBase struct {
	// Next is the rest of the chain.
	Next ActivityInboundInterceptor
}

var _ ActivityInboundInterceptor = &ActivityInboundInterceptorBase{}

// Init calls Next.Init.
func (a *ActivityInboundInterceptorBase) Init(outbound ActivityOutboundInterceptor) error {
	return a.Next.Init(outbound)
}

// ExecuteActivity calls Next.ExecuteActivity.
func (a *ActivityInboundInterceptorBase) ExecuteActivity(ctx context.Context, in *ExecuteActivityInput) (any, error) {
	return a.Next.ExecuteActivity(ctx, in)
}

func (*ActivityInboundInterceptorBase) mustEmbedActivityInboundInterceptorBase() {}

// ActivityOutboundInterceptor takes the calls activity code makes to
// package activity: each function of that package named here calls the
// method of the same name on the attempt's chain. Implementations embed
// ActivityOutboundInterceptorBase.
//
// Temporal's has GetClient too; wfsim has no client to give.
type ActivityOutboundInterceptor interface {
	// GetInfo is activity.GetInfo.
	GetInfo(ctx context.Context) activity.Info
	// GetLogger is activity.GetLogger, which returns what it returns as a
	// *slog.Logger (itself when it is one).
	GetLogger(ctx context.Context) log.Logger
	// GetMetricsHandler is activity.GetMetricsHandler.
	GetMetricsHandler(ctx context.Context) metrics.Handler
	// RecordHeartbeat is activity.RecordHeartbeat.
	RecordHeartbeat(ctx context.Context, details ...any)
	// HasHeartbeatDetails is activity.HasHeartbeatDetails.
	HasHeartbeatDetails(ctx context.Context) bool
	// GetHeartbeatDetails is activity.GetHeartbeatDetails.
	GetHeartbeatDetails(ctx context.Context, d ...any) error
	// GetWorkerStopChannel is activity.GetWorkerStopChannel.
	GetWorkerStopChannel(ctx context.Context) <-chan struct{}

	mustEmbedActivityOutboundInterceptorBase()
}

// ActivityOutboundInterceptorBase passes every call on to Next; embed it.
type ActivityOutboundInterceptorBase struct {
	// Next is the rest of the chain.
	Next ActivityOutboundInterceptor
}

var _ ActivityOutboundInterceptor = &ActivityOutboundInterceptorBase{}

// GetInfo calls Next.GetInfo.
func (a *ActivityOutboundInterceptorBase) GetInfo(ctx context.Context) activity.Info {
	return a.Next.GetInfo(ctx)
}

// GetLogger calls Next.GetLogger.
func (a *ActivityOutboundInterceptorBase) GetLogger(ctx context.Context) log.Logger {
	return a.Next.GetLogger(ctx)
}

// GetMetricsHandler calls Next.GetMetricsHandler.
func (a *ActivityOutboundInterceptorBase) GetMetricsHandler(ctx context.Context) metrics.Handler {
	return a.Next.GetMetricsHandler(ctx)
}

// RecordHeartbeat calls Next.RecordHeartbeat.
func (a *ActivityOutboundInterceptorBase) RecordHeartbeat(ctx context.Context, details ...any) {
	a.Next.RecordHeartbeat(ctx, details...)
}

// HasHeartbeatDetails calls Next.HasHeartbeatDetails.
func (a *ActivityOutboundInterceptorBase) HasHeartbeatDetails(ctx context.Context) bool {
	return a.Next.HasHeartbeatDetails(ctx)
}

// GetHeartbeatDetails calls Next.GetHeartbeatDetails.
func (a *ActivityOutboundInterceptorBase) GetHeartbeatDetails(ctx context.Context, d ...any) error {
	return a.Next.GetHeartbeatDetails(ctx, d...)
}

// GetWorkerStopChannel calls Next.GetWorkerStopChannel.
func (a *ActivityOutboundInterceptorBase) GetWorkerStopChannel(ctx context.Context) <-chan struct{} {
	return a.Next.GetWorkerStopChannel(ctx)
}

func (*ActivityOutboundInterceptorBase) mustEmbedActivityOutboundInterceptorBase() {}
