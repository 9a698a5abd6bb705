package simclock_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wfsim/wfsim/simclock"
)

func TestTieBreaker(t *testing.T) {
	t.Parallel()
	last := func(n int) int { return n - 1 }
	tests := []struct {
		name   string
		choose func(n int) int
		run    func(r *recorder)
		want   []string
		// asked lists the n of each call of choose.
		asked []int
	}{
		{
			name:   "nil keeps creation order",
			choose: nil,
			run: func(r *recorder) {
				for _, n := range []string{"x", "y", "z"} {
					r.c.AfterFunc(time.Second, r.fn(n))
				}
				r.c.Advance(time.Second)
			},
			want: []string{"x@1s", "y@1s", "z@1s"},
		},
		{
			name:   "always the last reverses an instant",
			choose: last,
			run: func(r *recorder) {
				for _, n := range []string{"x", "y", "z"} {
					r.c.AfterFunc(time.Second, r.fn(n))
				}
				r.c.AfterFunc(2*time.Second, r.fn("later"))
				r.c.AfterFunc(0, r.fn("now"))
				r.c.Advance(time.Minute)
			},
			want:  []string{"now@0s", "z@1s", "y@1s", "x@1s", "later@2s"},
			asked: []int{3, 2},
		},
		{
			name:   "zero is creation order",
			choose: func(int) int { return 0 },
			run: func(r *recorder) {
				for _, n := range []string{"x", "y", "z"} {
					r.c.AfterFunc(time.Second, r.fn(n))
				}
				r.c.Step()
			},
			want:  []string{"x@1s", "y@1s", "z@1s"},
			asked: []int{3, 2},
		},
		{
			name:   "timers created for the instant join the tie",
			choose: last,
			run: func(r *recorder) {
				r.c.AfterFunc(time.Second, func() {
					r.note("a")
					r.c.AfterFunc(0, r.fn("a-child"))
				})
				r.c.AfterFunc(time.Second, r.fn("b"))
				r.c.Advance(time.Second)
			},
			// b fires first (last of two), then a alone, then a-child alone.
			want:  []string{"b@1s", "a@1s", "a-child@1s"},
			asked: []int{2},
		},
		{
			name:   "reset timers take their new place",
			choose: last,
			run: func(r *recorder) {
				x := r.c.AfterFunc(time.Second, r.fn("x"))
				r.c.AfterFunc(time.Second, r.fn("y"))
				x.Reset(time.Second) // now behind y in creation order
				r.c.Advance(time.Second)
			},
			want:  []string{"x@1s", "y@1s"},
			asked: []int{2},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := &recorder{c: simclock.New(start)}
			var asked []int
			if tc.choose != nil {
				r.c.SetTieBreaker(func(n int) int {
					asked = append(asked, n)
					return tc.choose(n)
				})
			}
			tc.run(r)
			if diff := cmp.Diff(tc.want, r.log); diff != "" {
				t.Errorf("firing order (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.asked, asked); diff != "" {
				t.Errorf("tie breaker calls (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTieBreakerPermutes checks, against a model, that any tie breaker
// fires every timer exactly once, never before a timer due earlier, and
// exactly the one it chose among the timers due.
func TestTieBreakerPermutes(t *testing.T) {
	t.Parallel()
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 7))
		c := simclock.New(start)
		type item struct {
			id  int
			due time.Duration
		}
		var pending []item // not fired yet, in creation order
		var fired []item
		expect := -1 // the id the last choice picked, until it fires
		for i := range 30 {
			it := item{id: i, due: time.Duration(rng.IntN(4)) * time.Second}
			pending = append(pending, it)
			c.AfterFunc(it.due, func() {
				if expect >= 0 && it.id != expect {
					t.Fatalf("seed %d: timer %d fired, the tie breaker chose %d", seed, it.id, expect)
				}
				expect = -1
				fired = append(fired, it)
				pending = slices.DeleteFunc(pending, func(p item) bool { return p.id == it.id })
			})
		}
		c.SetTieBreaker(func(n int) int {
			k := rng.IntN(n)
			// The model: the pending items due earliest, in creation order.
			due := pending[0].due
			for _, p := range pending {
				due = min(due, p.due)
			}
			var tied []item
			for _, p := range pending {
				if p.due == due {
					tied = append(tied, p)
				}
			}
			if len(tied) != n {
				t.Fatalf("seed %d: asked among %d timers, the model has %d due at %v", seed, n, len(tied), due)
			}
			expect = tied[k].id
			return k
		})
		c.Advance(time.Minute)
		if len(fired) != 30 {
			t.Fatalf("seed %d: %d timers fired, want 30", seed, len(fired))
		}
		for i := 1; i < len(fired); i++ {
			if fired[i].due < fired[i-1].due {
				t.Fatalf("seed %d: timer %d (due %v) fired after timer %d (due %v)", seed, fired[i].id, fired[i].due, fired[i-1].id, fired[i-1].due)
			}
		}
	}
}

func TestTieBreakerOutOfRange(t *testing.T) {
	t.Parallel()
	c := simclock.New(start)
	c.AfterFunc(0, func() {})
	c.AfterFunc(0, func() {})
	c.SetTieBreaker(func(n int) int { return n })
	defer func() {
		if r := recover(); r == nil {
			t.Fatal("no panic for an index out of range")
		}
	}()
	c.Advance(0)
}
