package simclock_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wfsim/wfsim/simclock"
)

var start = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// recorder logs "name@offset" each time a timer fires, offset being the
// clock's Now relative to start.
type recorder struct {
	c   *simclock.Clock
	log []string
}

func (r *recorder) note(name string) {
	r.log = append(r.log, fmt.Sprintf("%s@%v", name, r.c.Now().Sub(start)))
}

// fn returns a timer func that records name.
func (r *recorder) fn(name string) func() {
	return func() { r.note(name) }
}

func TestClockFiringOrder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		run  func(r *recorder)
		want []string
	}{
		{
			name: "due order regardless of creation order",
			run: func(r *recorder) {
				r.c.AfterFunc(3*time.Second, r.fn("c"))
				r.c.AfterFunc(time.Second, r.fn("a"))
				r.c.AfterFunc(2*time.Second, r.fn("b"))
				r.c.Advance(time.Minute)
				r.note("end")
			},
			want: []string{"a@1s", "b@2s", "c@3s", "end@1m0s"},
		},
		{
			name: "same instant fires in creation order",
			run: func(r *recorder) {
				for _, n := range []string{"x", "y", "z", "w"} {
					r.c.AfterFunc(time.Second, r.fn(n))
				}
				r.c.Advance(time.Second)
			},
			want: []string{"x@1s", "y@1s", "z@1s", "w@1s"},
		},
		{
			name: "timer created in a func for the same instant fires after those queued",
			run: func(r *recorder) {
				r.c.AfterFunc(time.Second, func() {
					r.note("a")
					r.c.AfterFunc(0, r.fn("child"))
				})
				r.c.AfterFunc(time.Second, r.fn("b"))
				r.c.AfterFunc(time.Second, r.fn("c"))
				r.c.Advance(time.Second)
			},
			want: []string{"a@1s", "b@1s", "c@1s", "child@1s"},
		},
		{
			name: "timer created in a func fires in the same advance when due by the target",
			run: func(r *recorder) {
				r.c.AfterFunc(time.Second, func() {
					r.note("a")
					r.c.AfterFunc(time.Second, r.fn("in"))     // due 2s
					r.c.AfterFunc(10*time.Second, r.fn("out")) // due 11s
				})
				r.c.AfterFunc(3*time.Second, r.fn("b"))
				r.c.Advance(5 * time.Second)
				r.note("end")
				r.c.Advance(10 * time.Second)
			},
			want: []string{"a@1s", "in@2s", "b@3s", "end@5s", "out@11s"},
		},
		{
			name: "timer due exactly at the target fires",
			run: func(r *recorder) {
				r.c.AfterFunc(2*time.Second, r.fn("edge"))
				r.c.AfterFunc(2*time.Second+1, r.fn("after"))
				r.c.AdvanceTo(start.Add(2 * time.Second))
				r.note("end")
			},
			want: []string{"edge@2s", "end@2s"},
		},
		{
			name: "negative durations count as zero",
			run: func(r *recorder) {
				r.c.Advance(time.Second)
				r.c.AfterFunc(-time.Hour, r.fn("neg"))
				r.c.AfterFunc(0, r.fn("zero"))
				r.c.Advance(-time.Hour)
				r.note("end")
			},
			want: []string{"neg@1s", "zero@1s", "end@1s"},
		},
		{
			name: "AdvanceTo the past does nothing, not even fire timers due now",
			run: func(r *recorder) {
				r.c.Advance(time.Minute)
				r.c.AfterFunc(0, r.fn("now"))
				r.c.AdvanceTo(start)
				r.note("after past")
				r.c.AdvanceTo(r.c.Now())
			},
			want: []string{"after past@1m0s", "now@1m0s"},
		},
		{
			name: "Stop in a func prevents a later timer at the same instant",
			run: func(r *recorder) {
				var b *simclock.Timer
				r.c.AfterFunc(time.Second, func() {
					r.note("a")
					r.log = append(r.log, fmt.Sprint("stopped b: ", b.Stop()))
				})
				b = r.c.AfterFunc(time.Second, r.fn("b"))
				r.c.AfterFunc(time.Second, r.fn("c"))
				r.c.Advance(time.Second)
			},
			want: []string{"a@1s", "stopped b: true", "c@1s"},
		},
		{
			name: "Stop of itself from its func reports false",
			run: func(r *recorder) {
				var self *simclock.Timer
				self = r.c.AfterFunc(time.Second, func() {
					r.log = append(r.log, fmt.Sprint("stop self: ", self.Stop()))
				})
				r.c.Advance(time.Second)
			},
			want: []string{"stop self: false"},
		},
		{
			name: "Reset of itself from its func makes a ticker",
			run: func(r *recorder) {
				var tick *simclock.Timer
				n := 0
				tick = r.c.AfterFunc(time.Second, func() {
					r.note("tick")
					if n++; n < 3 {
						r.log = append(r.log, fmt.Sprint("reset was pending: ", tick.Reset(time.Second)))
					}
				})
				r.c.Advance(time.Minute)
			},
			want: []string{
				"tick@1s", "reset was pending: false",
				"tick@2s", "reset was pending: false",
				"tick@3s",
			},
		},
		{
			name: "Reset in a func pulls a later timer into this advance",
			run: func(r *recorder) {
				late := r.c.AfterFunc(time.Hour, r.fn("late"))
				r.c.AfterFunc(time.Second, func() {
					r.note("a")
					r.log = append(r.log, fmt.Sprint("reset was pending: ", late.Reset(time.Second)))
				})
				r.c.Advance(5 * time.Second)
				r.note("end")
			},
			want: []string{"a@1s", "reset was pending: true", "late@2s", "end@5s"},
		},
		{
			name: "Reset takes a new place in creation order",
			run: func(r *recorder) {
				first := r.c.AfterFunc(time.Second, r.fn("first"))
				r.c.AfterFunc(time.Second, r.fn("second"))
				first.Reset(time.Second)
				r.c.Advance(time.Second)
			},
			want: []string{"second@1s", "first@1s"},
		},
		{
			name: "Reset after Stop re-arms relative to Now",
			run: func(r *recorder) {
				tm := r.c.AfterFunc(time.Second, r.fn("t"))
				r.log = append(r.log, fmt.Sprint("stop: ", tm.Stop()))
				r.c.Advance(10 * time.Second)
				r.log = append(r.log, fmt.Sprint("reset: ", tm.Reset(time.Second)))
				r.c.Advance(10 * time.Second)
			},
			want: []string{"stop: true", "reset: false", "t@11s"},
		},
		{
			name: "Step fires every timer at the next instant, then stops",
			run: func(r *recorder) {
				r.c.AfterFunc(time.Second, func() {
					r.note("a")
					r.c.AfterFunc(0, r.fn("same instant"))
					r.c.AfterFunc(1, r.fn("next instant"))
				})
				r.c.AfterFunc(time.Second, r.fn("b"))
				r.c.AfterFunc(time.Hour, r.fn("c"))
				for r.c.Step() {
					r.note("step")
				}
			},
			want: []string{
				"a@1s", "b@1s", "same instant@1s", "step@1s",
				"next instant@1.000000001s", "step@1.000000001s",
				"c@1h0m0s", "step@1h0m0s",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := &recorder{c: simclock.New(start)}
			tt.run(r)
			if diff := cmp.Diff(tt.want, r.log); diff != "" {
				t.Errorf("fired (-want +got):\n%s", diff)
			}
		})
	}
}

func TestClockNextAndLen(t *testing.T) {
	t.Parallel()
	c := simclock.New(start)
	if next, ok := c.Next(); ok || !next.IsZero() || c.Len() != 0 {
		t.Fatalf("empty clock: Next() = %v, %v; Len() = %d; want zero, false, 0", next, ok, c.Len())
	}
	a := c.AfterFunc(2*time.Second, func() {})
	b := c.AfterFunc(time.Second, func() {})
	check := func(wantNext time.Duration, wantLen int) {
		t.Helper()
		next, ok := c.Next()
		if !ok || !next.Equal(start.Add(wantNext)) || c.Len() != wantLen {
			t.Errorf("Next() = %v, %v; Len() = %d; want %v, true, %d", next, ok, c.Len(), start.Add(wantNext), wantLen)
		}
	}
	check(time.Second, 2)
	b.Stop()
	check(2*time.Second, 1)
	b.Reset(3 * time.Second)
	check(2*time.Second, 2)
	a.Reset(5 * time.Second)
	check(3*time.Second, 2)
	if got := a.When(); !got.Equal(start.Add(5 * time.Second)) {
		t.Errorf("a.When() = %v, want %v", got, start.Add(5*time.Second))
	}
	c.Advance(4 * time.Second)
	check(5*time.Second, 1)
	c.Advance(time.Second)
	if _, ok := c.Next(); ok || c.Len() != 0 {
		t.Errorf("after firing all: Next ok = %v, Len = %d; want false, 0", ok, c.Len())
	}
}

func TestTimerStopReportsPending(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		prepare func(c *simclock.Clock, tm *simclock.Timer)
		want    bool
	}{
		{name: "pending", prepare: func(*simclock.Clock, *simclock.Timer) {}, want: true},
		{name: "already stopped", prepare: func(_ *simclock.Clock, tm *simclock.Timer) { tm.Stop() }, want: false},
		{name: "already fired", prepare: func(c *simclock.Clock, _ *simclock.Timer) { c.Advance(time.Second) }, want: false},
		{name: "reset after firing", prepare: func(c *simclock.Clock, tm *simclock.Timer) {
			c.Advance(time.Second)
			tm.Reset(time.Second)
		}, want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := simclock.New(start)
			fired := 0
			tm := c.AfterFunc(time.Second, func() { fired++ })
			tt.prepare(c, tm)
			before := fired
			if got := tm.Stop(); got != tt.want {
				t.Errorf("Stop() = %v, want %v", got, tt.want)
			}
			c.Advance(time.Hour)
			if fired != before {
				t.Errorf("timer fired after Stop")
			}
			if c.Len() != 0 {
				t.Errorf("Len() = %d after Stop, want 0", c.Len())
			}
		})
	}
}

func TestZeroTimer(t *testing.T) {
	t.Parallel()
	var tm simclock.Timer
	if tm.Stop() {
		t.Error("Stop of a zero Timer reported true")
	}
	assertPanics(t, "simclock: Reset", func() { tm.Reset(time.Second) })
}

func TestZeroClockIsUsable(t *testing.T) {
	t.Parallel()
	var c simclock.Clock
	fired := false
	c.AfterFunc(time.Second, func() { fired = true })
	c.Advance(time.Second)
	if !fired || !c.Now().Equal(time.Time{}.Add(time.Second)) {
		t.Errorf("fired = %v, Now = %v; want true, %v", fired, c.Now(), time.Time{}.Add(time.Second))
	}
}

func TestNewDropsMonotonicAndKeepsLocation(t *testing.T) {
	t.Parallel()
	loc := time.FixedZone("X", 3*3600)
	c := simclock.New(time.Date(2000, 1, 1, 3, 0, 0, 0, loc))
	c.AdvanceTo(start.Add(time.Hour)) // same instant as 04:00 in X, given in UTC
	if got := c.Now(); got.Location() != loc || got.Hour() != 4 {
		t.Errorf("Now() = %v; want 04:00 in zone X", got)
	}
	if s := c.Now().String(); strings.Contains(s, "m=") {
		t.Errorf("Now() carries a monotonic reading: %s", s)
	}
}

func TestMisusePanics(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		f    func(c *simclock.Clock)
		want string
	}{
		{name: "nil func", f: func(c *simclock.Clock) { c.AfterFunc(time.Second, nil) }, want: "simclock: AfterFunc"},
		{name: "Advance from a func", f: func(c *simclock.Clock) {
			c.AfterFunc(0, func() { c.Advance(time.Second) })
			c.Advance(0)
		}, want: "simclock: Advance"},
		{name: "negative Grow", f: func(c *simclock.Clock) { c.Grow(-1) }, want: "simclock: Grow"},
		{name: "Step from a func", f: func(c *simclock.Clock) {
			c.AfterFunc(0, func() { c.Step() })
			c.Step()
		}, want: "simclock: Advance"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assertPanics(t, tt.want, func() { tt.f(simclock.New(start)) })
		})
	}
}

func TestPanickingFuncLeavesClockUsable(t *testing.T) {
	t.Parallel()
	c := simclock.New(start)
	c.AfterFunc(time.Second, func() { panic("boom") })
	later := false
	c.AfterFunc(2*time.Second, func() { later = true })
	assertPanics(t, "boom", func() { c.Advance(time.Minute) })
	if !c.Now().Equal(start.Add(time.Second)) || c.Len() != 1 {
		t.Fatalf("after panic: Now = %v, Len = %d; want %v, 1", c.Now(), c.Len(), start.Add(time.Second))
	}
	c.Advance(time.Minute)
	if !later {
		t.Error("the remaining timer did not fire after the panic")
	}
}

func assertPanics(t *testing.T, prefix string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Fatalf("did not panic; want a panic starting with %q", prefix)
		}
		if msg := fmt.Sprint(r); !strings.HasPrefix(msg, prefix) {
			t.Fatalf("panic %q; want it to start with %q", msg, prefix)
		}
	}()
	f()
}

// TestGrowKeepsOrderAndAllocations checks that Grow changes nothing a caller
// sees, and that the timers it made room for are armed without growing the
// queue. (Not parallel: testing.AllocsPerRun refuses parallel tests.)
func TestGrowKeepsOrderAndAllocations(t *testing.T) {
	c := simclock.New(start)
	r := &recorder{c: c}
	c.AfterFunc(2*time.Second, r.fn("before"))
	// AllocsPerRun runs f twice: a warm-up, then the measured run.
	c.Grow(6)
	fns := []func(){r.fn("a"), r.fn("b"), r.fn("c")}
	allocs := testing.AllocsPerRun(1, func() {
		for i, f := range fns {
			c.AfterFunc(time.Duration(3-i)*time.Second, f)
		}
	})
	// At most one allocation for the Timers (they come in chunks), none
	// for the queue.
	if allocs > 1 {
		t.Errorf("arming 3 timers after Grow made %v allocations, want at most 1", allocs)
	}
	c.Advance(time.Hour)
	want := []string{"c@1s", "c@1s", "before@2s", "b@2s", "b@2s", "a@3s", "a@3s"}
	if diff := cmp.Diff(want, r.log); diff != "" {
		t.Errorf("firing order (-want +got):\n%s", diff)
	}
}

// TestTimersComeInChunks checks that arming many timers allocates a few
// chunks of Timers, not one per timer, and that timers of one chunk keep
// their own funcs, dues and Stop. (Not parallel: testing.AllocsPerRun
// refuses parallel tests.)
func TestTimersComeInChunks(t *testing.T) {
	c := simclock.New(start)
	c.Grow(200)
	fired := make([]int, 0, 200)
	fns := make([]func(), 200)
	for i := range fns {
		fns[i] = func() { fired = append(fired, i) }
	}
	timers := make([]*simclock.Timer, 0, 200)
	allocs := testing.AllocsPerRun(1, func() {
		timers = timers[:0]
		for i, f := range fns[:100] {
			timers = append(timers, c.AfterFunc(time.Duration(100-i)*time.Second, f))
		}
	})
	// The clock holds the first Timer; chunks of 2, 4, 8, 16, 32, 64, 64 and
	// 64 cover the other 199 (the measured run takes at most 7 of them).
	if allocs > 7 {
		t.Errorf("arming 100 timers made %v allocations, want at most 7", allocs)
	}
	for i, tm := range timers {
		if i%2 == 1 && !tm.Stop() {
			t.Errorf("Stop of pending timer %d reported false", i)
		}
	}
	c.Advance(time.Hour)
	// AllocsPerRun armed the timers twice (a warm-up, then the measured
	// run) and only the second run's odd ones were stopped: each due
	// instant fires the warm-up's timer, then the measured run's if even.
	var want []int
	for i := 99; i >= 0; i-- {
		want = append(want, i)
		if i%2 == 0 {
			want = append(want, i)
		}
	}
	if diff := cmp.Diff(want, fired); diff != "" {
		t.Errorf("fired (-want +got):\n%s", diff)
	}
}

type firer struct{}

func (f *firer) Fire() {}

// TestWhenExact checks that When and Now give back exactly (==, location
// included) the time a timer was due at, whatever the clock's location, and
// that a zero Timer's When is the zero time.
func TestWhenExact(t *testing.T) {
	fixed := time.FixedZone("X", 3600)
	for _, loc := range []*time.Location{time.UTC, time.Local, fixed} {
		start := time.Date(2024, 2, 29, 23, 59, 59, 999999999, loc)
		c := simclock.New(start)
		var at time.Time
		tm := c.AfterFunc(1500*time.Millisecond, func() { at = c.Now() })
		f := c.AfterFirer(time.Nanosecond, &firer{})
		want := start.Add(1500 * time.Millisecond)
		if got := tm.When(); got != want {
			t.Errorf("%v: When() = %#v, want %#v", loc, got, want)
		}
		if got := f.When(); got != start.Add(time.Nanosecond) {
			t.Errorf("%v: AfterFirer When() = %v", loc, got)
		}
		if next, _ := c.Next(); next != start.Add(time.Nanosecond) {
			t.Errorf("%v: Next() = %#v", loc, next)
		}
		c.Advance(time.Hour)
		if at != want {
			t.Errorf("%v: Now in the func = %#v, want %#v", loc, at, want)
		}
	}
	if got := new(simclock.Timer).When(); got != (time.Time{}) {
		t.Errorf("zero Timer When() = %v", got)
	}
}

func TestAfterFirerNil(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	simclock.New(time.Time{}).AfterFirer(0, nil)
}

// TestOneTimerAtATimeAllocatesNothing checks that a short simulation, one
// timer pending at a time, allocates nothing but its clock: the first
// Timer and the queue's first room are the clock's own memory. (Not
// parallel: testing.AllocsPerRun refuses parallel tests.)
func TestOneTimerAtATimeAllocatesNothing(t *testing.T) {
	fired := 0
	f := func() { fired++ }
	allocs := testing.AllocsPerRun(10, func() {
		c := simclock.New(start)
		c.AfterFunc(time.Second, f)
		c.Advance(time.Minute)
	})
	if allocs > 1 {
		t.Errorf("a clock that ran one timer made %v allocations, want 1 (the clock)", allocs)
	}
	if fired != 11 {
		t.Errorf("the timer fired %d times in 11 runs", fired)
	}
}
