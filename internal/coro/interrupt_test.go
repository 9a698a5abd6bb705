package coro_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/internal/coro"
)

var errStop = errors.New("stop")

// interruptFrom interrupts d from another goroutine, as a watchdog does,
// and returns the coroutine it interrupted.
func interruptFrom(d *coro.Dispatcher) *coro.Coroutine {
	done := make(chan *coro.Coroutine)
	go func() { done <- d.Interrupt(func(*coro.Coroutine) any { return errStop }) }()
	return <-done
}

func TestInterruptStopsTheRunningCoroutineAtItsNextCheck(t *testing.T) {
	t.Parallel()
	d := coro.New()
	defer d.Close()
	var got *coro.Coroutine
	checks, otherChecked, deferred := 0, false, false
	d.Go("other", func() {
		d.Current().Yield()
		d.Check() // runs after the busy one stopped: not interrupted
		otherChecked = true
		d.Current().Block("wait", func() bool { return false })
	})
	d.Go("busy", func() {
		defer func() { deferred = true }()
		for {
			d.Check()
			checks++
			if checks == 3 {
				got = interruptFrom(d)
			}
		}
	})
	err := d.RunUntilAllBlocked()
	var pe *coro.PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "busy", pe.Coroutine)
	assert.Same(t, errStop, pe.Value)
	assert.Equal(t, 3, checks, "stopped at the check after the interrupt")
	assert.True(t, deferred, "the stopped coroutine unwound")
	require.NotNil(t, got)
	assert.Equal(t, "busy", got.Name())

	require.NoError(t, d.RunUntilAllBlocked())
	assert.True(t, otherChecked)
	assert.Equal(t, 1, d.Len())
}

func TestInterruptWithNothingRunningArrangesNothing(t *testing.T) {
	t.Parallel()
	d := coro.New()
	defer d.Close()
	passed := false
	d.Go("waiter", func() {
		d.Current().Yield()
		d.Check()
		passed = true
	})
	require.NoError(t, d.RunUntilAllBlocked())
	// Between runs no coroutine runs: nothing to interrupt.
	assert.Nil(t, interruptFrom(d))
	require.NoError(t, d.RunUntilAllBlocked())
	assert.True(t, passed)
	assert.Equal(t, 0, d.Len())
}

func TestCloseUnwindsAnInterruptedCoroutineThroughItsChecks(t *testing.T) {
	t.Parallel()
	d := coro.New()
	deferredChecked := false
	d.Go("interrupted", func() {
		defer func() {
			d.Check() // unwinding by Close: passes
			deferredChecked = true
		}()
		require.NotNil(t, interruptFrom(d))
		// Blocks without a check, so the interrupt is still pending.
		d.Current().Block("wait", func() bool { return false })
	})
	require.NoError(t, d.RunUntilAllBlocked())
	d.Close()
	assert.True(t, deferredChecked)
}

func TestALaterInterruptTargetsTheCoroutineRunningThen(t *testing.T) {
	t.Parallel()
	d := coro.New()
	defer d.Close()
	var first, second *coro.Coroutine
	d.Go("stuck", func() {
		// Interrupted while stuck in native code; ends without a check.
		first = interruptFrom(d)
	})
	d.Go("busy", func() {
		second = interruptFrom(d)
		for {
			d.Check()
		}
	})
	var pe *coro.PanicError
	require.ErrorAs(t, d.RunUntilAllBlocked(), &pe)
	assert.Equal(t, "busy", pe.Coroutine)
	require.NotNil(t, first)
	require.NotNil(t, second)
	assert.Equal(t, "stuck", first.Name())
	assert.Equal(t, "busy", second.Name())
}
