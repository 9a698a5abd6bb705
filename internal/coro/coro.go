package coro

import (
	"fmt"
	"iter"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
)

// Coroutine is one cooperative thread of workflow code.
type Coroutine struct {
	d    *Dispatcher
	name string

	next  func() (struct{}, bool)
	stop  func()
	yield func(struct{}) bool

	started bool
	done    bool
	// cond reports whether a blocked coroutine may go on; nil while running.
	cond func() bool
	// waiting says what the coroutine waits for, e.g. "Future.Get".
	waiting string
	// where is the file:line of the workflow code that blocked.
	where string

	panicValue any
	panicStack string
}

// closed is what a blocking call panics with once its dispatcher is closed, to
// unwind the coroutine's stack. It is recovered at the coroutine's top.
type closed struct{}

// Dispatcher owns the coroutines of one workflow run.
type Dispatcher struct {
	all     []*Coroutine
	current atomic.Pointer[Coroutine]
	running bool
	closing bool
	// skip is how many stack frames of wfsim's own code sit between a
	// blocking API and the user's call, so blocked locations name user code.
	skip int
}

// New returns a dispatcher with no coroutines.
func New() *Dispatcher { return &Dispatcher{} }

// Go creates a coroutine that will run f. It first runs on the dispatcher's
// next pass, after the coroutines created before it.
func (d *Dispatcher) Go(name string, f func()) *Coroutine {
	if d.closing {
		panic("coro: Go on a closed dispatcher")
	}
	c := &Coroutine{d: d, name: name}
	c.next, c.stop = iter.Pull(func(yield func(struct{}) bool) {
		c.yield = yield
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(closed); !ok {
					c.panicValue = r
					c.panicStack = string(debug.Stack())
				}
			}
			c.done = true
		}()
		f()
	})
	d.all = append(d.all, c)
	return c
}

// Name returns the coroutine's name ("root" for a workflow's main function).
func (c *Coroutine) Name() string { return c.name }

// Current returns the coroutine that is running now, or nil when none is
// (for example when called from a goroutine that is not a coroutine while
// every coroutine is blocked).
func (d *Dispatcher) Current() *Coroutine { return d.current.Load() }

// Block suspends the running coroutine c until cond reports true. waiting
// names the blocking call for deadlock reports. Block must be called by c
// itself; it panics with a coro: message otherwise.
func (c *Coroutine) Block(waiting string, cond func() bool) {
	if c.d.current.Load() != c {
		panic("coro: blocking call made outside its workflow coroutine (from a native go statement?); use workflow.Go")
	}
	if cond() {
		return
	}
	if c.d.closing {
		panic(closed{})
	}
	c.cond = cond
	c.waiting = waiting
	c.where = callerOutside()
	if !c.yield(struct{}{}) {
		// The dispatcher is closing: unwind.
		c.cond = nil
		panic(closed{})
	}
	c.cond = nil
}

// Yield suspends the running coroutine until the dispatcher's next pass,
// letting the other ready coroutines run first.
func (c *Coroutine) Yield() {
	pass := false
	c.Block("Yield", func() bool { p := pass; pass = true; return p })
}

// callerOutside returns the file:line of the first caller that is not part of
// wfsim's own packages, which is where the user's workflow code blocked.
func callerOutside() string {
	var pcs [32]uintptr
	n := runtime.Callers(3, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	first := ""
	for {
		f, more := frames.Next()
		if first == "" {
			first = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		if !isOwnFrame(f.Function) {
			return fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		if !more {
			return first
		}
	}
}

func isOwnFrame(fn string) bool {
	const mod = "github.com/wfsim/wfsim/"
	if !strings.HasPrefix(fn, mod) {
		return false
	}
	rest := fn[len(mod):]
	return strings.HasPrefix(rest, "workflow.") || strings.HasPrefix(rest, "internal/")
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
		progress := false
		for i := 0; i < len(d.all); i++ {
			c := d.all[i]
			if c.done {
				continue
			}
			if c.started && !c.cond() {
				continue
			}
			c.started = true
			progress = true
			d.current.Store(c)
			c.next()
			d.current.Store(nil)
			if c.panicValue != nil {
				return &PanicError{Coroutine: c.name, Value: c.panicValue, Stack: c.panicStack}
			}
		}
		d.compact()
		if !progress {
			return nil
		}
	}
}

func (d *Dispatcher) compact() {
	live := d.all[:0]
	for _, c := range d.all {
		if !c.done {
			live = append(live, c)
		}
	}
	clear(d.all[len(live):])
	d.all = live
}

// Blocked describes every live coroutine and where it waits, one per line,
// e.g. `coroutine "root" blocked on Future.Get at /src/order.go:42`.
func (d *Dispatcher) Blocked() []string {
	var out []string
	for _, c := range d.all {
		if c.done {
			continue
		}
		if !c.started {
			out = append(out, fmt.Sprintf("coroutine %q not started", c.name))
			continue
		}
		out = append(out, fmt.Sprintf("coroutine %q blocked on %s at %s", c.name, c.waiting, c.where))
	}
	return out
}

// Len returns the number of live coroutines.
func (d *Dispatcher) Len() int {
	n := 0
	for _, c := range d.all {
		if !c.done {
			n++
		}
	}
	return n
}

// Close unwinds every live coroutine (running its deferred functions) and
// releases it. The dispatcher cannot be used afterwards.
func (d *Dispatcher) Close() {
	d.closing = true
	for _, c := range d.all {
		if !c.started {
			c.done = true
		}
		d.current.Store(c)
		c.stop()
		d.current.Store(nil)
	}
	d.all = nil
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
