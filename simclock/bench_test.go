package simclock_test

import (
	"testing"
	"time"

	"github.com/wfsim/wfsim/simclock"
)

// BenchmarkAfterFuncAdvance measures the hot path of a simulator: arm a timer,
// then advance, against a queue holding about a thousand pending timers.
func BenchmarkAfterFuncAdvance(b *testing.B) {
	c := simclock.New(start)
	f := func() {}
	const backlog = 1024
	for i := range backlog {
		c.AfterFunc(time.Duration(i)*time.Millisecond, f)
	}
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		// Each timer is due backlog ms out and each advance is 1 ms, so the
		// queue stays at its size; the spread of dues exercises the heap.
		c.AfterFunc(time.Duration(backlog+i%7)*time.Millisecond, f)
		c.Advance(time.Millisecond)
		i++
	}
}

// BenchmarkReset measures re-arming pending timers, the cost of a heartbeat
// timeout pushed back on every heartbeat.
func BenchmarkReset(b *testing.B) {
	c := simclock.New(start)
	f := func() {}
	timers := make([]*simclock.Timer, 1024)
	for i := range timers {
		timers[i] = c.AfterFunc(time.Duration(i)*time.Second, f)
	}
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		timers[i%len(timers)].Reset(time.Duration(len(timers)+i%13) * time.Second)
		i++
	}
}
