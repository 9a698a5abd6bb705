package workflow

import (
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

func init() { run.NewDetachedContext = newDetachedContext }

// detached holds what a detached context needs in one allocation: a run's
// state (its info and dispatcher in it) with no coroutine, no dispatcher
// running and no commands.
type detached struct {
	state  runState
	root   rootContext
	cancel cancelContext
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
	s.initFrom(&start, dc)
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
