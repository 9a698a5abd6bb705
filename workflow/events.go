package workflow

import "github.com/wfsim/wfsim/internal/run"

// applyMore routes the events of the features that live in their own files.
func (s *runState) applyMore(ev *run.Event) {
	switch ev.Kind {
	case run.EventChildInitiated, run.EventChildStartFailed, run.EventChildStarted, run.EventChildCompleted,
		run.EventChildFailed, run.EventChildCanceled, run.EventChildTimedOut, run.EventChildTerminated:
		s.applyChildEvent(ev)
	case run.EventSignalExternalInitiated, run.EventSignalExternalFailed, run.EventExternalSignaled,
		run.EventCancelExternalInitiated, run.EventCancelExternalFailed, run.EventExternalCancelRequested:
		s.applyExternalEvent(ev)
	case run.EventUpsertSearchAttributes, run.EventPropertiesModified:
		s.applyUpsertEvent(ev)
	case run.EventUpdateAdmitted, run.EventUpdateAccepted, run.EventUpdateCompleted, run.EventUpdateRejected:
		s.applyUpdateEvent(ev)
	case run.EventUnknown:
		panic(&run.IllegalStateError{Message: "unknown history event"})
	}
}
