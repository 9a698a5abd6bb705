package workflow

import (
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/run"
)

// Now returns the current time of the workflow: the time of the workflow task
// being processed, which is virtual time in a test and recorded time in a
// replay. Use it instead of time.Now.
func Now(ctx Context) time.Time { return getState(ctx).now }

// NewTimer returns a Future that becomes ready after d of workflow time. A
// zero or negative d makes it ready at once, without a timer. Cancelling ctx
// cancels the timer, and the Future then fails with a *wfsim.CanceledError.
func NewTimer(ctx Context, d time.Duration) Future {
	s := getState(ctx)
	s.mustRun("workflow.NewTimer")
	if d <= 0 {
		f := newFuture(s)
		f.Set(true, nil)
		return f
	}
	return &s.startTimer(ctx, d, new(timer)).futureImpl
}

// startTimer starts t, a zero timer, for d (> 0).
func (s *runState) startTimer(ctx Context, d time.Duration, t *timer) *timer {
	// Field by field: t is zero, and assigning a whole command to it
	// would copy every word with a bulk write barrier while the GC runs.
	t.state = s
	t.cmd.k, t.cmd.ID, t.cmd.n = uint8(run.CommandStartTimer), s.nextIDText(), int64(d)
	s.book.add(&t.cmd)
	t.cmd.handler = t
	// Cancellation is a callback on ctx's Done channel, as in Temporal's
	// SDK, so timers are canceled in the order they were started.
	if done, ok := ctx.Done().(*channelImpl); ok {
		t.onCancel.to = t
		if _, ok, more := done.receiveAsync(&t.onCancel); ok || !more {
			t.cancel()
		} else {
			t.done = done
		}
	}
	return t
}

// timer is a timer's Future with its command and its cancellation
// callback: one allocation per timer, which is most of what a Sleep costs.
type timer struct {
	futureImpl
	cmd      command
	onCancel receiveCallback
	// done is the Done channel onCancel waits on, until the timer fires.
	done *channelImpl
}

// handleEvent resolves the timer with its TimerFired event.
func (t *timer) handleEvent(*run.Event) {
	if t.done != nil {
		t.done.removeReceiveCallback(&t.onCancel)
		t.done = nil
	}
	if !t.ready {
		t.Set(nil, nil)
	}
}

// offer is the Done channel's callback; it never takes a value.
func (t *timer) offer(any, bool) bool {
	t.done = nil
	t.cancel()
	return false
}

func (t *timer) cancel() {
	if t.ready {
		return
	}
	t.state.cancelTimer(&t.cmd)
	t.Set(nil, wfsim.NewCanceledError())
}

// cancelTimer withdraws a timer with a CancelTimer command. A timer canceled
// in the task that created it is still sent, followed by its cancellation,
// as Temporal's SDK does: the history then holds TimerStarted and
// TimerCanceled, and every command keeps the event ID it was numbered with.
func (s *runState) cancelTimer(c *command) {
	c.canceled = true
	cancel := s.book.add(&command{k: uint8(run.CommandCancelTimer), ID: c.ID})
	c.handler = resolveFunc(func(*run.Event) {
		// The timer fired before its cancellation reached the server:
		// the cancellation is moot.
		if cancel.state == commandCreated {
			s.book.unsend(cancel)
		}
	})
	cancel.handler = resolveFunc(func(*run.Event) { s.book.done(c) })
}

// Sleep pauses the calling coroutine for d of workflow time. It returns a
// *wfsim.CanceledError if ctx is canceled first.
func Sleep(ctx Context, d time.Duration) error {
	if d <= 0 {
		return NewTimer(ctx, d).Get(ctx, nil)
	}
	s := getState(ctx)
	s.mustRun("workflow.NewTimer")
	// The timer of a Sleep is never seen by the caller: once it fired,
	// nothing refers to it, and the run's next Sleep may reuse it.
	t := s.spareTimer
	if t != nil {
		s.spareTimer = nil
		*t = timer{}
	} else {
		t = new(timer)
	}
	s.startTimer(ctx, d, t)
	t.cmd.summary = s.sleepSummaryPayload()
	err := t.Get(ctx, nil)
	if t.free() {
		s.spareTimer = t
	}
	return err
}

// free reports whether nothing refers to t any more: it fired (it was not
// canceled, whose CancelTimer command refers to it), the book dropped it,
// and its callback is off the Done channel's list.
func (t *timer) free() bool {
	return t.ready && t.cmd.state == commandDone && !t.cmd.canceled && !t.onCancel.queued && t.done == nil
}
