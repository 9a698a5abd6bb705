package testsuite

import "slices"

// named is a value that carries the key a namedTable files it under.
type named interface {
	comparable
	tableKey() string
}

// namedTable maps names to values that carry them. Most environments hold
// one (one workflow ID, one activity name): it is kept in place, and the
// map (a header and a group, 256 bytes in two allocations) is made only for
// a second name.
type namedTable[V named] struct {
	first V
	more  map[string]V
}

// get returns the value filed under name, or the zero V.
func (t *namedTable[V]) get(name string) V {
	var zero V
	if t.first != zero && t.first.tableKey() == name {
		return t.first
	}
	return t.more[name]
}

// put files v under its name, replacing what was there.
func (t *namedTable[V]) put(v V) {
	var zero V
	if t.first == zero || t.first.tableKey() == v.tableKey() {
		t.first = v
		return
	}
	if t.more == nil {
		t.more = make(map[string]V)
	}
	t.more[v.tableKey()] = v
}

// names returns the names in the table, sorted.
func (t *namedTable[V]) names() []string {
	names := sortedKeys(t.more)
	var zero V
	if t.first != zero {
		names = append(names, t.first.tableKey())
		slices.Sort(names)
	}
	return names
}

// tableKey files a run under its workflow ID, which never changes: the
// environment's table of runs holds the latest run of each ID.
func (r *workflowRun) tableKey() string { return r.id }

// tableKey files an activity function under its name.
func (af *activityFunc) tableKey() string { return af.name }
