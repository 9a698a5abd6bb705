package coro

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
)

// Locate records where each blocked coroutine waits, so that Blocked can
// name the file and line. It switches into each one, which records its
// callers and suspends again at once; nothing else runs, so the run is not
// changed. It is safe from any goroutine, also while a coroutine runs (a
// watchdog's): that one, and any the dispatcher is switching into, is
// skipped. Coroutines that run in a synctest bubble may only be located
// from a goroutine of that bubble (see Seen).
func (d *Dispatcher) Locate() {
	d.mu.Lock()
	var todo []*Coroutine
	for _, c := range d.all {
		if c.suspended() && !c.located() {
			todo = append(todo, c)
		}
	}
	d.mu.Unlock()
	for _, c := range todo {
		if !c.switching.TryLock() {
			continue
		}
		// Holding switching, nobody else can resume c: if it is still
		// suspended in Block, it stays so until we are done.
		d.mu.Lock()
		ok := c.suspended() && !c.located()
		d.mu.Unlock()
		if ok {
			c.locate = true
			c.next()
			c.locate = false
		}
		c.switching.Unlock()
	}
}

// Blocked describes every live coroutine and what it waits for, one per
// line, e.g. `coroutine "root" blocked on Future.Get at /src/order.go:42`.
// It locates the blocked coroutines first (see Locate). It is safe to call
// from any goroutine, also while a coroutine runs: that one is reported as
// running.
func (d *Dispatcher) Blocked() []string {
	d.Locate()
	return d.Seen()
}

// Seen is Blocked without Locate: a coroutine not located since it last
// blocked is described without its place. It switches into no coroutine,
// so a goroutine outside the synctest bubble the coroutines run in may
// call it: a switch from there into one of them is miscounted by the Go
// runtime, which then takes the bubble for idle while a goroutine of it
// still runs (and moves its clock on), or ends the program.
func (d *Dispatcher) Seen() []string {
	type report struct {
		c             *Coroutine
		name, waiting string
		started       bool
		pcs           []uintptr
	}
	running, evaluating := d.current.Load(), d.evaluating.Load()
	d.mu.Lock()
	reports := make([]report, 0, len(d.eager)+len(d.all))
	for _, c := range slices.Concat(d.eager, d.all) {
		if c.done {
			continue
		}
		r := report{c: c, name: c.Name(), waiting: c.waiting, started: c.started}
		if c != running && c.where != nil {
			r.pcs = append([]uintptr(nil), c.where.pcs[:c.where.n]...)
		}
		reports = append(reports, r)
	}
	d.mu.Unlock()
	out := make([]string, 0, len(reports))
	for _, r := range reports {
		switch {
		case r.c == running:
			out = append(out, fmt.Sprintf("coroutine %q is running (it has not reached a blocking workflow call)", r.name))
		case r.c == evaluating && running == nil:
			line := fmt.Sprintf("coroutine %q is running its %s condition, on the dispatcher", r.name, r.waiting)
			if len(r.pcs) > 0 {
				line += " (it waits at " + location(r.pcs) + ")"
			}
			if st := d.conditionStack(); st != "" {
				line += ":\n" + st
			}
			out = append(out, line)
		case !r.started:
			out = append(out, fmt.Sprintf("coroutine %q not started", r.name))
		default:
			line := fmt.Sprintf("coroutine %q blocked on %s", r.name, r.waiting)
			if len(r.pcs) > 0 {
				line += " at " + location(r.pcs)
			}
			out = append(out, line)
		}
	}
	return out
}

// location returns the file:line of the first of pcs that is not part of
// wfsim's own packages: where the user's workflow code blocked. If every
// recorded frame is wfsim's, it returns the outermost one.
func location(pcs []uintptr) string {
	frames := runtime.CallersFrames(pcs)
	last := ""
	for {
		f, more := frames.Next()
		last = fmt.Sprintf("%s:%d", f.File, f.Line)
		if !isOwnFrame(f.Function) {
			return last
		}
		if !more {
			return last
		}
	}
}

// isOwnFrame reports whether fn (a function name from runtime.Frame) is in
// wfsim's workflow package or one of its internal packages, whose frames a
// blocked location skips. Test packages (workflow_test) are user code.
func isOwnFrame(fn string) bool {
	const mod = "github.com/wfsim/wfsim/"
	if !strings.HasPrefix(fn, mod) {
		return false
	}
	rest := fn[len(mod):]
	// The package path ends at the first dot after the last slash.
	slash := strings.LastIndexByte(rest, '/')
	dot := strings.IndexByte(rest[slash+1:], '.')
	if dot < 0 {
		return false
	}
	pkg := rest[:slash+1+dot]
	if strings.HasSuffix(pkg, "_test") {
		return false
	}
	return pkg == "workflow" || strings.HasPrefix(pkg, "internal/")
}

// conditionStack returns the stack of the goroutine running d's passes,
// which is running a coroutine's wait condition, from its top down to the
// condition's caller in the dispatcher, indented; "" if it is not found.
// The goroutine is found by its RunUntilAllBlocked frame, whose receiver
// the trace shows. runtime.Stack stops the world: for reports only.
func (d *Dispatcher) conditionStack() string {
	buf := make([]byte, 1<<16)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) || len(buf) >= 1<<24 {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	needle := fmt.Sprintf(".(*Dispatcher).RunUntilAllBlocked(%p", d)
	for _, g := range strings.Split(string(buf), "\n\n") {
		at := strings.Index(g, needle)
		if at < 0 {
			continue
		}
		// Keep the frames above the dispatcher's: the condition's (each
		// frame is a function line and a file line), without the header.
		g = g[:strings.LastIndexByte(g[:at], '\n')+1]
		_, frames, _ := strings.Cut(g, "\n")
		var b strings.Builder
		for _, l := range strings.Split(strings.TrimRight(frames, "\n"), "\n") {
			// Function lines, then their file lines one step further in.
			b.WriteString("      ")
			if strings.HasPrefix(l, "\t") {
				b.WriteString("  ")
			}
			b.WriteString(strings.TrimSpace(l) + "\n")
		}
		return strings.TrimRight(b.String(), "\n")
	}
	return ""
}
