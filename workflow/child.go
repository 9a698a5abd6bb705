package workflow

import "github.com/wfsim/wfsim/internal/run"

// applyChildEvent is not implemented yet: such events are ignored.
func (s *runState) applyChildEvent(ev *run.Event) {}
