package smallmap

// Size is how many entries a Map holds before it moves them to a Go map.
const Size = 8

// Map maps keys to values like a Go map, without iteration. The zero Map is
// empty and ready to use.
type Map[K comparable, V any] struct {
	n     int
	small [Size]entry[K, V]
	big   map[K]V
}

type entry[K comparable, V any] struct {
	k K
	v V
}

// Get returns the value of k, or the zero V and false.
func (m *Map[K, V]) Get(k K) (V, bool) {
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

// Set sets the value of k.
func (m *Map[K, V]) Set(k K, v V) {
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
	if m.n < Size {
		m.small[m.n] = entry[K, V]{k, v}
		m.n++
		return
	}
	m.big = make(map[K]V, 2*Size)
	for i := range m.n {
		m.big[m.small[i].k] = m.small[i].v
	}
	clear(m.small[:])
	m.n = 0
	m.big[k] = v
}

// Remove deletes k, if present.
func (m *Map[K, V]) Remove(k K) {
	if m.big != nil {
		delete(m.big, k)
		return
	}
	for i := range m.n {
		if m.small[i].k == k {
			m.n--
			m.small[i] = m.small[m.n]
			m.small[m.n] = entry[K, V]{}
			return
		}
	}
}
