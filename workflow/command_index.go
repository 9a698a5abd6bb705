package workflow

import (
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/internal/smallmap"
)

// commandIndex finds the live commands of a book by a key: their kind and
// ID, or, in the book's index of activities (byEvent), the event ID
// predicted for their ActivityTaskScheduled event (command.n). A command
// is its own key, so the index holds pointers only: an array searched in
// order while few are indexed (as smallmap.Map does), then a hash table
// with open addressing (see table). The table costs 8 bytes a slot where
// a Go map keyed by the ID costs 25, and growing it copies no keys, which
// matters to a run with a hundred activities in flight.
type commandIndex struct {
	n     int
	small [smallmap.Size]*command
	// table holds the commands once more than len(small) are indexed:
	// linear probing, at most half full, its length a power of two; an
	// empty slot is nil. shift turns a hash into a slot (see slot).
	table []*command
	shift uint
	// byEvent makes command.n the key, instead of kind and ID.
	byEvent bool
}

// indexKey is what get and remove look a command up by.
type indexKey struct {
	kind run.CommandKind
	id   string
	n    int64
}

// get returns the command of kind with id, or nil.
func (x *commandIndex) get(kind run.CommandKind, id string) *command {
	return x.find(&indexKey{kind: kind, id: id})
}

// getEvent returns the command with the predicted event ID n, or nil (for
// an index byEvent).
func (x *commandIndex) getEvent(n int64) *command {
	return x.find(&indexKey{n: n})
}

// remove drops the command of kind with id, if any.
func (x *commandIndex) remove(kind run.CommandKind, id string) {
	x.drop(&indexKey{kind: kind, id: id})
}

// removeEvent drops the command with the predicted event ID n, if any
// (for an index byEvent).
func (x *commandIndex) removeEvent(n int64) {
	x.drop(&indexKey{n: n})
}

// matches reports whether c has the key k.
func (x *commandIndex) matches(c *command, k *indexKey) bool {
	if x.byEvent {
		return c.n == k.n
	}
	return c.kind == k.kind && c.ID == k.id
}

// keyOf returns c's key.
func (x *commandIndex) keyOf(c *command) indexKey {
	if x.byEvent {
		return indexKey{n: c.n}
	}
	return indexKey{kind: c.kind, id: c.ID}
}

// hash returns a hash of k: FNV-1a of the kind and ID, or the event ID.
func (x *commandIndex) hash(k *indexKey) uint64 {
	if x.byEvent {
		return uint64(k.n)
	}
	h := uint64(14695981039346656037) ^ uint64(k.kind)
	for i := 0; i < len(k.id); i++ {
		h ^= uint64(k.id[i])
		h *= 1099511628211
	}
	return h
}

// slot returns the table slot where the probe for hash h starts: the top
// bits of h times 2⁶⁴/φ, which spreads keys that differ in their last
// digit, or consecutive event IDs, over the whole table.
func (x *commandIndex) slot(h uint64) int {
	return int((h * 0x9E3779B97F4A7C15) >> x.shift)
}

// find returns the command with key k, or nil.
func (x *commandIndex) find(k *indexKey) *command {
	if x.table == nil {
		for _, c := range x.small[:x.n] {
			if x.matches(c, k) {
				return c
			}
		}
		return nil
	}
	mask := len(x.table) - 1
	for i := x.slot(x.hash(k)); ; i = (i + 1) & mask {
		c := x.table[i]
		if c == nil || x.matches(c, k) {
			return c
		}
	}
}

// set makes c the command of its key.
func (x *commandIndex) set(c *command) {
	k := x.keyOf(c)
	if x.table == nil {
		for i, o := range x.small[:x.n] {
			if x.matches(o, &k) {
				x.small[i] = c
				return
			}
		}
		if x.n < len(x.small) {
			x.small[x.n] = c
			x.n++
			return
		}
		x.grow()
	}
	mask := len(x.table) - 1
	i := x.slot(x.hash(&k))
	for ; x.table[i] != nil; i = (i + 1) & mask {
		if x.matches(x.table[i], &k) {
			x.table[i] = c
			return
		}
	}
	x.table[i] = c
	x.n++
	if 2*x.n > len(x.table) {
		x.grow()
	}
}

// grow moves the commands into a table twice as long (the first one: four
// times the array), keeping it at most half full.
func (x *commandIndex) grow() {
	old := x.table
	if old == nil {
		old = x.small[:x.n]
	}
	size := 4 * len(x.small)
	if x.table != nil {
		size = 2 * len(x.table)
	}
	x.table = make([]*command, size)
	x.shift = 64
	for s := size; s > 1; s >>= 1 {
		x.shift--
	}
	mask := size - 1
	for _, c := range old {
		if c == nil {
			continue
		}
		k := x.keyOf(c)
		i := x.slot(x.hash(&k))
		for x.table[i] != nil {
			i = (i + 1) & mask
		}
		x.table[i] = c
	}
	clear(x.small[:])
}

// drop removes the command with key k, if any.
func (x *commandIndex) drop(k *indexKey) {
	if x.table == nil {
		for i, o := range x.small[:x.n] {
			if x.matches(o, k) {
				x.n--
				x.small[i] = x.small[x.n]
				x.small[x.n] = nil
				return
			}
		}
		return
	}
	mask := len(x.table) - 1
	i := x.slot(x.hash(k))
	for ; ; i = (i + 1) & mask {
		c := x.table[i]
		if c == nil {
			return
		}
		if x.matches(c, k) {
			break
		}
	}
	x.n--
	// Backward-shift deletion (no tombstones): each command after the
	// hole, up to an empty slot, moves into the hole unless its probe
	// starts after the hole, so that every probe still finds it.
	for j := (i + 1) & mask; x.table[j] != nil; j = (j + 1) & mask {
		c := x.table[j]
		ck := x.keyOf(c)
		home := x.slot(x.hash(&ck))
		if (j-home)&mask >= (j-i)&mask {
			x.table[i] = c
			i = j
		}
	}
	x.table[i] = nil
}
