package actenv

import (
	"context"
	"log/slog"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/metrics"
)

// Env is what an activity attempt sees of the simulated worker and server.
//
// The simulator fills it in before the attempt starts and must not change it
// while the activity runs: activity code reads it from its own goroutine,
// with no lock. Anything that changes during the attempt goes through
// Heartbeat.
type Env struct {
	// Info is the attempt's activity.Info, built by the simulator: a value,
	// a pointer to one, or a value with a method ActivityInfo() that
	// returns one (built when activity code asks for it). It is an any only
	// because package activity, which defines the type, imports this
	// package.
	Info any

	// Logger is what activity.GetLogger returns. The simulator should give it
	// the activity's attributes, as Temporal's worker does (ActivityID,
	// ActivityType, Attempt, WorkflowType, WorkflowID, RunID). Nil means a
	// logger that discards everything.
	Logger *slog.Logger

	// DataConverter encodes heartbeat details and decodes the previous
	// attempt's. Nil means converter.GetDefaultDataConverter().
	DataConverter converter.DataConverter

	// HeartbeatDetails are the details last recorded by a previous attempt
	// (or set by a test), as the server delivers them with a retried
	// activity task. Nil means none. Heartbeats recorded by this attempt do
	// not change them.
	HeartbeatDetails *converter.Payloads

	// Heartbeat records heartbeats of this attempt. Nil means heartbeats
	// are dropped.
	Heartbeat Heartbeater

	// Worker is what the attempt sees of the worker running it, shared by
	// its attempts. Nil means a worker that never stops and drops metrics.
	Worker *Worker
}

// Worker is the part of the simulated worker that activity code reaches.
type Worker struct {
	// Stop is closed when the worker begins to stop. Nil means the worker
	// never stops (receiving from it blocks forever).
	Stop <-chan struct{}
	// Metrics is the handler activity.GetMetricsHandler builds on. Nil
	// means metrics.NopHandler.
	Metrics metrics.Handler
}

// Heartbeater records heartbeats of an activity attempt. An interface, not a
// func field, so that the simulator's attempt context can be it without an
// allocation per attempt.
type Heartbeater interface {
	// Heartbeat records a heartbeat with its encoded details (nil when the
	// activity reported none). It must be safe to call from any
	// goroutine, since activities may heartbeat from goroutines of their
	// own.
	Heartbeat(details *converter.Payloads)
}

// HeartbeatFunc is a function that records heartbeats.
type HeartbeatFunc func(details *converter.Payloads)

// Heartbeat calls f.
func (f HeartbeatFunc) Heartbeat(details *converter.Payloads) { f(details) }

// Converter returns the Env's data converter, or the default one when the
// Env has none.
func (e *Env) Converter() converter.DataConverter {
	if e.DataConverter == nil {
		return converter.GetDefaultDataConverter()
	}
	return e.DataConverter
}

// envKey is the context key of the Env; being unexported, no other package
// can read or overwrite the value.
type envKey struct{}

// WithEnv returns a copy of ctx that carries e, making it an activity
// context. It panics if e is nil.
func WithEnv(ctx context.Context, e *Env) context.Context {
	if e == nil {
		panic("actenv: WithEnv called with a nil Env")
	}
	return context.WithValue(ctx, envKey{}, e)
}

// FromContext returns the Env that ctx carries, and false when ctx is not an
// activity context.
func FromContext(ctx context.Context) (*Env, bool) {
	e, ok := ctx.Value(envKey{}).(*Env)
	return e, ok
}

// Holder holds an Env for a context type of the simulator's: embedded in a
// type that has Deadline, Done and Err methods, it makes that type an
// activity context, with no values but its Env (as if derived from
// context.Background()), the Env and the context in one allocation. It is
// what WithEnv does without a parent context and its context.WithValue.
type Holder struct {
	Env Env
}

// Value returns the Env for the Env's key, and nil for any other key, as
// context.Background() does.
func (h *Holder) Value(key any) any {
	if _, ok := key.(envKey); ok {
		return &h.Env
	}
	return nil
}
