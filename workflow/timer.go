package workflow

import (
	"strconv"
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
	f := newFuture(s)
	if d <= 0 {
		f.Set(true, nil)
		return f
	}
	id := strconv.FormatInt(s.book.nextID(), 10)
	c := s.book.add(&command{Command: run.Command{Kind: run.CommandStartTimer, ID: id, TimerDuration: d}})
	var remove func()
	c.resolve = func(*run.Event) {
		if remove != nil {
			remove()
		}
		if !f.ready {
			f.Set(nil, nil)
		}
	}
	remove = onCancel(ctx, func() {
		if f.ready {
			return
		}
		s.cancelTimer(c)
		f.Set(nil, wfsim.NewCanceledError())
	})
	return f
}

// cancelTimer withdraws a timer with a CancelTimer command. A timer canceled
// in the task that created it is still sent, followed by its cancellation,
// as Temporal's SDK does: the history then holds TimerStarted and
// TimerCanceled, and every command keeps the event ID it was numbered with.
func (s *runState) cancelTimer(c *command) {
	c.canceled = true
	cancel := s.book.add(&command{Command: run.Command{Kind: run.CommandCancelTimer, ID: c.ID}})
	c.resolve = func(*run.Event) {
		// The timer fired before its cancellation reached the server:
		// the cancellation is moot.
		if cancel.state == commandCreated {
			s.book.unsend(cancel)
		}
	}
	cancel.resolve = func(*run.Event) { s.book.done(c) }
}

// Sleep pauses the calling coroutine for d of workflow time. It returns a
// *wfsim.CanceledError if ctx is canceled first.
func Sleep(ctx Context, d time.Duration) error {
	return NewTimer(ctx, d).Get(ctx, nil)
}
