package testsuite

import (
	"context"
	"sync"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/actenv"
)

// attemptCtx is the context an activity attempt runs with, in one
// allocation: the actenv.Context that activity code reads (its Env points
// at info), the attempt's Info, what its heartbeats need, and its own
// cancellation, which spares the two allocations of context.WithCancel.
//
// It cancels as context.WithCancel(context.Background()) does: Done's
// channel is made when first asked for and closed by cancel, and Err is
// context.Canceled from then on. Contexts derived from it by the standard
// library (WithCancel, WithDeadline, AfterFunc, …) register through its
// AfterFunc method, as they do with any parent that has one, rather than
// with a goroutine each, and are canceled with it, before cancel returns.
type attemptCtx struct {
	actenv.Context
	info    activity.Info
	env     *environment
	ref     *tokenRef
	attempt int32

	mu    sync.Mutex
	done  chan struct{}
	err   error
	after []*afterFunc
	// release cancels a context derived from this one to carry a
	// deadline, when canceling this one.
	release context.CancelFunc
}

// afterFunc is a function registered with AfterFunc.
type afterFunc struct {
	f func()
	// claimed says it was run or stopped.
	claimed bool
}

// newAttemptCtx returns the context of t's current attempt: its Env is
// filled in, but for the logger.
func newAttemptCtx(e *environment, t *activityTask) *attemptCtx {
	c := &attemptCtx{env: e, ref: t.ref, attempt: t.attempt}
	t.fillInfo(&c.info)
	c.Context = actenv.Context{Context: context.Background(), Env: actenv.Env{
		Info:             &c.info,
		DataConverter:    e.dc,
		HeartbeatDetails: t.heartbeatDetails,
		Heartbeat:        c.heartbeat,
		WorkerStop:       e.workerStop,
	}}
	return c
}

// heartbeat hands a heartbeat of the attempt, from any goroutine, to the
// simulation.
func (c *attemptCtx) heartbeat(details converter.Payloads) {
	ref, attempt := c.ref, c.attempt
	c.env.post(ref.t.order, func() { ref.t.recordHeartbeat(attempt, details) })
}

// Done returns a channel closed when the attempt's context is canceled.
func (c *attemptCtx) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done == nil {
		c.done = make(chan struct{})
		if c.err != nil {
			close(c.done)
		}
	}
	return c.done
}

// Err returns context.Canceled once the context is canceled, nil before.
func (c *attemptCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// String names the context as the standard library's contexts name
// themselves.
func (c *attemptCtx) String() string { return "context.Background.WithCancel.WithActivityEnv" }

// AfterFunc arranges for f to run when the context is canceled: during
// cancel, or at once in a goroutine of its own if it already is. stop
// unregisters f, and reports whether that kept it from running. The
// standard library's derived contexts rely on this method (see attemptCtx).
func (c *attemptCtx) AfterFunc(f func()) (stop func() bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		go f()
		return func() bool { return false }
	}
	a := &afterFunc{f: f}
	c.after = append(c.after, a)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		if a.claimed {
			return false
		}
		a.claimed = true
		return true
	}
}

// cancel cancels the context, once, and runs what AfterFunc registered,
// in order.
func (c *attemptCtx) cancel() {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err = context.Canceled
	if c.done != nil {
		close(c.done)
	}
	after := c.after
	c.after = nil
	run := after[:0]
	for _, a := range after {
		if !a.claimed {
			a.claimed = true
			run = append(run, a)
		}
	}
	c.mu.Unlock()
	for _, a := range run {
		a.f()
	}
	if c.release != nil {
		c.release()
	}
}
