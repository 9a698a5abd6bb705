package testsuite

import (
	"runtime"
	"runtime/metrics"
)

// yieldEvents is how many events the simulation records between two
// looks at whether to yield to the Go scheduler (yield).
const yieldEvents = 256

// runningGoroutines is the runtime metric yield reads.
const runningGoroutines = "/sched/goroutines/running:goroutines"

// yield lets the Go scheduler run other goroutines, once every
// yieldEvents events, when every P is busy.
//
// The simulation never blocks: its coroutine switches bypass the
// scheduler, so the goroutine driving it keeps its P for as long as the
// run lasts. When every P is taken (GOMAXPROCS=1, or parallel tests on
// every core), the GC's background mark worker then waits for the
// runtime's 10 ms preemption, and a mark phase that needs a fraction of
// a millisecond of work lasts milliseconds, done by allocation assists,
// with write barriers on and new objects allocated black all along: the
// simulation pays for that in every pointer it stores. Yielding now and
// then lets the worker finish the phase. With a P idle, the worker runs
// there, and a yield would only wake that P's thread, which may take the
// goroutine over and run it with cold caches: so no yield then. Either
// way the run records the same: the runtime may preempt the goroutine
// at any point anyway.
//
// The mark is the event count's second byte: it moves every 256 events.
func (e *environment) yield() {
	mark := uint8(e.taskSeq / yieldEvents)
	if mark == e.yieldMark {
		return
	}
	e.yieldMark = mark
	s := [1]metrics.Sample{{Name: runningGoroutines}}
	metrics.Read(s[:])
	if s[0].Value.Kind() == metrics.KindUint64 && s[0].Value.Uint64() >= uint64(runtime.GOMAXPROCS(0)) {
		runtime.Gosched()
	}
}
