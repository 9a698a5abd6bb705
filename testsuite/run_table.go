package testsuite

import "slices"

// runTable maps workflow IDs to their latest runs. Most environments
// simulate one workflow ID: its run is held here, and the map (a header
// and a group, 256 bytes in two allocations) is made only for a second ID.
// A run's ID (workflowRun.id) never changes, so the first run is its own key.
type runTable struct {
	first *workflowRun
	more  map[string]*workflowRun
}

// get returns the latest run of the workflow id, or nil.
func (t *runTable) get(id string) *workflowRun {
	if t.first != nil && t.first.id == id {
		return t.first
	}
	return t.more[id]
}

// put makes r the latest run of its workflow ID.
func (t *runTable) put(r *workflowRun) {
	if t.first == nil || t.first.id == r.id {
		t.first = r
		return
	}
	if t.more == nil {
		t.more = make(map[string]*workflowRun)
	}
	t.more[r.id] = r
}

// ids returns the workflow IDs in the table, sorted.
func (t *runTable) ids() []string {
	ids := sortedKeys(t.more)
	if t.first != nil {
		ids = append(ids, t.first.id)
		slices.Sort(ids)
	}
	return ids
}
