package workflow

import (
	"log/slog"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/coro"
	"github.com/wfsim/wfsim/internal/run"
)

func init() { run.NewDetachedContext = newDetachedContext }

// detached holds what a detached context needs in one allocation: a run's
// state and info with no coroutine, no dispatcher running and no commands.
type detached struct {
	state  runState
	root   rootContext
	cancel cancelContext
	disp   coro.Dispatcher // never runs a coroutine
	info   Info
}

// newDetachedContext implements run.NewDetachedContext. Its dispatcher
// never runs a coroutine, so every API that blocks or issues a command
// fails in mustRun. A context propagator whose extraction fails is
// skipped: the run started from start reports that failure itself.
func newDetachedContext(start run.Start) any {
	d := new(detached)
	s := &d.state
	dc := start.DataConverter
	if dc == nil {
		dc = converter.GetDefaultDataConverter()
	}
	s.start, s.dc, s.book, s.now = newRunStart(&start), dc, newCommandBook(), start.StartTime
	s.d = &d.disp
	if _, ok := dc.(ContextAware); ok {
		s.ctxDC = true
	}
	s.setFailureConverter(start.FailureConverter)
	s.extras = newRunExtras(&start)
	fillInfo(&d.info, start)
	s.info = &d.info
	s.logHandler = slog.Handler(discardHandler{})
	if start.Logger != nil {
		s.logHandler = start.Logger.Handler()
	}
	d.root.state = s
	d.cancel = cancelContext{Context: &d.root, state: s}
	s.root = &d.cancel
	var ctx Context = s.root
	if p := newPropagation(&start); p != nil {
		r := headerFields(p.header)
		for _, prop := range p.props {
			if c, err := prop.ExtractToWorkflow(ctx, r); err == nil && c != nil {
				ctx = c
			}
		}
	}
	return ctx
}
