package testsuite

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ChoiceKind says what an explorer chose.
type ChoiceKind int

const (
	// ChoiceTie: which of several items due at the same virtual instant
	// happens first (a timer firing, an activity finishing or timing
	// out, a retry, a delayed callback).
	ChoiceTie ChoiceKind = iota + 1
	// ChoiceTaskOrder: which of several workflows with a workflow task
	// ready runs first.
	ChoiceTaskOrder
	// ChoiceLatency: how long an activity attempt takes (Faults.ActivityLatency).
	ChoiceLatency
	// ChoiceFailure: whether an activity attempt fails before it runs
	// (Faults.ActivityFailure).
	ChoiceFailure
	// ChoiceHang: whether an activity attempt hangs until its timeout
	// (Faults.ActivityHang).
	ChoiceHang
	// ChoiceRestart: whether the worker restarts after a workflow task
	// (Faults.WorkerRestart).
	ChoiceRestart
	// ChoiceSignalJitter: how late a signal arrives (Faults.Jitter).
	ChoiceSignalJitter
	// ChoiceCallbackJitter: how late a delayed callback runs (Faults.Jitter).
	ChoiceCallbackJitter
)

var choiceLabels = [...]string{"", "tie", "task order", "latency", "failure", "hang", "restart", "signal jitter", "callback jitter"}

// label is what the explorer is told the choice is.
func (k ChoiceKind) label() string {
	if k > 0 && int(k) < len(choiceLabels) {
		return choiceLabels[k]
	}
	return "choice"
}

func (k ChoiceKind) String() string { return k.label() }

// Choice is one choice an explorer made in a run, as Choices returns it and
// a failing test prints it. Which fields are set depends on the kind.
type Choice struct {
	Kind ChoiceKind
	// Time is the virtual instant of the choice.
	Time time.Time
	// WorkflowID is the workflow the choice concerns: the one whose
	// activity, task or signal it is.
	WorkflowID string
	// ActivityType, ScheduledEventID and Attempt name the activity
	// attempt of a latency, failure or hang.
	ActivityType     string
	ScheduledEventID int64
	Attempt          int32
	// SignalName names the signal of a signal jitter.
	SignalName string
	// Among is the number of items tied (ChoiceTie) or of workflow tasks
	// ready (ChoiceTaskOrder), and Picked the index, in their default
	// order, of the one that went first: 0 is the default.
	Among, Picked int
	// Duration is the latency or jitter drawn; Delay the delay a delayed
	// callback was registered with.
	Duration, Delay time.Duration
	// Happened says whether a failure, hang or restart happened.
	Happened bool
}

// String describes the choice in a line; the time is virtual time since
// the start of the simulation's clock.
func (c Choice) String() string {
	return c.describe(time.Time{})
}

func (c Choice) describe(start time.Time) string {
	var b strings.Builder
	if !start.IsZero() {
		b.WriteString(since(start, c.Time))
		b.WriteString(" ")
	}
	attempt := func() string {
		return fmt.Sprintf("activity %s (scheduled by event %d) attempt %d", c.ActivityType, c.ScheduledEventID, c.Attempt)
	}
	yes := func(s string) string {
		if c.Happened {
			return "FAULT: " + s
		}
		return "no fault: " + s
	}
	switch c.Kind {
	case ChoiceTie:
		fmt.Fprintf(&b, "tie: %d items due at once, the %s in schedule order goes first", c.Among, ordinal(c.Picked+1))
	case ChoiceTaskOrder:
		fmt.Fprintf(&b, "task order: %d workflow tasks ready, %q's (the %s) runs first", c.Among, c.WorkflowID, ordinal(c.Picked+1))
	case ChoiceLatency:
		fmt.Fprintf(&b, "latency: %s takes %v", attempt(), c.Duration)
	case ChoiceFailure:
		b.WriteString(yes(attempt() + " fails before it runs"))
	case ChoiceHang:
		b.WriteString(yes(attempt() + " hangs until its timeout"))
	case ChoiceRestart:
		b.WriteString(yes(fmt.Sprintf("worker restart after a workflow task of %q", c.WorkflowID)))
	case ChoiceSignalJitter:
		fmt.Fprintf(&b, "jitter: signal %q to %q arrives %v late", c.SignalName, c.WorkflowID, c.Duration)
	case ChoiceCallbackJitter:
		fmt.Fprintf(&b, "jitter: the callback delayed by %v runs %v late", c.Delay, c.Duration)
	default:
		fmt.Fprintf(&b, "choice of kind %d", int(c.Kind))
	}
	return b.String()
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

// since formats t as virtual time elapsed since start, as "+1m30s".
func since(start, t time.Time) string {
	return "+" + t.Sub(start).String()
}

// Choices returns the choices the explorer made in the run, in the order
// they were made; nil without an explorer.
func (env *TestWorkflowEnvironment) Choices() []Choice {
	if env.e.x == nil {
		return nil
	}
	return env.e.x.choices.all()
}

// faultCount returns how many of the choices were faults that happened.
func faultCount(cs []Choice) int {
	n := 0
	for _, c := range cs {
		if c.Happened {
			n++
		}
	}
	return n
}

// explorationReport says how an explored run was explored, for a failing
// test: the explorer (its seed), the faults, every choice in order, and
// what was pending when a run timed out or reached the horizon.
func (e *environment) explorationReport() string {
	x := e.x
	if x == nil {
		return ""
	}
	var b strings.Builder
	name := "an explorer"
	if s, ok := x.explorer.(fmt.Stringer); ok {
		name = s.String()
	}
	fmt.Fprintf(&b, "explored with %s\nfaults: %v\n", name, x.faults)
	choices := x.choices.all()
	fmt.Fprintf(&b, "%d choices, %d faults, in order:\n", len(choices), faultCount(choices))
	for i, c := range choices {
		fmt.Fprintf(&b, "  %3d. %s\n", i+1, c.describe(e.startTime))
	}
	if m := x.rare; m != nil {
		for _, n := range m.notes {
			fmt.Fprintf(&b, "  %s\n", n)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}
