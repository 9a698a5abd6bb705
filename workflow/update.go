package workflow

import "github.com/wfsim/wfsim/internal/run"

// applyUpdateEvent is not implemented yet: such events are ignored.
func (s *runState) applyUpdateEvent(ev *run.Event) {}
