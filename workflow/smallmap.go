package workflow

import "github.com/wfsim/wfsim/internal/run"

// smallMapSize is how many entries a smallMap holds before it moves them
// to a Go map.
const smallMapSize = 8

// smallMap is a map for the command book, which most runs use for a few
// live commands at a time: up to smallMapSize entries it is an array held
// in its owner's allocation, searched in order (cheaper than hashing a key
// and allocation-free); beyond, a Go map. It has a map's get, set and
// delete, and no iteration. The zero smallMap is empty.
type smallMap[K comparable, V any] struct {
	n     int
	small [smallMapSize]smallEntry[K, V]
	big   map[K]V
}

type smallEntry[K comparable, V any] struct {
	k K
	v V
}

// get returns the value of k, or the zero V and false.
func (m *smallMap[K, V]) get(k K) (V, bool) {
	if m.big != nil {
		v, ok := m.big[k]
		return v, ok
	}
	for i := range m.n {
		if m.small[i].k == k {
			return m.small[i].v, true
		}
	}
	var zero V
	return zero, false
}

// set sets the value of k.
func (m *smallMap[K, V]) set(k K, v V) {
	if m.big != nil {
		m.big[k] = v
		return
	}
	for i := range m.n {
		if m.small[i].k == k {
			m.small[i].v = v
			return
		}
	}
	if m.n < smallMapSize {
		m.small[m.n] = smallEntry[K, V]{k, v}
		m.n++
		return
	}
	m.big = make(map[K]V, 2*smallMapSize)
	for i := range m.n {
		m.big[m.small[i].k] = m.small[i].v
	}
	clear(m.small[:])
	m.n = 0
	m.big[k] = v
}

// remove deletes k, if present.
func (m *smallMap[K, V]) remove(k K) {
	if m.big != nil {
		delete(m.big, k)
		return
	}
	for i := range m.n {
		if m.small[i].k == k {
			m.n--
			m.small[i] = m.small[m.n]
			m.small[m.n] = smallEntry[K, V]{}
			return
		}
	}
}

// commandIndex finds the live commands of a book by kind and ID: a
// smallMap's array while few are live, then one Go map per kind, keyed by
// the ID alone (a map's fast string path).
type commandIndex struct {
	n     int
	small [smallMapSize]*command
	big   *[numCommandKinds]map[string]*command
}

// get returns the command of kind with id, or nil.
func (x *commandIndex) get(kind run.CommandKind, id string) *command {
	if x.big != nil {
		return x.big[kind][id]
	}
	for _, c := range x.small[:x.n] {
		if c.kind == kind && c.ID == id {
			return c
		}
	}
	return nil
}

// set makes c the command of its kind and ID.
func (x *commandIndex) set(c *command) {
	if x.big != nil {
		m := x.big[c.kind]
		if m == nil {
			m = make(map[string]*command)
			x.big[c.kind] = m
		}
		m[c.ID] = c
		return
	}
	for i, o := range x.small[:x.n] {
		if o.kind == c.kind && o.ID == c.ID {
			x.small[i] = c
			return
		}
	}
	if x.n < smallMapSize {
		x.small[x.n] = c
		x.n++
		return
	}
	x.big = new([numCommandKinds]map[string]*command)
	for _, o := range x.small[:x.n] {
		x.set(o)
	}
	clear(x.small[:])
	x.n = 0
	x.set(c)
}

// remove drops the command of kind with id, if any.
func (x *commandIndex) remove(kind run.CommandKind, id string) {
	if x.big != nil {
		delete(x.big[kind], id)
		return
	}
	for i, o := range x.small[:x.n] {
		if o.kind == kind && o.ID == id {
			x.n--
			x.small[i] = x.small[x.n]
			x.small[x.n] = nil
			return
		}
	}
}
