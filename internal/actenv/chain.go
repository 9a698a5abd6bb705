package actenv

import (
	"context"

	"github.com/wfsim/wfsim/converter"
)

// outboundKey is the context key of an activity's outbound interceptor
// chain; headerKey that of the header its inbound interceptors read.
type (
	outboundKey struct{}
	headerKey   struct{}
)

// WithOutbound returns a copy of ctx whose activity calls (GetInfo,
// RecordHeartbeat, …) go through o, the head of the outbound interceptor
// chain; a nil o takes them off the chain, as its end does before it runs
// the calls itself. o is an any because package interceptor, which
// defines its type, imports package activity, which reads it.
func WithOutbound(ctx context.Context, o any) context.Context {
	return context.WithValue(ctx, outboundKey{}, o)
}

// Outbound returns the outbound interceptor chain ctx carries, or nil.
// Without interceptors the context never holds one, and the lookup is a
// walk of the context's values that finds nothing.
func Outbound(ctx context.Context) any {
	return ctx.Value(outboundKey{})
}

// WithHeader returns a copy of ctx carrying an activity's header fields, as
// its inbound interceptors see them; a nil h removes them, as the chain's
// end does before it runs the activity function.
func WithHeader(ctx context.Context, h map[string]*converter.Payload) context.Context {
	return context.WithValue(ctx, headerKey{}, h)
}

// Header returns the header fields ctx carries, or nil.
func Header(ctx context.Context) map[string]*converter.Payload {
	h, _ := ctx.Value(headerKey{}).(map[string]*converter.Payload)
	return h
}
