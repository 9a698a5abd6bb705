package workflow

import "github.com/wfsim/wfsim/internal/coro"

// Go starts f in a new workflow coroutine: the deterministic replacement for
// the go statement, which workflow code must not use. The coroutine first runs
// when the calling one blocks, after the coroutines started before it.
func Go(ctx Context, f func(ctx Context)) {
	GoNamed(ctx, "", f)
}

// GoNamed is Go with a name that appears in deadlock reports and stack
// traces. An unnamed coroutine is named by its sequence number in the run,
// as in Temporal's SDK: the root coroutine is "root" (number 1), the first
// one it starts "2".
func GoNamed(ctx Context, name string, f func(ctx Context)) {
	s := getState(ctx)
	s.mustRun("workflow.Go")
	g := &goroutine{f: f}
	g.ctx = ownedContext{Context: ctx, owner: &g.c}
	s.d.GoIn(&g.c, name, g)
}

// goroutine is a coroutine started by Go with its function and context, in
// one allocation.
type goroutine struct {
	c   coro.Coroutine
	f   func(ctx Context)
	ctx ownedContext
}

func (g *goroutine) Run() { g.f(&g.ctx) }
