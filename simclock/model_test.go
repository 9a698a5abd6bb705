package simclock_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/wfsim/wfsim/simclock"
)

// model is an obviously correct, slow clock: a list of timers scanned in full
// for the earliest (when, seq). The property test below checks that the heap
// clock fires the same timers at the same instants under random operations.
type model struct {
	now    time.Duration
	seq    int
	timers []*modelTimer
	log    []string
}

type modelTimer struct {
	when    time.Duration
	seq     int
	pending bool
	child   time.Duration // delay of a timer created when this one fires; <0: none
}

func (m *model) create(d, child time.Duration) {
	t := &modelTimer{child: child}
	m.timers = append(m.timers, t)
	m.arm(t, d)
}

func (m *model) arm(t *modelTimer, d time.Duration) {
	t.when, t.seq, t.pending = m.now+max(d, 0), m.seq, true
	m.seq++
}

func (m *model) earliest() (int, bool) {
	best := -1
	for i, t := range m.timers {
		if !t.pending {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		if b := m.timers[best]; t.when < b.when || (t.when == b.when && t.seq < b.seq) {
			best = i
		}
	}
	return best, best >= 0
}

func (m *model) advanceTo(target time.Duration) {
	if target < m.now {
		return
	}
	for {
		i, ok := m.earliest()
		if !ok || m.timers[i].when > target {
			break
		}
		t := m.timers[i]
		t.pending = false
		m.now = t.when
		m.log = append(m.log, fmt.Sprintf("%d@%v", i, m.now))
		if t.child >= 0 {
			m.create(t.child, -1)
		}
	}
	m.now = target
}

func (m *model) pendingCount() int {
	n := 0
	for _, t := range m.timers {
		if t.pending {
			n++
		}
	}
	return n
}

// real drives a simclock.Clock with the same callbacks as the model.
type real struct {
	c      *simclock.Clock
	timers []*simclock.Timer
	log    []string
}

func (r *real) create(d, child time.Duration) {
	id := len(r.timers)
	r.timers = append(r.timers, nil)
	r.timers[id] = r.c.AfterFunc(d, func() {
		r.log = append(r.log, fmt.Sprintf("%d@%v", id, r.c.Now().Sub(start)))
		if child >= 0 {
			r.create(child, -1)
		}
	})
}

func TestClockMatchesModel(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		m := &model{}
		r := &real{c: simclock.New(start)}
		dur := func(label string, lo, hi int) time.Duration {
			return time.Duration(rapid.IntRange(lo, hi).Draw(t, label)) * time.Second
		}
		pick := func() (int, bool) {
			if len(m.timers) == 0 {
				return 0, false
			}
			return rapid.IntRange(0, len(m.timers)-1).Draw(t, "timer"), true
		}
		steps := rapid.IntRange(1, 60).Draw(t, "steps")
		for range steps {
			switch op := rapid.IntRange(0, 5).Draw(t, "op"); op {
			case 0, 1:
				d, child := dur("d", -2, 10), dur("child", -1, 4)
				m.create(d, child)
				r.create(d, child)
			case 2:
				if i, ok := pick(); ok {
					want := m.timers[i].pending
					m.timers[i].pending = false
					if got := r.timers[i].Stop(); got != want {
						t.Fatalf("Stop(%d) = %v, want %v", i, got, want)
					}
				}
			case 3:
				if i, ok := pick(); ok {
					d := dur("reset", -2, 10)
					want := m.timers[i].pending
					m.arm(m.timers[i], d)
					if got := r.timers[i].Reset(d); got != want {
						t.Fatalf("Reset(%d) = %v, want %v", i, got, want)
					}
				}
			case 4:
				target := m.now + dur("advance", -3, 12)
				m.advanceTo(target)
				r.c.AdvanceTo(start.Add(target))
			case 5:
				i, ok := m.earliest()
				if ok {
					m.advanceTo(m.timers[i].when)
				}
				if got := r.c.Step(); got != ok {
					t.Fatalf("Step() = %v, want %v", got, ok)
				}
			}
			if diff := cmp.Diff(m.log, r.log); diff != "" {
				t.Fatalf("fired (-model +clock):\n%s", diff)
			}
			if got, want := r.c.Now(), start.Add(m.now); !got.Equal(want) {
				t.Fatalf("Now() = %v, want %v", got, want)
			}
			if got, want := r.c.Len(), m.pendingCount(); got != want {
				t.Fatalf("Len() = %d, want %d", got, want)
			}
			next, ok := r.c.Next()
			if i, wantOK := m.earliest(); ok != wantOK || (ok && !next.Equal(start.Add(m.timers[i].when))) {
				t.Fatalf("Next() = %v, %v; model earliest is #%d (ok %v)", next, ok, i, wantOK)
			}
		}
	})
}
