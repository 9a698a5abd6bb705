package testsuite

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// Virtual time and real activity code
//
// The simulation's clock is a simclock.Clock: virtual time jumps from one
// due item to the next. Real activity code (not mocked) reads time through
// the time package, so to put it in virtual time too, an environment bound
// to a *testing.T runs each ExecuteWorkflow inside a testing/synctest bubble
// (or the test's own bubble, if it already runs in one). Inside a bubble:
//
//   - both clocks start at the run's start time: the bubble's epoch,
//     2000-01-01T00:00:00Z, is DefaultStartTime, and in a test's own bubble
//     a run without SetStartTime starts at the bubble's current time. (With
//     another SetStartTime, activity code's time.Now differs from virtual
//     time by a constant; durations still agree.)
//   - each activity attempt runs in its own goroutine; time.Sleep,
//     time.After, timers, tickers and context deadlines follow virtual time;
//   - the simulation goroutine never moves its clock past the bubble's: it
//     waits (time.Sleep-like, on a bubble timer) for the next clock item,
//     so the bubble advances only when every goroutine in it — activity
//     code, workflow coroutines (suspended coroutines count as durably
//     blocked), the simulation itself — is idle;
//   - whenever it wakes, it waits (synctest.Wait) until every goroutine has
//     finished or is durably blocked, and applies what they posted at that
//     instant in schedule order, never in goroutine order.
//
// Without a bubble (an environment from WorkflowTestSuite, or bound to a
// *testing.B), real activity code runs on the simulation goroutine, to
// completion, in zero virtual time: a time.Sleep in an activity takes real
// time and no virtual time, and a context deadline cannot fire.

// goActivity runs code in a goroutine of the bubble; done receives its
// outcome on the simulation goroutine.
func (e *environment) goActivity(key int64, code func() outcome, done func(outcome)) {
	e.goActivityFor(nil, key, code, done)
}

// goActivityFor is goActivity for a local activity of run r.
func (e *environment) goActivityFor(r *workflowRun, key int64, code func() outcome, done func(outcome)) {
	e.spawnActivity(r, key, code, done, nil)
}

// spawnActivity runs code in a goroutine (of the bubble, or aside: see
// aside.go, which passes its side); done receives its outcome on the
// simulation goroutine.
func (e *environment) spawnActivity(r *workflowRun, key int64, code func() outcome, done func(outcome), side *aside) {
	e.running++
	keys := e.activityKeys()
	go func() {
		// What this goroutine posts without a key of its own (a signal,
		// an update, a cancellation) is ordered as its activity is.
		gid := goroutineID()
		keys.Store(gid, key)
		defer keys.Delete(gid)
		returned := false
		defer func() {
			if !returned {
				// runtime.Goexit in the code (t.FailNow in a test helper)
				// ends this goroutine: the attempt fails, as in Temporal's
				// test environment, instead of never reporting.
				e.postOutcome(r, key, side, func() {
					e.running--
					done(outcome{err: errActivityGoexit})
				})
			}
		}()
		o := runActivityCode(code)
		returned = true
		e.postOutcome(r, key, side, func() {
			e.running--
			done(o)
		})
	}()
}

// errActivityGoexit fails an attempt whose code called runtime.Goexit.
var errActivityGoexit = errors.New("activity called runtime.Goexit")

// runActivityCode calls code. Its frame marks, in a goroutine dump, the
// goroutines that run activity code (asideBlocked).
//
//go:noinline
func runActivityCode(code func() outcome) outcome { return code() }

// settle waits, inside a bubble, until every other goroutine of the bubble
// is durably blocked or done, so that everything activity code does at this
// instant has been posted.
func (e *environment) settle() {
	if e.bubble {
		e.waitOthers()
	} else if e.side != nil && e.running > 0 {
		e.settleAside() // mock functions running aside (aside.go)
	}
}

// waitOthers is synctest.Wait with the simulation marked waiting: what
// other goroutines post meanwhile is queued without a look at their
// goroutine IDs (mayBeSim).
func (e *environment) waitOthers() {
	e.simWaiting.Store(true)
	synctest.Wait()
	e.simWaiting.Store(false)
}

// farFuture bounds a wait inside a bubble that no clock item ends: if
// nothing is posted before, the run is deadlocked.
const farFuture = 100 * 365 * 24 * time.Hour

// advance moves virtual time to the next instant at which something
// happens, firing the clock items due then. It returns false when nothing
// can happen any more.
func (e *environment) advance() bool {
	next, ok := e.clock.Next()
	waitForOthers := e.running > 0 || e.pendingCount > 0
	if !e.bubble {
		if ok {
			e.clock.AdvanceTo(next)
			return true
		}
		// Only another goroutine can still complete a pending activity
		// (CompleteActivity): wait for it, bounded by the test timeout.
		return waitForOthers && e.waitReal()
	}
	if !ok && !waitForOthers {
		return false
	}
	now := e.bubbleNow()
	if ok && !next.After(now) {
		e.clock.AdvanceTo(next)
		return true
	}
	d := farFuture
	if ok {
		d = next.Sub(now)
	}
	e.waitPost(d)
	e.waitOthers()
	now = e.bubbleNow()
	if !ok && now.Sub(e.clock.Now()) >= farFuture && !e.hasPosted() {
		return false
	}
	if ok && now.After(next) {
		now = next
	}
	e.clock.AdvanceTo(now)
	return true
}

// waitPost blocks until something is posted or d has passed (on the
// bubble's clock inside a bubble, on the real clock outside), and reports
// whether something was posted. It waits on a sync.Cond, on which a
// goroutine of a bubble is durably blocked, and which only goroutines of
// the same bubble (or of none, when the simulation runs in none) may
// signal (postFromAnywhere).
func (e *environment) waitPost(d time.Duration) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.inbox) > 0 {
		return true
	}
	timedOut := false
	tm := time.AfterFunc(d, func() {
		e.mu.Lock()
		timedOut = true
		e.wake.Broadcast()
		e.mu.Unlock()
	})
	e.waiting = true
	e.simWaiting.Store(true) // see mayBeSim
	for len(e.inbox) == 0 && !timedOut {
		e.wake.Wait()
	}
	e.simWaiting.Store(false)
	e.waiting = false
	tm.Stop()
	return len(e.inbox) > 0
}

// bubbleNow is the bubble's clock as virtual time.
func (e *environment) bubbleNow() time.Time {
	return time.Now().Add(e.offset).Round(0).In(e.clock.Now().Location())
}

func (e *environment) hasPosted() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.inbox) > 0
}

// waitReal waits, outside a bubble, for another goroutine to post, for at
// most the test timeout of real time.
func (e *environment) waitReal() bool {
	d := e.testTimeout
	if d <= 0 {
		d = farFuture
	}
	return e.waitPost(d)
}

// bound runs the workflow under test (body: create the run and drive it)
// inside a synctest bubble when the environment is bound to a *testing.T,
// inside the test's own bubble when it already runs in one, and directly
// otherwise. The real-time watchdog runs outside any bubble; inside the
// test's own bubble there is no real clock to watch with.
func (e *environment) bound(workflowFn any, args []any) {
	t, ok := e.t.(*testing.T)
	if !ok {
		// Unbound (or bound to a benchmark): no bubble, and no closure
		// that outlives the call. The simulation runs on this goroutine:
		// its ID is read here, where the stack is a few frames shallower
		// than in body (runtime.Stack's cost grows with the depth).
		if e.noteSimGoroutine() {
			defer e.simGoroutine.Store(0)
		}
		e.watch(func() { e.body(workflowFn, args) })
		return
	}
	// The bubble's closures outlive the call for all the compiler knows:
	// they hold a copy of args, so that the test's variadic slice need
	// not escape on the unbound path.
	held := slices.Clone(args)
	body := func() { e.body(workflowFn, held) }
	inBubble := false
	var setUpPanic any
	e.watch(func() {
		inBubble = !tryBubble(t, func() { e.inBubble(false, e.passSetUpPanic(body, &setUpPanic)) })
	})
	if setUpPanic != nil {
		panic(setUpPanic)
	}
	if inBubble {
		e.inBubble(true, body)
	}
}

// passSetUpPanic returns body, made to recover a panic of the run's set-up
// (a workflow function of the wrong shape, a converter that panics) into
// *p, for bound to raise on ExecuteWorkflow's goroutine: raised in a
// bubble of its own, it ended the test binary (testing re-panics what a
// bubble's main goroutine panics with), where an unbound environment's
// panic reaches the caller, which may recover it (assert.Panics). Nothing
// runs in the bubble yet that the bubble's end would have to wait for.
func (e *environment) passSetUpPanic(body func(), p *any) func() {
	return func() {
		defer func() {
			if e.setUpHeld {
				*p = recover()
			}
		}()
		body()
	}
}

// body runs the workflow under test on the simulation's goroutine.
func (e *environment) body(workflowFn any, args []any) {
	if e.simGoroutine.Load() == 0 && e.noteSimGoroutine() {
		defer e.simGoroutine.Store(0)
	}
	e.executeRoot(workflowFn, args)
}

// noteSimGoroutine notes the calling goroutine as the simulation's (see
// post), and reports whether it did, or left it for later. Only the
// test's code that the simulation calls — delayed callbacks, listeners,
// mocks that run code, activity code run on this goroutine — can post from
// it; without any, post never needs to know it (reading a goroutine's ID
// costs microseconds), and nothing is noted. With mocks that only return
// values, it is noted later (noteSimNow), if code that could post runs.
// So it is with delayed callbacks: all they can post is about an activity
// (CompleteActivity, RecordActivityHeartbeat, an attempt's heartbeat; what
// they send the workflow applies at once, see direct), so it is noted when
// the first activity is scheduled (addToken), or when a callback marked as
// a callout runs; a run without activities, the common signal test, never
// reads it. In a bubble it is left for later whatever the test's code:
// there, goroutines run beside a callback (activity code, the test's own,
// in its bubble or outside), and what they send while it runs is told
// from what it sends by the goroutine's ID (direct).
func (e *environment) noteSimGoroutine() bool {
	switch {
	case e.listeners.any() || e.mocks.runsCode():
		e.simGoroutine.Store(goroutineID())
	case e.delayed.n > 0 || e.mocks.count() > 0 || e.bubble:
		e.simGoroutine.Store(simLater)
	default:
		return false
	}
	return true
}

// simLater in environment.simGoroutine stands for the simulation's
// goroutine ID, left unread until the test's code runs there (noteSimNow).
// Until then posts are queued, as in an environment where nothing is
// noted: none can come from that goroutine.
const simLater = ^uint64(0)

// simIDLater reports whether the simulation's goroutine ID is left for
// later.
func (e *environment) simIDLater() bool { return e.simGoroutine.Load() == simLater }

// noteSimNow notes the simulation's goroutine ID if it was left for later,
// before the test's code that may post runs on that goroutine (activity
// code without a bubble, a mock that runs code, a callback). Called on
// the simulation's goroutine.
func (e *environment) noteSimNow() {
	if e.simIDLater() {
		e.simGoroutine.Store(goroutineID())
	}
}

// tryBubble runs f in a new bubble, and reports false if the caller is in a
// bubble already (or bubbles are unavailable), without running f.
func tryBubble(t *testing.T, f func()) (ran bool) {
	defer func() {
		if r := recover(); r != nil {
			if s, ok := r.(string); ok && (strings.Contains(s, "synctest bubble") || strings.Contains(s, "synctest.Run")) {
				ran = false
				return
			}
			panic(r)
		}
	}()
	synctest.Test(t, func(*testing.T) { f() })
	return true
}

// inBubble runs body with the simulation in the current bubble: a new one,
// or the test's own (testsBubble), then releases what is left of the runs.
func (e *environment) inBubble(testsBubble bool, body func()) {
	e.bubble = true
	e.bubbleID = uint32(goroutineBubble())
	if testsBubble && !e.startSet {
		e.startTime = time.Now().UTC()
	}
	e.offset = time.Until(e.startTime)
	body()
	// Whatever is still open (the root has closed, or failed to start)
	// must let go of its goroutines: coroutines are unwound and running
	// attempts see their context canceled.
	// In start order, so what the abandoned code sees happens in the same
	// order on every run.
	for _, r := range e.comp.runs {
		if !r.closed {
			r.abandonActivities()
			if r.inst != nil {
				r.inst.Close()
			}
		}
	}
	// The carrier's goroutine is the bubble's too (carrier.go).
	e.carrier.Stop()
	if testsBubble {
		return
	}
	// A bubble of our own ends only when its goroutines have: activity
	// code still running (it ignored its canceled context) runs on, in
	// virtual time, and its result is dropped.
	for e.running > 0 {
		if !e.waitPost(farFuture) {
			e.report(fmt.Errorf("testsuite: %d activity goroutines never returned after the run ended; they block on something other than time or their context", e.running))
			return
		}
		e.drain()
	}
}
