package replay

import "github.com/wfsim/wfsim/internal/run"

// illegalState turns the workflow machinery's report of an event it could
// not apply into a *NondeterminismError at that event, keeping Temporal's
// text as its Message.
func (rs *replayRun) illegalState(t *task, ise *run.IllegalStateError) *NondeterminismError {
	e := rs.locate(t, ise)
	nd := &NondeterminismError{EventID: e.EventID, EventType: e.EventType, History: commandOfEvent(e), Message: ise.Message}
	if nd.History != nil {
		// Set the event against the command the walk pairs it with, to
		// show what the code did instead. (The events to compare hold
		// t's already: takeEvents took them before the task ran.)
		m := &matcher{strict: rs.m.strict, protocolMessages: rs.m.protocolMessages}
		m.walk(rs.ran(), rs.h.Events[:rs.taken], func(p pair) bool {
			if p.event == e {
				if p.cmd != nil {
					nd.Code = m.command(p.cmd)
				}
				return false
			}
			if p.event != nil && p.cmd != nil {
				m.compare(p) // for the activities it learns
			}
			return true
		})
	}
	return nd
}

// locate returns the event the workflow machinery was applying when it
// found the misfit, or, when the code found it itself, the task's
// WorkflowTaskStarted (or last) event.
func (rs *replayRun) locate(t *task, ise *run.IllegalStateError) *Event {
	if id := ise.EventID; id >= 1 && id <= int64(len(rs.h.Events)) {
		return rs.h.Events[id-1]
	}
	return t.last
}
