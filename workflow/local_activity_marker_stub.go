package workflow

import "github.com/wfsim/wfsim/internal/run"

// applyLocalActivityMarker resolves a local activity from its marker. Local
// activities are not built yet: this stub goes away when
// local_activity.go defines the real one.
func (s *runState) applyLocalActivityMarker(ev *run.Event) {}
