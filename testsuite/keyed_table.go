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
// run): it is kept in place, and nothing is allocated for it. Values put in
// increasing key order after that (a run's activities: scheduled event IDs
// only grow) are appended to a sorted slice, found by binary search, which
// spares a map's hashing and growth; any other value goes to a map.
type keyedTable[K cmp.Ordered, V keyed[K]] struct {
	first V
	more  *keyedMore[K, V] // behind a pointer: the table stays two words in the structs that hold one
}

// keyedMore holds a keyedTable's values beyond the first.
type keyedMore[K cmp.Ordered, V keyed[K]] struct {
	asc []V // increasing keys, no zero values
	m   map[K]V
	buf [keyedBuf]V // asc's first memory, in the same allocation
}

// keyedBuf is how many values a keyedMore holds in place.
const keyedBuf = 8

// search returns where k is, or would be, in m.asc.
func (m *keyedMore[K, V]) search(k K) (int, bool) {
	return slices.BinarySearchFunc(m.asc, k, func(v V, k K) int { return cmp.Compare(v.tableKey(), k) })
}

// get returns the value filed under k, or the zero V.
func (t *keyedTable[K, V]) get(k K) V {
	var zero V
	if t.first != zero && t.first.tableKey() == k {
		return t.first
	}
	m := t.more
	if m == nil {
		return zero
	}
	if i, ok := m.search(k); ok {
		return m.asc[i]
	}
	return m.m[k]
}

// put files v under its key, replacing what was there.
func (t *keyedTable[K, V]) put(v V) {
	var zero V
	k := v.tableKey()
	m := t.more
	if t.first == zero && (m == nil || len(m.asc) == 0 && len(m.m) == 0) ||
		t.first != zero && t.first.tableKey() == k {
		t.first = v
		return
	}
	if m == nil {
		m = new(keyedMore[K, V])
		m.asc = m.buf[:0]
		t.more = m
	}
	if m.m != nil {
		if _, ok := m.m[k]; ok {
			m.m[k] = v
			return
		}
	}
	if n := len(m.asc); n == 0 || m.asc[n-1].tableKey() < k {
		m.asc = append(m.asc, v)
		return
	}
	if i, ok := m.search(k); ok {
		m.asc[i] = v
		return
	}
	if m.m == nil {
		m.m = make(map[K]V)
	}
	m.m[k] = v
}

// reserve makes room at once for n more values put in increasing key
// order (a task's activities), rather than growing the sorted slice step
// by step on the way up: for a hundred activities scheduled in one task,
// one allocation instead of four, and half the bytes.
func (t *keyedTable[K, V]) reserve(n int) {
	var zero V
	m := t.more
	if t.first == zero && (m == nil || len(m.asc) == 0 && len(m.m) == 0) {
		n-- // the first one goes in place
	}
	if m == nil {
		if n <= keyedBuf {
			return // put makes m when it needs it, and buf has room
		}
		m = new(keyedMore[K, V])
		m.asc = m.buf[:0]
		t.more = m
	}
	m.asc = slices.Grow(m.asc, n)
}

// remove drops v, if the table holds it.
func (t *keyedTable[K, V]) remove(v V) {
	var zero V
	if t.first == v {
		t.first = zero
		return
	}
	m := t.more
	if m == nil {
		return
	}
	k := v.tableKey()
	if i, ok := m.search(k); ok && m.asc[i] == v {
		switch {
		case len(m.asc) == 1:
			m.asc[0] = zero
			m.asc = m.asc[:0] // the emptied slice's memory serves again
		case i == 0:
			// The oldest goes first most often: no copying.
			m.asc[0] = zero
			m.asc = m.asc[1:]
		default:
			m.asc = slices.Delete(m.asc, i, i+1)
		}
		return
	}
	if m.m[k] == v {
		delete(m.m, k)
	}
}

// len returns how many values the table holds.
func (t *keyedTable[K, V]) len() int {
	var zero V
	n := 0
	if t.first != zero {
		n++
	}
	if m := t.more; m != nil {
		n += len(m.asc) + len(m.m)
	}
	return n
}

// keys returns the keys in the table, sorted.
func (t *keyedTable[K, V]) keys() []K {
	var zero V
	keys := make([]K, 0, t.len())
	if t.first != zero {
		keys = append(keys, t.first.tableKey())
	}
	if m := t.more; m != nil {
		for _, v := range m.asc {
			keys = append(keys, v.tableKey())
		}
		for k := range m.m {
			keys = append(keys, k)
		}
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
	if m := t.more; m != nil {
		vs = append(vs, m.asc...)
		for _, v := range m.m {
			vs = append(vs, v)
		}
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
