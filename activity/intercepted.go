package activity

import (
	"context"
	"log/slog"

	"github.com/wfsim/wfsim/internal/actenv"
	"github.com/wfsim/wfsim/internal/logbridge"
	"github.com/wfsim/wfsim/log"
	"github.com/wfsim/wfsim/metrics"
)

// outbound is what package interceptor's ActivityOutboundInterceptor
// offers, named here without that package (which imports this one): the
// calls of this package that an activity's outbound interceptors see.
type outbound interface {
	GetInfo(ctx context.Context) Info
	GetLogger(ctx context.Context) log.Logger
	GetMetricsHandler(ctx context.Context) metrics.Handler
	RecordHeartbeat(ctx context.Context, details ...any)
	HasHeartbeatDetails(ctx context.Context) bool
	GetHeartbeatDetails(ctx context.Context, d ...any) error
	GetWorkerStopChannel(ctx context.Context) <-chan struct{}
}

// intercepted returns the outbound interceptor chain of ctx, or nil when the
// worker has no interceptors (or ctx is the chain's own end, which runs
// the calls itself).
func intercepted(ctx context.Context) outbound {
	o, _ := actenv.Outbound(ctx).(outbound)
	return o
}

// interceptedLogger is GetLogger through the chain: the logger it returns,
// as a *slog.Logger.
func interceptedLogger(ctx context.Context, o outbound) *slog.Logger {
	if l := logbridge.Slog(o.GetLogger(ctx)); l != nil {
		return l
	}
	return slog.New(slog.DiscardHandler)
}
