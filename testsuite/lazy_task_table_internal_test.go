package testsuite

import (
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestLazyTableMatchesASlice pushes, pops, edits the last task and resets
// a lazyTable at random, across its chunks' boundaries, and checks it
// against a plain slice after every step.
func TestLazyTableMatchesASlice(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		var l lazyTable
		var want []lazyTask
		next := uint32(1)
		steps := rapid.IntRange(1, 400).Draw(t, "steps")
		for i := range steps {
			switch op := rapid.IntRange(0, 9).Draw(t, "op"); {
			case op < 6:
				// Mostly runs of pushes, to cross chunks.
				for range rapid.IntRange(1, 40).Draw(t, "pushes") {
					task := lazyTask{scheduled: next, started: next + 1, request: next}
					l.push(task)
					want = append(want, task)
					next += 2
				}
			case op < 8 && len(want) > 0:
				for range rapid.IntRange(1, min(len(want), 20)).Draw(t, "pops") {
					l.pop()
					want = want[:len(want)-1]
				}
			case op == 8 && len(want) > 0:
				l.last().completed = next
				want[len(want)-1].completed = next
				next++
			case op == 9:
				l.reset()
				want = want[:0]
			}
			got := slices.Collect(l.all())
			if !slices.Equal(got, want) || l.n != len(want) {
				t.Fatalf("step %d: table holds %v (n %d), want %v", i, got, l.n, want)
			}
			last := l.last()
			if len(want) == 0 && last != nil || len(want) > 0 && (last == nil || *last != want[len(want)-1]) {
				t.Fatalf("step %d: last %v, want the last of %v", i, last, want)
			}
		}
	})
}

// TestLazyTableChunksDouble checks the chunks' sizes, to which the
// benchmarks' allocations were measured: 16, 32, 64, … up to 1024.
func TestLazyTableChunksDouble(t *testing.T) {
	t.Parallel()
	var l lazyTable
	for i := range 4000 {
		l.push(lazyTask{started: uint32(i)})
	}
	var caps []int
	for _, c := range l.chunks {
		caps = append(caps, cap(c))
	}
	want := []int{16, 32, 64, 128, 256, 512, 1024, 1024, 1024}
	if !slices.Equal(caps, want) {
		t.Errorf("chunk capacities %v, want %v", caps, want)
	}
}
