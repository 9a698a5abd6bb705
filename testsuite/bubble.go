package testsuite

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
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

// post runs f on the simulation goroutine at the current virtual instant.
// Called on that goroutine from the test's code (a delayed callback, a
// listener, a mock), f runs at once, like anything else happening at that
// point of the instant. From activity code run there (without a bubble) it
// runs at once too when the environment has such test code, and is
// otherwise queued and applied when the activity returns. Called from
// another goroutine (activity code in a bubble, a test's goroutine), f is
// queued: calls queued at one instant run, after the clock items due then,
// in the order of key (an activity's schedule order), then of posting —
// never in goroutine order.
func (e *environment) post(key int64, f func()) {
	if e.mayBeSim() && e.simGoroutine.Load() == goroutineID() {
		f()
		return
	}
	e.postFor(nil, key, f)
}

// postFromCaller is post for a call that belongs to no activity of its
// own: queued, it is ordered as the activity whose goroutine makes it is
// (callerKey). The caller's goroutine ID serves both questions.
func (e *environment) postFromCaller(f func()) {
	id := goroutineID()
	if e.mayBeSim() && e.simGoroutine.Load() == id {
		f()
		return
	}
	e.postFor(nil, e.callerKey(id), f)
}

// mayBeSim reports whether a post may come from the simulation's goroutine
// (see post): it runs the test's code that could make one, and is not
// blocked waiting for other goroutines (simWaiting). Otherwise the caller
// is another goroutine, and needs no goroutine ID, which costs
// microseconds, to know it.
func (e *environment) mayBeSim() bool {
	id := e.simGoroutine.Load()
	return id != 0 && id != simLater && !e.simWaiting.Load()
}

// callerKey returns the key of the activity whose goroutine (of ID id) calls
// it, so that what concurrent activities post at one instant is applied in
// their schedule order, not in the order their goroutines happened to run;
// -1 (before every activity) for any other goroutine.
func (e *environment) callerKey(id uint64) int64 {
	if keys := e.goroutineKeys.Load(); keys != nil {
		if k, ok := keys.Load(id); ok {
			return k.(int64)
		}
	}
	return -1
}

// activityKeys returns the map of goroutines running activity code to their
// activities' keys, made on first use. Called on the simulation goroutine,
// before it starts such a goroutine.
func (e *environment) activityKeys() *sync.Map {
	keys := e.goroutineKeys.Load()
	if keys == nil {
		keys = new(sync.Map)
		e.goroutineKeys.Store(keys)
	}
	return keys
}

// goroutineID returns the calling goroutine's ID, read from the first line
// of its stack trace ("goroutine 7 [running]:"). Only posts pay for it.
func goroutineID() uint64 {
	var buf [40]byte
	n := runtime.Stack(buf[:], false)
	var id uint64
	for _, c := range buf[len("goroutine "):n] {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + uint64(c-'0')
	}
	return id
}

// postFor is post for a call that belongs to a run's workflow task (a local
// activity's result), which the task may take early with drainFor.
func (e *environment) postFor(r *workflowRun, key int64, f func()) {
	e.postOutcome(r, key, nil, f)
}

// postOutcome is postFor for the outcome of activity code run in a
// goroutine; side, when not nil, stops counting the goroutine among the
// functions running aside (aside.go) as the outcome is queued, so that the
// simulation never sees one without the other.
func (e *environment) postOutcome(r *workflowRun, key int64, side *aside, f func()) {
	e.mu.Lock()
	if side != nil {
		side.live--
	}
	e.inbox = append(e.inbox, posted{key: key, f: f, run: r})
	e.posted.Store(true)
	if e.waiting {
		e.wake.Broadcast()
	}
	e.mu.Unlock()
}

type posted struct {
	key int64
	f   func()
	run *workflowRun
}

// drain runs what was posted, and reports whether there was anything.
func (e *environment) drain() bool {
	// Most loop iterations find nothing posted: they need not lock.
	if !e.posted.Load() {
		return false
	}
	e.mu.Lock()
	fs := e.inbox
	// Two buffers take turns: what is posted while fs runs goes to the
	// other one.
	e.inbox, e.spare = e.spare[:0], nil
	e.posted.Store(false)
	e.mu.Unlock()
	if len(fs) == 0 {
		return false
	}
	if len(fs) > 1 {
		slices.SortStableFunc(fs, func(a, b posted) int { return cmpKey(a.key, b.key) })
	}
	for i := range fs {
		fs[i].f()
		fs[i].f = nil
	}
	e.mu.Lock()
	if e.spare == nil {
		e.spare = fs[:0]
	}
	e.mu.Unlock()
	return true
}

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

// drainFor runs what was posted for run r, in key order, leaving the rest.
// What the run's local activities sent (a signal, say) arrives while the
// task waits for them, as at a server (midTask).
func (e *environment) drainFor(r *workflowRun) {
	e.drainIf(func(p posted) bool { return p.run == r || (p.run == nil && r.localKey(p.key)) })
}

// drainTaskSends runs what goroutines other than activities' posted while
// a workflow task ran: what its workflow code sent through the environment
// from its coroutine (which is not the simulation goroutine), which
// arrives during the task (midTask), as at a server.
func (e *environment) drainTaskSends() {
	if e.posted.Load() {
		e.drainIf(func(p posted) bool { return p.run == nil && p.key == -1 })
	}
}

// drainIf runs what was posted and take reports true for, in key order,
// leaving the rest. take gets each by value: a pointer to the loop's
// variable would move it to the heap, one allocation per posted item.
func (e *environment) drainIf(take func(p posted) bool) {
	e.mu.Lock()
	var mine []posted
	rest := e.inbox[:0]
	for _, p := range e.inbox {
		if take(p) {
			mine = append(mine, p)
		} else {
			rest = append(rest, p)
		}
	}
	clear(e.inbox[len(rest):])
	e.inbox = rest
	e.posted.Store(len(rest) > 0)
	e.mu.Unlock()
	slices.SortStableFunc(mine, func(a, b posted) int { return cmpKey(a.key, b.key) })
	for _, p := range mine {
		p.f()
	}
}

func cmpKey(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

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
// whether something was posted. It waits on a sync.Cond, which goroutines
// inside and outside a bubble may both signal, and on which a goroutine of
// a bubble is durably blocked.
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
	t, ok := e.t.(*testing.T) // as mayRunInBubble
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
	body := func() { e.body(workflowFn, args) }
	inBubble := false
	e.watch(func() {
		inBubble = !tryBubble(t, func() { e.inBubble(false, body) })
	})
	if inBubble {
		e.inBubble(true, body)
	}
}

// mayRunInBubble reports whether the environment's runs may execute in a
// synctest bubble: it is bound to a *testing.T (see bound).
func (e *environment) mayRunInBubble() bool {
	_, ok := e.t.(*testing.T)
	return ok
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
func (e *environment) noteSimGoroutine() bool {
	switch {
	case len(e.delayed) > 0 || e.listeners.any() || e.mocks.runsCode():
		e.simGoroutine.Store(goroutineID())
	case len(e.mocks.order) > 0:
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
