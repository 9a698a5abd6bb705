package testsuite

import (
	"cmp"
	"slices"
)

// keyed is a value that carries the key a keyedTable files it under.
type keyed[K cmp.Ordered] interface {
	comparable
	tableKey() K
}

// keyedTable maps keys to values that carry them. Most environments hold
// one at a time (one workflow ID, one activity name, one open activity per
// run): it is kept in place, and the map (a header and a group, two
// allocations) is made only for a second key.
type keyedTable[K cmp.Ordered, V keyed[K]] struct {
	first V
	more  map[K]V
}

// get returns the value filed under k, or the zero V.
func (t *keyedTable[K, V]) get(k K) V {
	var zero V
	if t.first != zero && t.first.tableKey() == k {
		return t.first
	}
	return t.more[k]
}

// put files v under its key, replacing what was there.
func (t *keyedTable[K, V]) put(v V) {
	var zero V
	if t.first == zero || t.first.tableKey() == v.tableKey() {
		t.first = v
		return
	}
	if t.more == nil {
		t.more = make(map[K]V)
	}
	t.more[v.tableKey()] = v
}

// remove drops v, if the table holds it.
func (t *keyedTable[K, V]) remove(v V) {
	if t.first == v {
		var zero V
		t.first = zero
		return
	}
	if t.more[v.tableKey()] == v {
		delete(t.more, v.tableKey())
	}
}

// len returns how many values the table holds.
func (t *keyedTable[K, V]) len() int {
	var zero V
	if t.first != zero {
		return len(t.more) + 1
	}
	return len(t.more)
}

// keys returns the keys in the table, sorted.
func (t *keyedTable[K, V]) keys() []K {
	var zero V
	keys := make([]K, 0, t.len())
	if t.first != zero {
		keys = append(keys, t.first.tableKey())
	}
	for k := range t.more {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// sorted returns the values in the table in the order of their keys.
func (t *keyedTable[K, V]) sorted() []V {
	var zero V
	vs := make([]V, 0, t.len())
	if t.first != zero {
		vs = append(vs, t.first)
	}
	for _, v := range t.more {
		vs = append(vs, v)
	}
	slices.SortFunc(vs, func(a, b V) int { return cmp.Compare(a.tableKey(), b.tableKey()) })
	return vs
}

// tableKey files a run under its workflow ID, which never changes: the
// environment's table of runs holds the latest run of each ID.
func (r *workflowRun) tableKey() string { return r.id }

// tableKey files an activity function under its name.
func (af *activityFunc) tableKey() string { return af.name }

// tableKey files an open activity under the ID of the event that scheduled
// it, which orders a run's activities as they were scheduled.
func (t *activityTask) tableKey() int64 { return t.scheduledID() }
