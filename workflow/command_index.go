package workflow

import (
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/internal/smallmap"
)

// commandIndex finds the live commands of a book by kind and ID.
type commandIndex struct{ t indexTable }

// activityIndex finds the commands of a book's open activities by the
// event ID predicted for their ActivityTaskScheduled event (command.n).
type activityIndex struct{ t indexTable }

// indexTable holds commands by a key: their kind and ID, or, with byEvent
// (an activityIndex), their command.n. A command is its own key, so the
// index holds pointers only: an array searched in order while few are
// indexed (as smallmap.Map does), then a hash table with open addressing
// (see table). The table costs 8 bytes a slot where a Go map keyed by the
// ID costs 25, and growing it copies no keys, which matters to a run with
// a hundred activities in flight. Its zero value is empty.
type indexTable struct {
	// n and shift are small: side by side they take one word of the
	// run's allocation (see instance).
	n     int32
	shift uint8
	small [smallmap.Size]*command
	// table holds the commands once more than len(small) are indexed:
	// linear probing, at most half full, its length a power of two; an
	// empty slot is nil. shift turns a hash into a slot (see slot).
	table []*command
}

// indexKey is what get and remove look a command up by.
type indexKey struct {
	kind run.CommandKind
	id   string
	n    int64
}

// get returns the command of kind with id, or nil.
func (x *commandIndex) get(kind run.CommandKind, id string) *command {
	return x.t.find(false, &indexKey{kind: kind, id: id})
}

// set makes c the command of its kind and ID.
func (x *commandIndex) set(c *command) { x.t.set(false, c) }

// add makes c the command of its kind and ID unless one is already
// indexed there, which it returns (and c is not indexed): one probe where
// get and then set would take two, and hash the ID twice.
func (x *commandIndex) add(c *command) *command { return x.t.add(false, c) }

// remove drops the command of kind with id, if any.
func (x *commandIndex) remove(kind run.CommandKind, id string) {
	x.t.drop(false, &indexKey{kind: kind, id: id})
}

// get returns the activity with the predicted scheduled event ID n, or
// nil.
func (x *activityIndex) get(n int64) *command { return x.t.find(true, &indexKey{n: n}) }

// set makes c the activity of its predicted scheduled event ID.
func (x *activityIndex) set(c *command) { x.t.set(true, c) }

// remove drops the activity with the predicted scheduled event ID n, if
// any.
func (x *activityIndex) remove(n int64) { x.t.drop(true, &indexKey{n: n}) }

// indexMatches reports whether c has the key k.
func indexMatches(byEvent bool, c *command, k *indexKey) bool {
	if byEvent {
		return c.n == k.n
	}
	return c.Kind() == k.kind && c.ID == k.id
}

// indexKeyOf returns c's key.
func indexKeyOf(byEvent bool, c *command) indexKey {
	if byEvent {
		return indexKey{n: c.n}
	}
	return indexKey{kind: c.Kind(), id: c.ID}
}

// indexHash returns a hash of k: FNV-1a of the kind and ID, or the event ID.
func indexHash(byEvent bool, k *indexKey) uint64 {
	if byEvent {
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
func (x *indexTable) slot(h uint64) int {
	return int((h * 0x9E3779B97F4A7C15) >> x.shift)
}

// find returns the command with key k, or nil.
func (x *indexTable) find(byEvent bool, k *indexKey) *command {
	if x.table == nil {
		for _, c := range x.small[:x.n] {
			if indexMatches(byEvent, c, k) {
				return c
			}
		}
		return nil
	}
	mask := len(x.table) - 1
	for i := x.slot(indexHash(byEvent, k)); ; i = (i + 1) & mask {
		c := x.table[i]
		if c == nil || indexMatches(byEvent, c, k) {
			return c
		}
	}
}

// set makes c the command of its key.
func (x *indexTable) set(byEvent bool, c *command) {
	x.put(byEvent, c, true)
}

// add indexes c unless a command with its key is indexed, which it
// returns.
func (x *indexTable) add(byEvent bool, c *command) *command {
	return x.put(byEvent, c, false)
}

// put indexes c and returns nil, or returns the command indexed under c's
// key, which it replaces with c when replace is set.
func (x *indexTable) put(byEvent bool, c *command, replace bool) *command {
	k := indexKeyOf(byEvent, c)
	if x.table == nil {
		for i, o := range x.small[:x.n] {
			if indexMatches(byEvent, o, &k) {
				if replace {
					x.small[i] = c
				}
				return o
			}
		}
		if int(x.n) < len(x.small) {
			x.small[x.n] = c
			x.n++
			return nil
		}
		x.grow(byEvent)
	}
	mask := len(x.table) - 1
	i := x.slot(indexHash(byEvent, &k))
	for ; x.table[i] != nil; i = (i + 1) & mask {
		if o := x.table[i]; indexMatches(byEvent, o, &k) {
			if replace {
				x.table[i] = c
			}
			return o
		}
	}
	x.table[i] = c
	x.n++
	if 2*int(x.n) > len(x.table) {
		x.grow(byEvent)
	}
	return nil
}

// grow moves the commands into a table twice as long (the first one: four
// times the array), keeping it at most half full.
func (x *indexTable) grow(byEvent bool) {
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
		k := indexKeyOf(byEvent, c)
		i := x.slot(indexHash(byEvent, &k))
		for x.table[i] != nil {
			i = (i + 1) & mask
		}
		x.table[i] = c
	}
	clear(x.small[:])
}

// drop removes the command with key k, if any.
func (x *indexTable) drop(byEvent bool, k *indexKey) {
	if x.table == nil {
		for i, o := range x.small[:x.n] {
			if indexMatches(byEvent, o, k) {
				x.n--
				x.small[i] = x.small[x.n]
				x.small[x.n] = nil
				return
			}
		}
		return
	}
	mask := len(x.table) - 1
	i := x.slot(indexHash(byEvent, k))
	for ; ; i = (i + 1) & mask {
		c := x.table[i]
		if c == nil {
			return
		}
		if indexMatches(byEvent, c, k) {
			break
		}
	}
	x.n--
	// Backward-shift deletion (no tombstones): each command after the
	// hole, up to an empty slot, moves into the hole unless its probe
	// starts after the hole, so that every probe still finds it.
	for j := (i + 1) & mask; x.table[j] != nil; j = (j + 1) & mask {
		c := x.table[j]
		ck := indexKeyOf(byEvent, c)
		home := x.slot(indexHash(byEvent, &ck))
		if (j-home)&mask >= (j-i)&mask {
			x.table[i] = c
			i = j
		}
	}
	x.table[i] = nil
}
