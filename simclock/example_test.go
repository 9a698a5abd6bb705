package simclock_test

import (
	"fmt"
	"time"

	"github.com/wfsim/wfsim/simclock"
)

func Example() {
	c := simclock.New(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	say := func(what string) func() {
		return func() { fmt.Println(c.Now().Format(time.TimeOnly), what) }
	}

	c.AfterFunc(2*time.Hour, say("second"))
	c.AfterFunc(time.Hour, func() {
		say("first")()
		// Due at this same instant: runs in this advance, after the
		// timers already queued for 01:00.
		c.AfterFunc(0, say("follow-up"))
	})
	c.AfterFunc(time.Hour, say("also first"))
	stopped := c.AfterFunc(90*time.Minute, say("never"))
	stopped.Stop()

	c.Advance(24 * time.Hour) // a day of virtual time, at no cost
	fmt.Println(c.Now().Format(time.DateTime), "pending:", c.Len())
	// Output:
	// 01:00:00 first
	// 01:00:00 also first
	// 01:00:00 follow-up
	// 02:00:00 second
	// 2000-01-02 00:00:00 pending: 0
}

func ExampleClock_Step() {
	c := simclock.New(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	// A ticker: the func re-arms its own timer.
	var tick *simclock.Timer
	n := 0
	tick = c.AfterFunc(time.Minute, func() {
		if n++; n < 3 {
			tick.Reset(time.Minute)
		}
	})
	// A simulator runs until nothing is pending, jumping from instant to instant.
	for c.Step() {
		fmt.Println(c.Now().Format(time.TimeOnly), "tick", n)
	}
	// Output:
	// 00:01:00 tick 1
	// 00:02:00 tick 2
	// 00:03:00 tick 3
}

// lease is an object with a timer of its own: it is the timer's Firer, so
// arming the timer allocates no closure.
type lease struct {
	name  string
	clock *simclock.Clock
	timer *simclock.Timer
}

func (l *lease) Fire() {
	fmt.Println(l.clock.Now().Format(time.TimeOnly), l.name, "expired")
}

func ExampleClock_AfterFirer() {
	c := simclock.New(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	var leases []*lease
	for i, name := range []string{"a", "b", "c"} {
		l := &lease{name: name, clock: c}
		l.timer = c.AfterFirer(time.Duration(i+1)*time.Minute, l)
		leases = append(leases, l)
	}
	leases[1].timer.Reset(5 * time.Minute) // b is renewed
	c.Advance(time.Hour)
	// Output:
	// 00:01:00 a expired
	// 00:03:00 c expired
	// 00:05:00 b expired
}
