package workflow

import "github.com/wfsim/wfsim/internal/run"

// applyUpsertEvent is not implemented yet: such events are ignored.
func (s *runState) applyUpsertEvent(ev *run.Event) {}
