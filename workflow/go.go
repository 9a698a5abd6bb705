package workflow

import "github.com/wfsim/wfsim/internal/coro"

// Go starts f in a new workflow coroutine: the deterministic replacement for
// the go statement, which workflow code must not use. The coroutine first runs
// when the calling one blocks, after the coroutines started before it.
func Go(ctx Context, f func(ctx Context)) {
	GoNamed(ctx, "", f)
}

// GoNamed is Go with a name that appears in deadlock reports and stack
// traces.
func GoNamed(ctx Context, name string, f func(ctx Context)) {
	s := getState(ctx)
	if name == "" {
		name = "coroutine-" + itoa(s.d.Len()+1)
	}
	var c *coro.Coroutine
	c = s.d.Go(name, func() { f(WithValue(ctx, coroutineKey, c)) })
}
