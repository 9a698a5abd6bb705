package testsuite

import (
	"math"
	"strconv"
	"testing"
	"time"
)

// TestChoiceLogKeepsOrder checks the log of choices against a plain slice,
// around the number of ties that fill the room the log makes first (a tie of these
// takes 4 bytes).
func TestChoiceLogKeepsOrder(t *testing.T) {
	t.Parallel()
	fill := choiceLogRoom / 4
	for _, n := range []int{0, 1, fill - 1, fill, fill + 1, 3*fill + 5} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			t.Parallel()
			var l choiceLog
			var want []Choice
			for i := range n {
				c := Choice{Kind: ChoiceTie, Among: i + 2, Picked: i}
				l.add(&c)
				want = append(want, c)
			}
			got := l.all()
			if (got == nil) != (want == nil) || len(got) != len(want) {
				t.Fatalf("all() = %d choices (nil: %v), want %d (nil: %v)", len(got), got == nil, len(want), want == nil)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("choice %d = %+v, want %+v", i, got[i], want[i])
				}
			}
		})
	}
}

// TestChoiceRecordRoundTrips checks that the log gives back each kind of
// choice as recorded, with every field that kind sets (the record calls).
func TestChoiceRecordRoundTrips(t *testing.T) {
	t.Parallel()
	at := DefaultStartTime.Add(90 * time.Second)
	attempt := Choice{Time: at, WorkflowID: "wf", ActivityType: "Book", ScheduledEventID: 1 << 40, Attempt: 7}
	with := func(c Choice, f func(*Choice)) Choice { f(&c); return c }
	cases := map[string]Choice{
		"tie":        {Kind: ChoiceTie, Time: at, Among: 1 << 33, Picked: 1<<33 - 1},
		"task order": {Kind: ChoiceTaskOrder, Time: at, WorkflowID: "wf", Among: 3, Picked: 2},
		"latency": with(attempt, func(c *Choice) {
			c.Kind, c.Duration = ChoiceLatency, 11*time.Second+time.Nanosecond
		}),
		"failure":         with(attempt, func(c *Choice) { c.Kind, c.Happened = ChoiceFailure, true }),
		"hang":            with(attempt, func(c *Choice) { c.Kind = ChoiceHang }),
		"restart":         {Kind: ChoiceRestart, Time: at, WorkflowID: "wf", Happened: true},
		"signal jitter":   {Kind: ChoiceSignalJitter, Time: at, WorkflowID: "wf", SignalName: "go", Duration: time.Second},
		"callback jitter": {Kind: ChoiceCallbackJitter, Time: at, Duration: time.Second, Delay: time.Duration(math.MaxInt64)},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var l choiceLog
			l.add(&c)
			if got := l.all(); len(got) != 1 || got[0] != c {
				t.Errorf("all() = %+v, want [%+v]", got, c)
			}
		})
	}
}

// TestChoiceLogKeepsEveryTime checks the times the log keeps as offsets
// from its first: a later and an earlier one, one farther than a Duration
// reaches, and one in another location come back as recorded.
func TestChoiceLogKeepsEveryTime(t *testing.T) {
	t.Parallel()
	at := DefaultStartTime.Add(time.Hour)
	times := []time.Time{
		at,
		at.Add(90*time.Second + time.Nanosecond),
		at.Add(-time.Minute),
		at.AddDate(300, 0, 0),
		at.AddDate(-300, 0, 0),
		at.In(time.FixedZone("X", 3600)),
		at,
		// As far as a Duration reaches either way: the step between
		// them overflows one, and wraps back.
		at.Add(math.MaxInt64 - time.Second),
		at.Add(-math.MaxInt64 + time.Second),
		at.Add(math.MaxInt64 - time.Second),
	}
	var l choiceLog
	for i, tm := range times {
		l.add(&Choice{Kind: ChoiceTie, Time: tm, Among: 2, Picked: i % 2})
	}
	got := l.all()
	if len(got) != len(times) {
		t.Fatalf("all() = %d choices, want %d", len(got), len(times))
	}
	for i, tm := range times {
		if got[i].Time != tm {
			t.Errorf("choice %d: time %v, want %v", i, got[i].Time, tm)
		}
	}
}

// TestChoiceLogKeepsEveryName checks the strings the log keeps by index:
// more distinct workflow IDs, activity types and signal names than fit its
// own memory, each recorded more than once, come back as recorded.
func TestChoiceLogKeepsEveryName(t *testing.T) {
	t.Parallel()
	var l choiceLog
	var want []Choice
	for i := range 3 * choiceLogRoom / 4 {
		wf := "wf" + strconv.Itoa(i%7)
		c := Choice{Kind: ChoiceLatency, WorkflowID: wf, ActivityType: "A" + strconv.Itoa(i%5), ScheduledEventID: int64(i), Attempt: 1, Duration: time.Second}
		if i%3 == 0 {
			c = Choice{Kind: ChoiceSignalJitter, WorkflowID: wf, SignalName: "s" + strconv.Itoa(i%4), Duration: time.Minute}
		}
		l.add(&c)
		want = append(want, c)
	}
	got := l.all()
	if len(got) != len(want) {
		t.Fatalf("all() = %d choices, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("choice %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestChoiceLogKeepsAMonotonicTime checks that a time with a monotonic
// clock reading, which no virtual time has, comes back as recorded too.
func TestChoiceLogKeepsAMonotonicTime(t *testing.T) {
	t.Parallel()
	now := time.Now()
	var l choiceLog
	l.add(&Choice{Kind: ChoiceTie, Time: DefaultStartTime, Among: 2})
	l.add(&Choice{Kind: ChoiceTie, Time: now, Among: 2})
	if got := l.all(); len(got) != 2 || got[0].Time != DefaultStartTime || got[1].Time != now {
		t.Errorf("all() = %+v, want times %v and %v", got, DefaultStartTime, now)
	}
}
