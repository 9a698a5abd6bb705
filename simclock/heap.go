package simclock

import "time"

// The queue is a 4-ary min-heap ordered by (due time, seq): half as deep as
// a binary one, so taking the earliest timer moves half as many entries
// (each move writes a Timer pointer, a write barrier while the GC runs),
// for a few more comparisons among siblings that sit side by side. The
// order timers fire in does not depend on the heap's shape: (due time, seq)
// is a total order, and pickTie sorts the ties it finds by seq. It is
// written out rather than built on container/heap to keep interface calls
// off the hot path, and each entry carries its own sort key so comparisons
// read only the heap's array, not the Timers it points to. Each Timer knows
// its index, so Stop and Reset are O(log n) too.

// entry is one pending timer in the queue.
type entry struct {
	sec   int64 // due time as Unix seconds and nanoseconds: cheap to compare
	nsec  int64
	seq   uint64
	timer *Timer
}

// arity is the number of children of each entry of the queue.
const arity = 4

func keyOf(t time.Time) (sec int64, nsec int32) {
	return t.Unix(), int32(t.Nanosecond())
}

func (a *entry) before(b *entry) bool {
	if a.sec != b.sec {
		return a.sec < b.sec
	}
	if a.nsec != b.nsec {
		return a.nsec < b.nsec
	}
	return a.seq < b.seq
}

// push adds t, whose when is set, to the queue in creation order seq.
func (c *Clock) push(t *Timer, seq uint64) {
	if c.queue == nil {
		c.queue = c.firstEntry[:0]
	}
	c.queue = append(c.queue, entry{sec: t.sec, nsec: int64(t.nsec), seq: seq, timer: t})
	c.up(len(c.queue) - 1)
}

// rekey gives pending timer t's entry its new when and creation order seq.
func (c *Clock) rekey(t *Timer, seq uint64) {
	e := &c.queue[t.index]
	e.sec, e.nsec = t.sec, int64(t.nsec)
	e.seq = seq
	if !c.down(int(t.index)) {
		c.up(int(t.index))
	}
}

// remove takes the timer at index i out of the queue and returns it.
func (c *Clock) remove(i int) *Timer {
	t := c.queue[i].timer
	last := len(c.queue) - 1
	if i != last {
		c.queue[i] = c.queue[last]
		c.queue[i].timer.index = int32(i)
	}
	c.queue[last] = entry{} // let a stopped timer's func be collected
	c.queue = c.queue[:last]
	if i != last && !c.down(i) {
		c.up(i)
	}
	t.index = -1
	return t
}

// up moves the entry at i towards the root until its parent is earlier.
// Entries move through a hole, so each Timer's index is written once.
func (c *Clock) up(i int) {
	q := c.queue
	e := q[i]
	for i > 0 {
		parent := (i - 1) / arity
		if !e.before(&q[parent]) {
			break
		}
		q[i] = q[parent]
		q[i].timer.index = int32(i)
		i = parent
	}
	q[i] = e
	e.timer.index = int32(i)
}

// down moves the entry at i towards the leaves until its children are later,
// and reports whether it moved.
func (c *Clock) down(i int) bool {
	q := c.queue
	n := len(q)
	e := q[i]
	start := i
	for {
		first := arity*i + 1
		if first >= n {
			break
		}
		child := first
		for c := first + 1; c < min(first+arity, n); c++ {
			if q[c].before(&q[child]) {
				child = c
			}
		}
		if !q[child].before(&e) {
			break
		}
		q[i] = q[child]
		q[i].timer.index = int32(i)
		i = child
	}
	q[i] = e
	e.timer.index = int32(i)
	return i > start
}
