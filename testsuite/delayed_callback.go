package testsuite

import "time"

// RegisterDelayedCallback calls callback after delay of virtual time from the
// start of the run. Callbacks due at the same instant as a timer run first
// if they were registered first (they are, when registered before
// ExecuteWorkflow).
func (env *TestWorkflowEnvironment) RegisterDelayedCallback(callback func(), delay time.Duration) {
	e := env.e
	c := e.delayed.add(delayedCallback{e: e, f: callback, d: delay, late: e.clock != nil})
	if e.clock != nil {
		// Registered during the run: armed at once.
		e.clock.AfterFirer(e.callbackDelay(delay), c)
	}
}

// armDelayed arms the callbacks registered before the run, in
// registration order.
func (e *environment) armDelayed() {
	e.clock.Grow(e.delayed.n)
	for _, chunk := range e.delayed.chunks {
		for i := range chunk {
			e.clock.AfterFirer(e.callbackDelay(chunk[i].d), &chunk[i])
		}
	}
}

// delayedCallback is a callback a test registered, and the Firer of its
// timer: a timer that holds the entry itself costs no closure.
type delayedCallback struct {
	e *environment
	f func()
	d time.Duration
	// late says it was registered during the run.
	late bool
}

// Fire runs the callback as the test's code the simulation calls: what it
// sends applies at once (signal.go: callout). Reading the simulation's
// goroutine ID for what it posts (bubble.go: noteSimNow) costs
// microseconds: outside a bubble, one registered before the run leaves it
// to the first activity (addToken), as its posts can only be about one.
func (c *delayedCallback) Fire() {
	e := c.e
	if e.bubble || c.late {
		e.callout(c.f)
		return
	}
	e.countedCallout(c.f)
}

// delayedCallbacks holds the callbacks of an environment in chunks that
// never move, as each armed timer points at its entry; growing them costs
// no copy.
type delayedCallbacks struct {
	chunks [][]delayedCallback
	n      int
}

// Chunk sizes: a test registers a few callbacks, a benchmark hundreds.
const (
	minDelayedChunk = 4
	maxDelayedChunk = 64
)

func (l *delayedCallbacks) add(c delayedCallback) *delayedCallback {
	l.chunks = roomInChunks(l.chunks, minDelayedChunk, maxDelayedChunk)
	last := len(l.chunks) - 1
	l.chunks[last] = append(l.chunks[last], c)
	l.n++
	return &l.chunks[last][len(l.chunks[last])-1]
}
