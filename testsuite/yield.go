package testsuite

import "runtime"

// yieldEvents is how many events the simulation records between two
// yields to the Go scheduler (yield).
const yieldEvents = 256

// yield lets the Go scheduler run other goroutines when the process has
// one P, at a run's first turn of the loop and then once every
// yieldEvents events.
//
// The simulation never blocks: its coroutine switches bypass the
// scheduler, so the goroutine driving it keeps its P for as long as the
// run lasts. With one P (GOMAXPROCS=1, go test -cpu 1), the GC's
// background mark worker then waits for the runtime's 10 ms preemption,
// and a mark phase that needs a fraction of a millisecond of work lasts
// milliseconds, done by allocation assists, with write barriers on and
// new objects allocated black all along: the simulation pays for that in
// every pointer it stores. Yielding now and then lets the worker finish
// the phase (0.5 ms instead of 2-4 ms in Sequential100). With more Ps the
// worker runs on an idle one, and a yield would only wake that P's
// thread, which may take the goroutine over and run it with cold caches.
// Either way the run records the same: the runtime may preempt the
// goroutine at any point anyway.
//
// The mark is the event count's second byte: it moves every 256 events.
func (e *environment) yield() {
	mark := uint8(e.taskSeq / yieldEvents)
	if mark == e.yieldMark {
		return
	}
	e.yieldMark = mark
	if runtime.GOMAXPROCS(0) == 1 {
		runtime.Gosched()
	}
}
