package workflow

import (
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/coro"
)

// Await blocks the calling coroutine until condition returns true. condition
// is called once first and then once each time other coroutines have run,
// as Temporal's SDK calls it, and never again after it returned true, so a
// condition that receives from a channel keeps what it received. Await
// returns a *wfsim.CanceledError if ctx is canceled first.
func Await(ctx Context, condition func() bool) error {
	c := getState(ctx).mustRun("workflow.Await")
	if condition() {
		return nil
	}
	if ctx.Err() != nil {
		return awaitCanceled()
	}
	w := &awaitWait{c: c, ctx: ctx, condition: condition, skip: true}
	blockOn(ctx, "Await", w)
	w.rethrow()
	if w.met {
		return nil
	}
	return awaitCanceled()
}

// awaitCanceled returns the error of a canceled Await: Temporal's SDK
// passes its text as the CanceledError's details (not its message), and a
// workflow that returns the error records them.
func awaitCanceled() error { return wfsim.NewCanceledError("Await context canceled") }

// awaitWait is what Await and AwaitWithTimeout block on. It calls condition
// once each time it is asked and keeps the answer, so that a condition with
// side effects (one that receives from a channel, as real workflows' do) is
// called exactly as often as under Temporal's SDK: once per pass over the
// coroutines, never again after it let the caller go.
type awaitWait struct {
	// c is the waiting coroutine, whose code condition is (a watchdog
	// reports it running it, and may interrupt it there).
	c         *coro.Coroutine
	ctx       Context
	condition func() bool
	timer     Future // AwaitWithTimeout's timer, nil for Await
	// skip answers the next question "no" without calling condition:
	// Await has just called it, and AwaitWithTimeout waits for the next pass.
	skip bool
	met  bool
	// panicked and panicValue hold a panic of condition: Ready runs on
	// the dispatcher, outside the waiting coroutine, so the panic is
	// raised again in the coroutine (rethrow), where it fails the
	// workflow task as Temporal's SDK fails it, instead of the test binary.
	panicked   bool
	panicValue any
}

func (w *awaitWait) Ready() (ready bool) {
	if w.skip {
		w.skip = false
		return false
	}
	defer func() {
		if p := recover(); p != nil {
			w.panicked, w.panicValue, ready = true, p, true
		}
	}()
	w.met = w.c.EvaluateCondition(w.condition)
	return w.met || w.ctx.Err() != nil || (w.timer != nil && w.timer.IsReady())
}

// rethrow raises in the calling coroutine the panic condition raised in
// Ready, if any.
func (w *awaitWait) rethrow() {
	if w.panicked {
		panic(w.panicValue)
	}
}

// AwaitWithTimeout is Await that gives up after timeout of workflow time. ok
// is false when the timeout came first.
//
// It behaves as Temporal's SDK does by default: it starts a timer at once,
// even when condition already holds, lets the other coroutines run, and
// then returns as soon as condition holds (ok), ctx is canceled or the
// timer fires (not ok). The timer is left running when condition comes
// true, so the history records it firing later. Replaying a history whose
// workflow recorded SDK flag 6 (CancelAwaitTimerOnCondition), it checks
// condition first and cancels the timer instead, as that history's
// worker did. The timer's summary is "AwaitWithTimeout", as Temporal's SDK
// names it.
func AwaitWithTimeout(ctx Context, timeout time.Duration, condition func() bool) (ok bool, err error) {
	s := getState(ctx)
	s.mustRun("workflow.AwaitWithTimeout")
	return s.awaitWithTimer(ctx, AwaitOptions{Timeout: timeout, TimerOptions: TimerOptions{Summary: awaitSummary}}, condition, "AwaitWithTimeout")
}

// awaitSummary is the summary Temporal's SDK gives the timer of every
// AwaitWithTimeout (and so of every ReceiveWithTimeout), which a server
// records in its TimerStarted event, as it records Sleep's.
const awaitSummary = "AwaitWithTimeout"

// awaitWithTimer is AwaitWithOptions; what names the wait in deadlock
// reports.
func (s *runState) awaitWithTimer(ctx Context, options AwaitOptions, condition func() bool, what string) (bool, error) {
	cancelOnCondition := s.tryFlag(flagCancelAwaitTimerOnCondition)
	if cancelOnCondition && condition() {
		return true, nil
	}
	timerCtx := ctx
	var cancelTimer CancelFunc
	if cancelOnCondition {
		timerCtx, cancelTimer = WithCancel(ctx)
	}
	timer := NewTimerWithOptions(timerCtx, options.Timeout, options.TimerOptions)
	for {
		if ctx.Err() != nil {
			// Temporal's SDK passes a format and its argument as the
			// details, unformatted.
			return false, wfsim.NewCanceledError("%s context canceled", what)
		}
		if timer.IsReady() {
			return false, nil
		}
		// Wait for the next pass over the coroutines at least, as
		// Temporal's SDK yields before it looks at condition.
		w := &awaitWait{c: s.d.Current(), ctx: ctx, condition: condition, timer: timer, skip: true}
		blockOn(ctx, what, w)
		w.rethrow()
		if w.met {
			break
		}
	}
	if cancelTimer != nil {
		cancelTimer()
	}
	return true, nil
}
