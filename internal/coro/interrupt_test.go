package coro_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/internal/coro"
)

var errStop = errors.New("stop")

// interruptFrom calls d's Interrupt twice from another goroutine, as a
// watchdog does at two ticks while the caller runs on, and returns the
// coroutine it interrupted.
func interruptFrom(d *coro.Dispatcher) *coro.Coroutine {
	done := make(chan *coro.Coroutine)
	go func() {
		stop := func(*coro.Coroutine) any { return errStop }
		if c := d.Interrupt(stop); c != nil {
			done <- nil // a first sighting must not interrupt
			return
		}
		done <- d.Interrupt(stop)
	}()
	return <-done
}

// A coroutine found running at one call of Interrupt and again at the next
// is stopped only if it did not yield in between.
func TestInterruptLeavesACoroutineThatYieldedBetweenSightings(t *testing.T) {
	t.Parallel()
	d := coro.New()
	defer d.Close()
	stop := func(*coro.Coroutine) any { return errStop }
	sightings := make(chan *coro.Coroutine, 2)
	sight := func() {
		done := make(chan struct{})
		go func() { sightings <- d.Interrupt(stop); close(done) }()
		<-done
	}
	checked := false
	d.Go("yielder", func() {
		sight()
		d.Current().Yield()
		sight() // running again, but it yielded since the first sighting
		d.Check()
		checked = true
	})
	require.NoError(t, d.RunUntilAllBlocked())
	require.NoError(t, d.RunUntilAllBlocked())
	assert.Nil(t, <-sightings)
	assert.Nil(t, <-sightings)
	assert.True(t, checked, "not interrupted")
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
		assert.NotNil(t, interruptFrom(d)) // not require: this is a coroutine, not the test goroutine
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
