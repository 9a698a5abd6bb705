package testsuite

import (
	"slices"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/sharedmeta"

	"github.com/wfsim/wfsim/replay"
)

// recorder appends events to a run's history the way a Temporal server
// numbers and stamps them.
type recorder struct {
	h   *replay.History
	env *environment
	// events holds events allocated ahead, handed out in order: a run
	// records several per timer, and one allocation per event would be
	// much of the simulator's garbage.
	events slab[replay.Event]
	// The attributes of the most frequent events come from slabs too.
	// A workflow task's started and completed events take theirs from
	// one taskAttrs, or have them made later (later, nil until then: a
	// short run has none, and its memory stays in its size class); its
	// scheduled event shares the run's (shares).
	tasks             slab[taskAttrs]
	later             *lazyTasks
	timerStarted      slab[replay.TimerStartedEventAttributes]
	timerFired        slab[replay.TimerFiredEventAttributes]
	activityScheduled slab[replay.ActivityTaskScheduledEventAttributes]
	activityStarted   slab[replay.ActivityTaskStartedEventAttributes]
	activityCompleted slab[replay.ActivityTaskCompletedEventAttributes]
	signaled          slab[replay.WorkflowExecutionSignaledEventAttributes]
	summaries         slab[summaryExtras]
	// handedOut says the test holds the history (History, Histories):
	// the events recorded from then on, which it sees through it, get
	// payloads with Metadata maps of their own (shared_metadata.go).
	handedOut bool
	share     shares
}

// taskAttrs are the attributes of a workflow task's WorkflowTaskStarted and
// WorkflowTaskCompleted events, allocated together: a task that is
// scheduled almost always runs and completes.
type taskAttrs struct {
	started   replay.WorkflowTaskStartedEventAttributes
	completed replay.WorkflowTaskCompletedEventAttributes
}

// slab hands out, in order, the zeroed Ts of one allocation: the next is
// items[len(items)], up to its capacity. Taking one lengthens items in
// place, which the compiler does by storing the length alone: no pointer,
// whose store would cost a write barrier while the GC runs, and no index
// field, whose 8 bytes in each of the recorder's slabs are room for 9 more
// of a run's first events (workflowRun.firstEvents).
type slab[T any] struct {
	items []T
}

// take returns the next T, refilling the slab with n new ones when it is
// used up.
func (s *slab[T]) take(n int) *T {
	if len(s.items) == cap(s.items) {
		s.items = newSlab[T](n)
	}
	s.items = s.items[:len(s.items)+1]
	return &s.items[len(s.items)-1]
}

// fromSlab returns zeroed attributes from the slab s, refilled with a chunk
// that grows with the history: a short run allocates one at a time, as
// without slabs, and a long one a few dozen at once.
func fromSlab[T any](r *recorder, s *slab[T]) *T {
	return s.take(min(max(len(r.h.Events)/8, 1), 32))
}

// newSlab returns an empty slab with room for at least n zeroed Ts, as
// many as fit the allocator's size class for n: slices.Grow rounds the
// capacity up to it, so the memory a bare make would leave unused at the
// end is handed out.
func newSlab[T any](n int) []T {
	return slices.Grow([]T(nil), n)
}

// add appends an event of type t with the given attributes (a pointer to one
// of replay's attribute structs) and returns it.
func (r *recorder) add(t replay.EventType, set func(ev *replay.Event)) *replay.Event {
	// Events come in chunks that grow with the history, so that a short
	// run allocates little, and stay small objects (under 32 KiB) for
	// the allocator.
	ev := r.events.take(eventChunk(len(r.h.Events)))
	// The slab is fresh, zeroed memory: set the fields one by one rather
	// than copying a whole Event, whose pointer fields would each cost a
	// write barrier while the GC runs.
	ev.EventID = int64(len(r.h.Events)) + 1
	ev.EventTime = r.env.clock.Now()
	ev.EventType = t
	ev.TaskID = r.env.nextTaskID()
	set(ev)
	if r.handedOut {
		sharedmeta.Unshare(ev)
	}
	r.appendEvent(ev)
	return ev
}

// eventChunk returns how many events the recorder's next chunk holds when
// the run has n: 16 at first (17 with the size class: a short run's, as
// Hello's 11), then half of n, from 16 to 128 — but for the second chunk,
// which comes in two: 8 (a saga's twenty events then take chunks of 17
// and 8, not 17 and 17), then up to 34 events, where the third chunk of a
// longer run started before, so that its chunks stay the size they were.
func eventChunk(n int) int {
	switch {
	case n == 0:
		return 16
	case n < 25:
		return 8
	case n < 34:
		return 34 - n
	}
	return min(n/2, 128)
}

// appendEvent appends ev to the history, growing its array 2.5 times when
// full. append's own growth (a quarter at a time for large slices, with
// jumps where its steps meet the size classes) would copy the event
// pointers many times over in a long run and allocate that much garbage.
// Over runs of every length, growing by a factor g allocates about
// g/ln(g) times the final length: least near e, so 2.5 allocates less
// than doubling, in fewer steps. The first array grown to has 40 events,
// not twice or 2.5 times the run's 25 (firstEvents): a longer run then
// grows through the arrays it did when the run came with 16 (40, 111,
// 287, 767, … with the size classes), to which the benchmarks' lengths
// were measured; the 9 more in the run serve runs of 17 to 25 events.
// Later, slices.Grow takes the requested length as it is (rounded
// up to a size class) when it is more than twice the old capacity, and
// copies the event pointers into the new array with the runtime's growth
// path, whose write barriers (while the GC runs) need only shade the old
// pointers, unlike a copy into a fresh make. The append itself updates
// the history's slice in place (only its length changes).
func (r *recorder) appendEvent(ev *replay.Event) {
	if n := cap(r.h.Events); len(r.h.Events) == n {
		if n < 40 {
			// Out of the run's firstEvents: a new array, as slices.Grow
			// would double 25 (to 52 with the size class).
			r.h.Events = append(make([]*replay.Event, 0, 40), r.h.Events...)
		} else {
			r.h.Events = slices.Grow(r.h.Events, n+n/2) // to 2.5n
		}
	}
	r.h.Events = append(r.h.Events, ev)
}

func (r *recorder) lastID() int64 { return int64(len(r.h.Events)) }

// recordUserMetadata gives ev the user metadata md, if any.
func recordUserMetadata(ev *replay.Event, md *replay.UserMetadata) {
	if md != nil {
		ev.Extras = &replay.EventExtras{UserMetadata: md}
	}
}

// recordSummary gives ev the summary a command carried, if any. The
// event's extras and user metadata come together from a slab, or are those
// of the last event with the same summary payload (shares): every Sleep's
// timer carries the run's one summary, and 80 bytes per timer would be a
// large part of a timer loop's bytes.
func (r *recorder) recordSummary(ev *replay.Event, summary *converter.Payload) {
	if summary == nil {
		return
	}
	if m := r.share.summary; m != nil && m.md.Summary == summary {
		ev.Extras = &m.x
		return
	}
	m := r.newSummary(summary)
	ev.Extras = &m.x
	if !r.handedOut {
		r.share.summary = m
	}
}

// newSummary returns extras holding summary.
func (r *recorder) newSummary(summary *converter.Payload) *summaryExtras {
	// At most 6 at once: 6 of 80 bytes fill the allocator's 480-byte
	// size class exactly (objects up to 512 bytes carry no malloc
	// header), so a chunk wastes nothing and a run's last one little.
	m := r.summaries.take(min(max(len(r.h.Events)/8, 1), 6))
	m.md.Summary = summary
	m.x.UserMetadata = &m.md
	return m
}

// summaryExtras are an event's extras holding only its user metadata.
type summaryExtras struct {
	x  replay.EventExtras
	md replay.UserMetadata
}
