package testsuite

import (
	"bytes"
	"cmp"
	"runtime"
	"slices"
	"sync"
)

// Posting to the simulation
//
// Everything in a run happens on the simulation goroutine. Code on other
// goroutines (activity code in a bubble or aside, the test's own
// goroutines, workflow coroutines) reaches it by posting a function, which
// the simulation runs at the current virtual instant in a deterministic
// order: by key (an activity's schedule order), then by posting.
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
	e.postFromAnywhere(key, f)
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
	e.postFromAnywhere(e.callerKey(id), f)
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
	id, _ := goroutineHeader()
	return id
}

// goroutineBubble returns the ID of the synctest bubble the calling
// goroutine belongs to, 0 if none.
func goroutineBubble() uint64 {
	_, bubble := goroutineHeader()
	return bubble
}

// goroutineHeader reads the calling goroutine's ID and its synctest
// bubble's (0 outside any) from the first line of its stack trace:
// "goroutine 7 [running, synctest bubble 2]:". Should that line change
// shape, every goroutine seems outside any bubble, and so alike.
func goroutineHeader() (id, bubble uint64) {
	var buf [64]byte
	line := buf[:runtime.Stack(buf[:], false)]
	id, _ = leadingNumber(line[len("goroutine "):])
	if i := bytes.Index(line, []byte(bubbleMarker)); i >= 0 {
		bubble, _ = leadingNumber(line[i+len(bubbleMarker):])
	}
	return id, bubble
}

// bubbleMarker precedes a synctest bubble's ID in a goroutine's stack
// header.
const bubbleMarker = ", synctest bubble "

// leadingNumber returns the decimal number b starts with, and whether b
// starts with a digit.
func leadingNumber(b []byte) (n uint64, ok bool) {
	for _, c := range b {
		if c < '0' || c > '9' {
			break
		}
		n, ok = n*10+uint64(c-'0'), true
	}
	return n, ok
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
	if e.enqueue(r, key, side, f) {
		e.wake.Broadcast()
	}
}

// postFromAnywhere is postFor for a call from any goroutine: one of the
// run's bubble, or one the test started before ExecuteWorkflow, outside
// it. Only the first may wake the simulation waiting in the bubble (the
// Go runtime ends the program when a goroutine outside a bubble wakes
// one blocked inside on a sync.Cond); what the other posts is applied
// when the simulation next wakes, at the next instant virtual time
// reaches. Virtual time does not wait for such a goroutine.
func (e *environment) postFromAnywhere(key int64, f func()) {
	if e.enqueue(nil, key, nil, f) && e.inSimsBubble() {
		e.wake.Broadcast()
	}
}

// inSimsBubble reports whether the calling goroutine may reach into the
// simulation's goroutines (wake it, switch into a workflow coroutine): it
// belongs to the bubble the run executes in, or the run executes in none.
func (e *environment) inSimsBubble() bool {
	return !e.bubble || uint32(goroutineBubble()) == e.bubbleID
}

// enqueue queues f and reports whether the simulation waits for a post
// (waitPost). side, when not nil, stops counting the goroutine among the
// functions running aside (see postOutcome).
func (e *environment) enqueue(r *workflowRun, key int64, side *aside, f func()) (waiting bool) {
	e.mu.Lock()
	if side != nil {
		side.live--
	}
	e.inbox = append(e.inbox, posted{key: key, f: f, run: r})
	e.posted.Store(true)
	waiting = e.waiting
	e.mu.Unlock()
	return waiting
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
		slices.SortStableFunc(fs, func(a, b posted) int { return cmp.Compare(a.key, b.key) })
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
	slices.SortStableFunc(mine, func(a, b posted) int { return cmp.Compare(a.key, b.key) })
	for _, p := range mine {
		p.f()
	}
}
