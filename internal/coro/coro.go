package coro

import (
	"fmt"
	"iter"
	"math"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wfsim/wfsim/internal/stack"
)

// maxFrames is how many frames above Block a coroutine records when it is
// located: enough to get past wfsim's own frames (Block, block, Future.Get,
// Sleep, …) to the user's call.
const maxFrames = 16

// Coroutine is one cooperative thread of workflow code. It is kept small
// (what only deadlock reports and panics need is allocated apart, when
// they happen): a run may start thousands.
type Coroutine struct {
	d *Dispatcher
	// name is "" for an unnamed coroutine, named by seq (see Name).
	name string
	r    Runner

	// The coroutine's goroutine: iter.Pull's, or a Carrier's, whose
	// coroutines have no stop (carrier.go).
	next  func() (struct{}, bool)
	stop  func()
	yield func(struct{}) bool

	// cond reports whether a blocked coroutine may go on; nil while running.
	cond Cond

	// switching is held by whoever switches into the coroutine: the
	// dispatcher running it, or Locate asking it where it waits, possibly
	// from another goroutine. locate, set by the latter, tells the
	// coroutine, resumed in Block, to record its callers and suspend again.
	switching sync.Mutex
	locate    bool

	// The fields below are what Blocked reports; they are written under
	// d.mu so that a watchdog on another goroutine can read them while a
	// coroutine runs.
	started bool
	done    bool
	// seq is the coroutine's number, which names an unnamed one. It
	// shares a word with the flags; a number that does not fit is
	// written into name instead.
	seq uint32
	// waiting says what the coroutine waits for, e.g. "Future.Get".
	waiting string
	// where holds the callers of Block, recorded only when the dispatcher
	// locates its coroutines (see Locate): unwinding the stack on every
	// block would cost more than the switch itself. nil until then.
	where *callers

	// panicked is what the coroutine's function panicked with, if it did.
	panicked *panicked
}

// callers are the frames above Block where a coroutine waits.
type callers struct {
	pcs [maxFrames]uintptr
	n   int
}

// panicked is a panic of a coroutine's function and where it happened.
type panicked struct {
	value any
	stack string
}

// located reports whether c's callers are recorded for its current wait.
// It is called with d.mu held.
func (c *Coroutine) located() bool { return c.where != nil && c.where.n > 0 }

// suspended reports whether c is suspended in Block: started, not done,
// and not the coroutine switched into. (Block is the only place a started
// coroutine suspends, so this needs no flag of its own, which Block would
// have to set and clear under d.mu around every wait.) It is called with
// d.mu held.
func (c *Coroutine) suspended() bool {
	return c.started && !c.done && c.d.current.Load() != c
}

// closed is what a blocking call panics with once its dispatcher is closed, to
// unwind the coroutine's stack. It is recovered at the coroutine's top.
type closed struct{}

// Dispatcher owns the coroutines of one workflow run.
type Dispatcher struct {
	// mu guards all (its length and order) and the reported fields of each
	// coroutine, for Blocked calls from other goroutines.
	mu  sync.Mutex
	all []*Coroutine
	// first holds all while a run has few coroutines: most have one.
	first [4]*Coroutine
	// eager holds coroutines made by GoEager and not yet placed in all.
	eager   []*Coroutine
	current atomic.Pointer[Coroutine]
	// interrupted is set by Interrupt, from a watchdog (interrupt.go);
	// switches counts the switches to a coroutine (and the calls of a
	// coroutine's wait condition), so that the watchdog can tell one that
	// never yielded; seen is the watchdog's own note.
	interrupted atomic.Pointer[interrupt]
	switches    atomic.Uint64
	seen        sighting
	// evaluating is the coroutine whose wait condition, workflow code (an
	// Await's), runs now on the dispatcher (EvaluateCondition), for a
	// watchdog on another goroutine.
	evaluating atomic.Pointer[Coroutine]
	// timing, set by TimeRuns before the dispatcher runs, times each run
	// of a coroutine (run_timing.go).
	timing  *runTiming
	running bool
	closing bool
	// seq counts the coroutines ever created, naming unnamed ones the way
	// Temporal's SDK does (the root is 1, the next one "2", …).
	seq int
}

// New returns a dispatcher with no coroutines. A zero Dispatcher is one
// too, for a run that holds it in its own allocation.
func New() *Dispatcher { return &Dispatcher{} }

// Go creates a coroutine that will run f. It first runs on the dispatcher's
// next pass, after the coroutines created before it. An empty name is
// replaced by the coroutine's sequence number.
func (d *Dispatcher) Go(name string, f func()) *Coroutine {
	return d.GoRun(name, funcRunner(f))
}

// Runner is what a coroutine runs: a type that has its function as a Run
// method costs no closure.
type Runner interface{ Run() }

// funcRunner is a function as a Runner.
type funcRunner func()

func (f funcRunner) Run() { f() }

// GoRun is Go running r.Run.
func (d *Dispatcher) GoRun(name string, r Runner) *Coroutine {
	return d.GoIn(new(Coroutine), name, r)
}

// GoIn is GoRun with the coroutine in memory the caller provides, a zero
// Coroutine that it may hold in the same allocation as r.
func (d *Dispatcher) GoIn(c *Coroutine, name string, r Runner) *Coroutine {
	d.initCoroutine(c, name, r)
	d.add(c)
	return c
}

// add puts c at the end of the coroutines.
func (d *Dispatcher) add(c *Coroutine) {
	d.mu.Lock()
	if d.all == nil {
		d.all = d.first[:0]
	}
	d.all = append(d.all, c)
	d.mu.Unlock()
}

// GoEager creates a coroutine that runs before the others, as Temporal's SDK
// runs update handlers: created during a pass, it runs right after the
// coroutine that created it; created between passes, it goes to the front
// of the next pass.
func (d *Dispatcher) GoEager(name string, f func()) *Coroutine {
	c := new(Coroutine)
	d.initCoroutine(c, name, funcRunner(f))
	d.mu.Lock()
	d.eager = append(d.eager, c)
	d.mu.Unlock()
	return c
}

// initCoroutine sets c up to run r on a goroutine of its own.
func (d *Dispatcher) initCoroutine(c *Coroutine, name string, r Runner) {
	d.initFields(c, name, r)
	c.next, c.stop = iter.Pull(c.body)
}

// initFields sets up c, but for its goroutine.
func (d *Dispatcher) initFields(c *Coroutine, name string, r Runner) {
	if d.closing {
		panic("coro: Go on a closed dispatcher")
	}
	d.seq++
	c.d, c.name, c.r = d, name, r
	if d.seq <= math.MaxUint32 {
		c.seq = uint32(d.seq)
	} else if name == "" {
		c.name = strconv.Itoa(d.seq)
	}
}

// body is the coroutine's function as an iterator for iter.Pull: a method
// value, so that the coroutine and its function need no closure of their
// own. A Carrier's goroutine calls it for each coroutine it carries.
func (c *Coroutine) body(yield func(struct{}) bool) {
	c.yield = yield
	defer c.end()
	c.r.Run()
}

// end marks the coroutine done, keeping what its function panicked with
// (other than the unwinding of a closing dispatcher).
func (c *Coroutine) end() {
	c.r = nil // let it go with what it holds
	if r := recover(); r != nil {
		if _, ok := r.(closed); !ok {
			c.panicked = &panicked{value: r, stack: stack.Trace()}
		}
	}
	c.d.mu.Lock()
	c.done = true
	c.d.mu.Unlock()
}

// Name returns the coroutine's name ("root" for a workflow's main function).
// An unnamed coroutine is named by its sequence number, as Temporal's SDK
// names them (the root is 1, the next one "2", …).
func (c *Coroutine) Name() string {
	if c.name == "" {
		return strconv.FormatUint(uint64(c.seq), 10)
	}
	return c.name
}

// Current returns the coroutine that is running now, or nil when none is
// (for example when called from a goroutine that is not a coroutine while
// every coroutine is blocked). It is safe to call from any goroutine.
func (d *Dispatcher) Current() *Coroutine { return d.current.Load() }

// Cond is what a blocked coroutine waits for: it may go on once Ready
// reports true. A type that already knows (a future) blocks on itself
// without allocating a closure.
type Cond interface{ Ready() bool }

// CondFunc is a function as a Cond.
type CondFunc func() bool

// Ready calls f.
func (f CondFunc) Ready() bool { return f() }

// Block suspends the running coroutine c until cond reports true. waiting
// names the blocking call for deadlock reports. Block must be called by c
// itself; it panics with a coro: message otherwise.
func (c *Coroutine) Block(waiting string, cond func() bool) {
	c.BlockOn(waiting, CondFunc(cond))
}

// BlockOn is Block waiting for a Cond.
func (c *Coroutine) BlockOn(waiting string, cond Cond) {
	if c.d.current.Load() != c {
		panic("coro: blocking call made outside its workflow coroutine (from a native go statement?); use workflow.Go")
	}
	if cond.Ready() {
		return
	}
	if c.d.closing {
		panic(closed{})
	}
	c.cond = cond
	// Only c writes these, so reading them needs no lock; a coroutine
	// that blocks on the same call again (a loop of Future.Get), never
	// located, writes nothing and takes no lock.
	if c.waiting != waiting || c.where != nil {
		c.d.mu.Lock()
		c.waiting = waiting
		if c.where != nil {
			c.where.n = 0
		}
		c.d.mu.Unlock()
	}
	for {
		// Close resumes a coroutine to unwind it: through iter.Pull's
		// stop, whose yield then returns false, or, for a coroutine a
		// Carrier carries, whose goroutine must live on, by switching in
		// with the dispatcher closing. A resumption by Locate, which
		// may come while Close waits to switch in, is not one of them;
		// it reads locate first: Close writes closing unlocked, ordered
		// only before its own switch in, not before Locate's.
		if !c.yield(struct{}{}) || !c.locate && c.d.closing {
			c.cond = nil
			panic(closed{})
		}
		if !c.locate {
			break
		}
		// Resumed by Locate: record where we wait and suspend again,
		// without touching anything else.
		c.d.mu.Lock()
		if c.where == nil {
			c.where = new(callers)
		}
		c.where.n = runtime.Callers(2, c.where.pcs[:])
		c.d.mu.Unlock()
	}
	c.cond = nil
}

// Yield suspends the running coroutine until the dispatcher's next pass,
// letting the other ready coroutines run first.
func (c *Coroutine) Yield() {
	pass := false
	c.Block("Yield", func() bool { p := pass; pass = true; return p })
}

// RunUntilAllBlocked runs coroutines until none can make progress: it passes
// over the live coroutines in creation order, switching into every one that
// has not started yet or whose wait condition holds, and repeats until a pass
// switches into none. Coroutines created during a pass run in that pass.
//
// If a coroutine panics, RunUntilAllBlocked stops at once and returns a
// *PanicError.
func (d *Dispatcher) RunUntilAllBlocked() error {
	if d.running {
		panic("coro: RunUntilAllBlocked called while already running (from a coroutine?)")
	}
	d.running = true
	defer func() { d.running = false }()
	for {
		progress, finished := false, false
		if len(d.eager) > 0 {
			d.mu.Lock()
			d.all = append(d.eager, d.all...)
			d.eager = nil
			d.mu.Unlock()
		}
		for i := 0; i < len(d.all); i++ {
			c := d.all[i]
			if c.done {
				continue
			}
			if c.started && !c.cond.Ready() {
				continue
			}
			if !c.started {
				d.mu.Lock()
				c.started = true
				d.mu.Unlock()
			}
			progress = true
			d.switches.Add(1)
			d.current.Store(c)
			c.switching.Lock()
			if t := d.timing; t != nil {
				start := time.Now()
				c.next() // a coroutine's panic is caught in it (body)
				t.done(c, start)
			} else {
				c.next()
			}
			c.switching.Unlock()
			d.current.Store(nil)
			if p := c.panicked; p != nil {
				return &PanicError{Coroutine: c.Name(), Value: p.value, Stack: p.stack}
			}
			finished = finished || c.done
			if len(d.eager) > 0 {
				d.mu.Lock()
				d.all = slices.Insert(d.all, i+1, d.eager...)
				d.eager = nil
				d.mu.Unlock()
			}
		}
		if finished {
			d.compact()
		}
		if !progress {
			return nil
		}
	}
}

func (d *Dispatcher) compact() {
	d.mu.Lock()
	defer d.mu.Unlock()
	live := d.all[:0]
	for _, c := range d.all {
		if !c.done {
			live = append(live, c)
		}
	}
	clear(d.all[len(live):])
	d.all = live
}

// Len returns the number of live coroutines.
func (d *Dispatcher) Len() int {
	n := len(d.eager)
	for _, c := range d.all {
		if !c.done {
			n++
		}
	}
	return n
}

// Close unwinds every live coroutine (running its deferred functions) and
// releases it, so that no goroutine outlives the run. The dispatcher cannot
// be used afterwards.
func (d *Dispatcher) Close() {
	d.closing = true
	d.mu.Lock()
	all := slices.Concat(d.eager, d.all)
	d.all, d.eager = nil, nil
	d.mu.Unlock()
	for _, c := range all {
		if c.done {
			// Its goroutine has ended, or carries another coroutine
			// (carrier.go).
			continue
		}
		if !c.started {
			c.done = true
		}
		d.current.Store(c)
		c.switching.Lock()
		if c.stop == nil {
			closeCarried(c) // carrier.go
		} else {
			c.stop()
		}
		c.switching.Unlock()
		d.current.Store(nil)
	}
}

// PanicError reports a panic in workflow code.
type PanicError struct {
	Coroutine string
	Value     any
	Stack     string
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("coroutine %q panicked: %v", e.Coroutine, e.Value)
}
