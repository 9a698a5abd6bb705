package testsuite

import (
	"slices"

	"github.com/wfsim/wfsim/internal/run"
)

// streamEvents returns the run as the source of its task's events: the
// history events the instance has not seen, each translated when the
// instance asks for it (NextEvent) into the one run.Event of the run's
// buffer. A task of a hundred activity completions then needs room for one
// event rather than for the whole batch (232 bytes each).
func (r *workflowRun) streamEvents() run.EventSource {
	if cap(r.taskEvents) == 0 {
		r.taskEvents = make([]run.Event, 0, 1)
	}
	return r
}

// NextEvent returns the next history event the instance has not seen,
// translated into the run's buffer, or nil when there is none
// (run.EventSource). The instance applies each before asking for the next,
// and nothing records events meanwhile, so the task's events are the ones
// newTaskEvents would return (without updates, which it adds).
//
// It passes over the events that move nothing in the instance (half of
// those of an activity: run.IgnoredByInstance) but the task's last: such an
// event only sets the run's time, which the next event sets again before
// anything can read it, and the last sets it for the task's code.
func (r *workflowRun) NextEvent() *run.Event {
	events := r.history.Events
	for r.delivered < len(events)-1 && run.IgnoredByInstance(events[r.delivered]) {
		r.delivered++
	}
	if r.delivered == len(events) {
		return nil
	}
	ev := &r.taskEvents[:1][0]
	run.FromHistory(ev, events[r.delivered])
	r.delivered++
	return ev
}

// newTaskEvents translates the history events the instance has not seen
// into the events of a workflow task, plus the task's update requests.
//
// They go in a buffer the run reuses: ProcessTask reads them and keeps
// none. run.FromHistory overwrites each event whole, so the buffer is
// neither zeroed before nor cleared after (with the GC running, each would
// cost a write barrier per pointer); what the events point to, the history
// holds anyway.
func (r *workflowRun) newTaskEvents() []run.Event {
	fresh := r.history.Events[r.delivered:]
	events := r.taskEvents[:0]
	if cap(events) < len(fresh) {
		// Room for a usual task at first (a run's later tasks mostly
		// bring up to six events: the last task's completion, one
		// command's events, and this task's scheduling and start), so
		// that a short run allocates the buffer once; the whole size
		// class the allocation gets (slices.Grow rounds up to it).
		events = slices.Grow(events[:0], max(len(fresh), 2*cap(events), firstTaskEvents))
	}
	events = events[:len(fresh)]
	for i, ev := range fresh {
		run.FromHistory(&events[i], ev)
	}
	r.delivered = len(r.history.Events)
	return r.withUpdates(events)
}

// firstTaskEvents is the room a run's task-event buffer starts with.
const firstTaskEvents = 6
