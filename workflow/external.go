package workflow

import "github.com/wfsim/wfsim/internal/run"

// applyExternalEvent is not implemented yet: such events are ignored.
func (s *runState) applyExternalEvent(ev *run.Event) {}
