package testsuite

import (
	"bytes"
	"runtime"
	"strconv"
	"time"
)

// Mock functions outside a bubble
//
// Without a bubble, activity code runs on the simulation's goroutine, to
// completion (bubble.go). A function given to a mock's Return is the
// test's own code, and Temporal's test environment runs it in a goroutine
// of its own while the workflow goes on; tests rely on that: a mock that
// waits (on a sync.WaitGroup, a channel) until another activity has been
// called, a signal sent or a timer fired would block the simulation for
// ever if it ran there. So, outside a bubble, such a function runs aside,
// in a goroutine, and the simulation waits for it:
//
//   - If it returns, its result is applied at once, exactly as if it had
//     run on the simulation's goroutine.
//   - While it runs — computes, sleeps, waits for I/O or a lock — the
//     simulation keeps waiting, as it would for code on its own goroutine.
//   - If it blocks on a channel, a select, a sync.WaitGroup or a sync.Cond,
//     which only the rest of the simulation (another activity, a delayed
//     callback, the workflow) can release, the simulation goes on without
//     it: the attempt stays running, virtual time moves on, and its result
//     is applied when it returns. Before each step the simulation waits
//     again until every such function has returned or is blocked again, so
//     a function another one releases returns at the instant of the
//     release, and results at one instant apply in schedule order.
//
// Blocked is read from the goroutine's state in the runtime's goroutine
// dump: a function that blocks on a channel waiting for a goroutine of its
// own that does real work is taken for blocked. Bound to a *testing.T, the
// environment runs every activity in a synctest bubble instead, where
// blocked is exact.

// aside tracks the mock functions running aside; made when the first one
// runs.
type aside struct {
	// live counts the functions still running; under environment.mu.
	live int
	// timer wakes a simulation waiting for them (poll), reused; expired
	// is set when it fired, under environment.mu.
	timer   *time.Timer
	expired bool
	// dump is the buffer goroutine dumps are read into, reused.
	dump []byte
}

// asidePollFirst is how long the simulation first waits for a function
// running aside before it looks at whether it is blocked; the wait
// doubles up to asidePollMax while the function runs.
const (
	asidePollFirst = time.Millisecond
	asidePollMax   = 16 * time.Millisecond
)

// runAside runs code, a mock's function, in a goroutine, waits until it
// returns or blocks, and applies its result if it returned (see above);
// done receives the result on the simulation goroutine.
func (e *environment) runAside(key int64, code func() outcome, done func(outcome)) {
	if e.side == nil {
		e.side = &aside{}
	}
	e.mu.Lock()
	e.side.live++
	e.mu.Unlock()
	e.spawnActivity(nil, key, code, done, e.side)
	e.settleAside()
	e.drain()
}

// settleAside waits until every function running aside has returned or is
// blocked (see above).
func (e *environment) settleAside() {
	if e.side == nil {
		return
	}
	var simID uint64
	for poll := asidePollFirst; e.waitAside(poll); poll = min(2*poll, asidePollMax) {
		if simID == 0 {
			simID = goroutineID()
		}
		if e.asideBlocked(simID) {
			return
		}
	}
}

// waitAside waits until no function runs aside, or d has passed, and
// reports whether some still run.
func (e *environment) waitAside(d time.Duration) bool {
	s := e.side
	e.mu.Lock()
	defer e.mu.Unlock()
	if s.live == 0 {
		return false
	}
	if s.timer == nil {
		s.timer = time.AfterFunc(d, func() {
			e.mu.Lock()
			s.expired = true
			e.wake.Broadcast()
			e.mu.Unlock()
		})
	} else {
		s.timer.Reset(d)
	}
	s.expired = false
	e.waiting = true
	e.simWaiting.Store(true) // see mayBeSim
	// A timer that fired late, from the last wait, only makes this one
	// look at the goroutines early.
	for s.live > 0 && !s.expired {
		e.wake.Wait()
	}
	e.simWaiting.Store(false)
	e.waiting = false
	s.timer.Stop()
	return s.live > 0
}

// asideBlocked reports whether every function running aside, in the
// goroutines the simulation's goroutine (simID) started, is blocked on a
// channel, a select, a sync.WaitGroup or a sync.Cond.
func (e *environment) asideBlocked(simID uint64) bool {
	s := e.side
	if s.dump == nil {
		s.dump = make([]byte, 64<<10)
	}
	n := runtime.Stack(s.dump, true)
	for n == len(s.dump) {
		s.dump = make([]byte, 2*len(s.dump))
		n = runtime.Stack(s.dump, true)
	}
	creator := []byte("testsuite.(*environment).spawnActivity in goroutine " + strconv.FormatUint(simID, 10) + "\n")
	for g := range bytes.SplitSeq(s.dump[:n], []byte("\n\n")) {
		if !bytes.Contains(g, creator) {
			continue
		}
		// A goroutine not yet in the function (just spawned, its stack
		// only spawnActivity's closure) is about to run it, and one past
		// it is about to post its outcome: neither is blocked.
		if !bytes.Contains(g, []byte("testsuite.runActivityCode(")) || !blockedState(g) {
			return false
		}
	}
	return true
}

// blockedState reports whether a goroutine's dump ("goroutine 7 [chan
// receive, 2 minutes]:\n…") shows it blocked on something only another
// goroutine of the program can release. A lock is not such a thing: it is
// held briefly by code that runs.
func blockedState(g []byte) bool {
	start := bytes.IndexByte(g, '[')
	end := bytes.IndexAny(g, ",]")
	if start < 0 || end < start {
		return false
	}
	switch string(g[start+1 : end]) {
	case "chan receive", "chan send", "chan receive (nil chan)", "chan send (nil chan)",
		"select", "select (no cases)", "sync.WaitGroup.Wait", "sync.Cond.Wait":
		return true
	}
	return false
}
