package testsuite

import (
	"cmp"
	"slices"
)

// activityTable holds a run's open activities. A run mostly has one open at
// a time (a workflow that awaits each activity it starts): that one is held
// here, and the map (a header and a group, 192 bytes in two allocations) is
// made only when a second is open at once.
type activityTable struct {
	first *activityTask
	more  map[int64]*activityTask
}

// put adds t, whose scheduledID is set.
func (at *activityTable) put(t *activityTask) {
	if at.first == nil {
		at.first = t
		return
	}
	if at.more == nil {
		at.more = make(map[int64]*activityTask)
	}
	at.more[t.scheduledID] = t
}

// remove drops t, if the table holds it.
func (at *activityTable) remove(t *activityTask) {
	if at.first == t {
		at.first = nil
		return
	}
	delete(at.more, t.scheduledID)
}

// sorted returns the open activities in schedule order.
func (at *activityTable) sorted() []*activityTask {
	n := len(at.more)
	if at.first != nil {
		n++
	}
	ts := make([]*activityTask, 0, n)
	if at.first != nil {
		ts = append(ts, at.first)
	}
	for _, t := range at.more {
		ts = append(ts, t)
	}
	slices.SortFunc(ts, func(a, b *activityTask) int { return cmp.Compare(a.scheduledID, b.scheduledID) })
	return ts
}
