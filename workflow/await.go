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
func AwaitWithTimeout(ctx Context, timeout time.Duration, condition func() bool) (ok bool, err error) {
	getState(ctx).mustRun("workflow.AwaitWithTimeout")
	if condition() {
		return true, nil
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	tctx, cancel := WithCancel(ctx)
	defer cancel()
	timer := NewTimer(tctx, timeout)
	block(ctx, "AwaitWithTimeout", func() bool { return ctx.Err() != nil || timer.IsReady() || condition() })
	if condition() {
		return true, nil
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	return false, nil
}
