package workflow

import (
	"fmt"

	"github.com/wfsim/wfsim/internal/coro"
)

// A Context belongs to the coroutine it was handed to: the root coroutine's
// is the run's root context, Go's function gets one of its own, and so does
// an update handler. As in Temporal's SDK, a coroutine that blocks on a
// Context of another coroutine (typically the parent's ctx used inside
// workflow.Go instead of the one Go passed) is a bug that panics, rather
// than blocking whichever coroutine happens to run.

// wrongContext is the panic of a blocking call made with another
// coroutine's Context; the text is Temporal's.
const wrongContext = "trying to block on coroutine which is already blocked, most likely a wrong Context is used to do blocking" +
	" call (like Future.Get() or Channel.Receive()"

// ownedContext marks the Context handed to a coroutine.
type ownedContext struct {
	Context
	owner *coro.Coroutine
}

func (c *ownedContext) Value(key any) any {
	if key == any(coroKey) {
		return c.owner
	}
	return c.Context.Value(key)
}

func (c *ownedContext) String() string { return fmt.Sprint(c.Context) }

func (c *ownedContext) parent() Context { return c.Context }

// checkOwner panics when running coroutine c is about to block (cond does
// not hold) on a Context that belongs to another coroutine. A call that
// need not block (a ready Future) passes, as in Temporal.
func checkOwner(ctx Context, c *coro.Coroutine, cond coro.Cond) {
	if owner := ownerOf(ctx); owner != nil && owner != c && !cond.Ready() {
		panic(wrongContext)
	}
}

// ownerOf is ctx.Value(coroKey), found along a chain of wfsim's own
// Contexts without the interface calls and key comparisons of Value: every
// blocking call asks.
func ownerOf(ctx Context) *coro.Coroutine {
	for {
		switch c := ctx.(type) {
		case *ownedContext:
			return c.owner
		case *rootContext:
			return c.coro
		case *cancelContext:
			ctx = c.Context
		case derived:
			ctx = c.parent()
		default:
			owner, _ := ctx.Value(coroKey).(*coro.Coroutine)
			return owner
		}
	}
}
