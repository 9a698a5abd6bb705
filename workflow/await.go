package workflow

import "time"

// Await blocks the calling coroutine until condition returns true. condition
// is evaluated again each time other coroutines have run, so it must only
// read workflow state. Await returns a *wfsim.CanceledError if ctx is
// canceled first.
func Await(ctx Context, condition func() bool) error {
	getState(ctx).mustRun("workflow.Await")
	if condition() {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	block(ctx, "Await", func() bool { return ctx.Err() != nil || condition() })
	if condition() {
		return nil
	}
	return ctx.Err()
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
// worker did.
func AwaitWithTimeout(ctx Context, timeout time.Duration, condition func() bool) (ok bool, err error) {
	s := getState(ctx)
	s.mustRun("workflow.AwaitWithTimeout")
	return s.awaitWithTimer(ctx, AwaitOptions{Timeout: timeout}, condition, "AwaitWithTimeout")
}

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
		if err := ctx.Err(); err != nil {
			return false, err
		}
		if timer.IsReady() {
			return false, nil
		}
		// Wait for the next pass over the coroutines at least, as
		// Temporal's SDK yields before it looks at condition.
		passed := false
		block(ctx, what, func() bool {
			if !passed {
				passed = true
				return false
			}
			return condition() || ctx.Err() != nil || timer.IsReady()
		})
		if condition() {
			break
		}
	}
	if cancelTimer != nil {
		cancelTimer()
	}
	return true, nil
}
