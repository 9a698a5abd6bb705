package interceptor

import "context"

// WorkerInterceptor is what worker.Options.Interceptors holds: it puts
// interceptors in front of the activities a worker runs. Implementations
// embed WorkerInterceptorBase (the interface requires it, so that methods
// added later reach them as pass-throughs) and override what they need.
//
// Temporal's WorkerInterceptor also has InterceptWorkflow and
// InterceptNexusOperation; wfsim has neither workflow interceptors nor
// Nexus (see the package doc), so an implementation that overrides them
// does not compile here.
type WorkerInterceptor interface {
	// InterceptActivity is called for each activity attempt, before the
	// activity runs, with the rest of the chain as next; it returns the
	// interceptor that takes the attempt's calls in front of next (next
	// itself to stay out of the way).
	InterceptActivity(ctx context.Context, next ActivityInboundInterceptor) ActivityInboundInterceptor

	mustEmbedWorkerInterceptorBase()
}

// WorkerInterceptorBase is a WorkerInterceptor that changes nothing, to be
// embedded by implementations.
type WorkerInterceptorBase struct{}

var _ WorkerInterceptor = &WorkerInterceptorBase{}

// InterceptActivity returns an ActivityInboundInterceptorBase that passes
// every call on to next.
func (*WorkerInterceptorBase) InterceptActivity(_ context.Context, next ActivityInboundInterceptor) ActivityInboundInterceptor {
	return &ActivityInboundInterceptorBase{Next: next}
}

func (*WorkerInterceptorBase) mustEmbedWorkerInterceptorBase() {}
