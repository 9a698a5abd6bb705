package testsuite

import (
	"slices"

	"github.com/wfsim/wfsim/replay"
)

// recorder appends events to a run's history the way a Temporal server
// numbers and stamps them.
type recorder struct {
	h   *replay.History
	env *environment
	// slab holds events allocated ahead, handed out in order: a run
	// allocates several per timer, and one allocation per event would be
	// much of the simulator's garbage.
	slab []replay.Event
	// The attributes of the most frequent events come from slabs too.
	// A workflow task's three events take theirs from one taskAttrs,
	// the scheduled task's (task).
	tasks             []taskAttrs
	task              *taskAttrs
	timerStarted      []replay.TimerStartedEventAttributes
	timerFired        []replay.TimerFiredEventAttributes
	activityScheduled []replay.ActivityTaskScheduledEventAttributes
	activityStarted   []replay.ActivityTaskStartedEventAttributes
	activityCompleted []replay.ActivityTaskCompletedEventAttributes
	signaled          []replay.WorkflowExecutionSignaledEventAttributes
}

// taskAttrs are the attributes of a workflow task's WorkflowTaskScheduled,
// WorkflowTaskStarted and WorkflowTaskCompleted events, allocated together:
// a task that is scheduled almost always runs and completes.
type taskAttrs struct {
	scheduled replay.WorkflowTaskScheduledEventAttributes
	started   replay.WorkflowTaskStartedEventAttributes
	completed replay.WorkflowTaskCompletedEventAttributes
}

// fromSlab returns zeroed attributes from the slab s, refilled with a chunk
// that grows with the history: a short run allocates one at a time, as
// without slabs, and a long one a few dozen at once.
func fromSlab[T any](r *recorder, s *[]T) *T {
	if len(*s) == 0 {
		*s = newSlab[T](min(max(len(r.h.Events)/8, 1), 32))
	}
	a := &(*s)[0]
	*s = (*s)[1:]
	return a
}

// newSlab returns a slab of at least n zeroed Ts, as many as fit the
// allocator's size class for n: slices.Grow rounds the capacity up to it,
// so the memory a bare make would leave unused at the end is handed out.
func newSlab[T any](n int) []T {
	s := slices.Grow([]T(nil), n)
	return s[:cap(s)]
}

// add appends an event of type t with the given attributes (a pointer to one
// of replay's attribute structs) and returns it.
func (r *recorder) add(t replay.EventType, set func(ev *replay.Event)) *replay.Event {
	if len(r.slab) == 0 {
		// Grow with the history, so that a short run allocates little,
		// and stay a small object (under 32 KiB) for the allocator.
		r.slab = newSlab[replay.Event](min(max(len(r.h.Events)/2, 16), 128))
	}
	ev := &r.slab[0]
	r.slab = r.slab[1:]
	// The slab is fresh, zeroed memory: set the fields one by one rather
	// than copying a whole Event, whose pointer fields would each cost a
	// write barrier while the GC runs.
	ev.EventID = int64(len(r.h.Events)) + 1
	ev.EventTime = r.env.clock.Now()
	ev.EventType = t
	ev.TaskID = r.env.nextTaskID()
	set(ev)
	r.appendEvent(ev)
	return ev
}

// appendEvent appends ev to the history, doubling its array when full:
// append's own growth (a quarter at a time for large slices) would copy
// the event pointers about four times over in a long run, and allocate
// that much garbage, against twice with doubling.
func (r *recorder) appendEvent(ev *replay.Event) {
	events := r.h.Events
	if len(events) == cap(events) {
		grown := make([]*replay.Event, len(events), max(2*cap(events), 16))
		copy(grown, events)
		events = grown
	}
	r.h.Events = append(events, ev)
}

func (r *recorder) lastID() int64 { return int64(len(r.h.Events)) }
