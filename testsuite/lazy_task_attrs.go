package testsuite

import (
	"math"
	"strconv"
	"strings"

	"github.com/wfsim/wfsim/replay"
)

// lazyTasks holds what is particular to each workflow task whose
// WorkflowTaskStarted and WorkflowTaskCompleted attributes are made only
// when the history leaves the simulation (settle): until then those events
// point to the run's placeholders, which carry what the run's tasks have
// alike (the identity; zero IDs mark them). A timer loop records one task
// per timer, and its two attributes were some 200 of its 770 bytes; an
// entry here is 16 bytes without pointers, which the GC neither scans nor
// guards with write barriers.
//
// What the simulation reads of these events while the run goes on is the
// same in the placeholders: their type, and the started event's history
// size and continue-as-new suggestion, which are zero (a run whose
// workflow sees other values, SetCurrentHistoryLength and the like, records
// its attributes at once), and so does the replayer (the replay check needs
// no settling; nor would a rebuild, settled anyway). Whatever reads more of
// the history first has it settled: handing it out, rebuilds and the log of
// a failed test.
type lazyTasks struct {
	started   *replay.WorkflowTaskStartedEventAttributes
	completed *replay.WorkflowTaskCompletedEventAttributes
	tasks     lazyTable
}

// lazyTask is a workflow task whose events' attributes are placeholders:
// the IDs of its events (completed 0 while it is open, or if it never
// completed lazily) and the number of its started event's request ID.
// 32 bits each are plenty (lazy checks), and make the entry half as large.
type lazyTask struct {
	scheduled, started, completed uint32
	request                       uint32
}

// lazy reports whether the run's next workflow task may record its
// attributes lazily: the run is long enough to gain from it, the test does
// not hold the history yet, the workflow is told nothing a started event
// would carry, and the IDs fit a lazyTask.
func (r *recorder) lazy() bool {
	n := len(r.h.Events)
	return n >= lazyFrom && !r.handedOut && r.env.more == nil && n < math.MaxUint32-2 && r.env.requestNext < math.MaxUint32-1
}

// lazyFrom is the history length from which tasks are recorded lazily: a
// short run's few tasks are recorded at once, in the run's own memory and
// the recorder's slab, where the placeholders and the table would cost it
// more allocations than they save.
const lazyFrom = 32

// startedLater gives ev, the started event of the task scheduled by event
// scheduled, the placeholder attributes, and takes the task's request ID
// (only its number: the string is made by settle).
func (r *recorder) startedLater(ev *replay.Event, scheduled int64) {
	if r.later == nil {
		r.later = new(lazyTasks)
	}
	l := r.later
	id := r.env.workerIdentity()
	if l.started == nil || l.started.Identity != id {
		l.started = &replay.WorkflowTaskStartedEventAttributes{Identity: id}
	}
	ev.Attributes = l.started
	l.tasks.push(lazyTask{scheduled: uint32(scheduled), started: uint32(ev.EventID), request: uint32(r.env.skipRequestID())})
}

// completedLater gives ev, the completed event of the task whose started
// event is started, the placeholder attributes, and reports whether it did:
// only a task started lazily completes so.
func (r *recorder) completedLater(ev *replay.Event, started int64) bool {
	l := r.later
	if l == nil {
		return false
	}
	last := l.tasks.last()
	if last == nil || int64(last.started) != started || !r.lazy() {
		return false
	}
	id := r.env.workerIdentity()
	if l.completed == nil || l.completed.Identity != id {
		l.completed = &replay.WorkflowTaskCompletedEventAttributes{Identity: id}
	}
	ev.Attributes = l.completed
	last.completed = uint32(ev.EventID)
	return true
}

// dropLater forgets the lazy tasks whose events were dropped from the end
// of the history (a speculative task's).
func (r *recorder) dropLater() {
	l := r.later
	if l == nil {
		return
	}
	n := int64(len(r.h.Events))
	for t := l.tasks.last(); t != nil && int64(t.started) > n; t = l.tasks.last() {
		l.tasks.pop()
	}
}

// settle gives the events of the lazy tasks attributes of their own, as
// they would have been recorded.
func (r *recorder) settle() {
	l := r.later
	if l == nil || l.tasks.n == 0 {
		return
	}
	ids := requestIDs(&l.tasks)
	left := l.tasks.n
	for t := range l.tasks.all() {
		// The two attributes of a task are allocated together, from the
		// recorder's slab (whose first may be the run's memory for
		// them), refilled for the tasks left, up to 40 at once as when
		// recorded at once (runTask): 8 KiB, a small object.
		attrs := r.tasks.take(min(left, 40))
		left--
		n := len("request-") + decimalLen(int64(t.request))
		request := ids[:n]
		ids = ids[n:]
		ev := r.h.Events[t.started-1]
		if p, ok := ev.Attributes.(*replay.WorkflowTaskStartedEventAttributes); ok && p.ScheduledEventID == 0 {
			// Field by field, into zeroed memory: a placeholder holds
			// only the identity, and a copy of the whole struct would
			// cost a write barrier per pointer field while the GC runs.
			s := &attrs.started
			s.ScheduledEventID, s.Identity, s.RequestID = int64(t.scheduled), p.Identity, request
			ev.Attributes = s
		}
		if t.completed == 0 {
			continue
		}
		ev = r.h.Events[t.completed-1]
		if p, ok := ev.Attributes.(*replay.WorkflowTaskCompletedEventAttributes); ok && p.ScheduledEventID == 0 {
			c := &attrs.completed
			c.ScheduledEventID, c.StartedEventID, c.Identity = int64(t.scheduled), int64(t.started), p.Identity
			ev.Attributes = c
		}
	}
	l.tasks.reset()
}

// requestIDs returns the request IDs of tasks one after the other in one
// string, as makeRequestIDs builds them.
func requestIDs(tasks *lazyTable) string {
	n := 0
	for t := range tasks.all() {
		n += len("request-") + decimalLen(int64(t.request))
	}
	var b strings.Builder
	b.Grow(n)
	var digits [20]byte
	for t := range tasks.all() {
		b.WriteString("request-")
		b.Write(strconv.AppendInt(digits[:0], int64(t.request), 10))
	}
	return b.String()
}
