package testsuite

import "iter"

// lazyTable holds a run's lazy tasks (lazyTasks) in chunks that double,
// from 16 up to 1024 entries, and are never copied. A table grown in place
// (2.5 times, as the history's events) allocated about three times the
// entries it finally held (3.3 KB in 4 objects for a hundred tasks), where
// chunks take at most twice (1.8 KB in 3). The first four chunks' headers
// are in the table itself: a run of up to 240 lazy tasks allocates only
// its chunks.
type lazyTable struct {
	// chunks are the chunks in order, each but the last full (length
	// equal to capacity); the last may be empty.
	chunks [][]lazyTask
	first  [4][]lazyTask
	// n is the number of tasks in the table.
	n int
}

const (
	firstLazyChunk = 16
	maxLazyChunk   = 1024 // 16 KiB, a small object for the allocator
)

// push adds t after the table's last task.
func (l *lazyTable) push(t lazyTask) {
	if l.chunks == nil {
		l.chunks = l.first[:0]
	}
	l.chunks = roomInChunks(l.chunks, firstLazyChunk, maxLazyChunk)
	k := len(l.chunks) - 1
	l.chunks[k] = append(l.chunks[k], t)
	l.n++
}

// last returns the table's last task, nil when it has none.
func (l *lazyTable) last() *lazyTask {
	for k := len(l.chunks) - 1; k >= 0; k-- {
		if c := l.chunks[k]; len(c) > 0 {
			return &c[len(c)-1]
		}
	}
	return nil
}

// pop removes the table's last task, which it must have.
func (l *lazyTable) pop() {
	k := len(l.chunks) - 1
	for len(l.chunks[k]) == 0 {
		// An emptied chunk goes; its predecessor is full.
		l.chunks = l.chunks[:k]
		k--
	}
	l.chunks[k] = l.chunks[k][:len(l.chunks[k])-1]
	l.n--
}

// all yields the table's tasks in order.
func (l *lazyTable) all() iter.Seq[lazyTask] {
	return func(yield func(lazyTask) bool) {
		for _, c := range l.chunks {
			for _, t := range c {
				if !yield(t) {
					return
				}
			}
		}
	}
}

// reset empties the table, keeping its first chunk for the tasks to come.
func (l *lazyTable) reset() {
	if len(l.chunks) > 0 {
		l.chunks[0] = l.chunks[0][:0]
		clear(l.chunks[1:])
		l.chunks = l.chunks[:1]
	}
	l.n = 0
}
