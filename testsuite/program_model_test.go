package testsuite_test

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// progModel computes what a program's ops should give, by the server's
// rules, from the signals' arrival offsets.
type progModel struct {
	now     time.Duration
	signals []time.Duration
	next    int // the first signal no race has taken
	// ends holds when each noted outcome was noted.
	ends []time.Duration
	// noted holds the op each noted outcome is of, and when it began.
	noted []notedOp
	// continuedAt is when the first run continued as new, if it did.
	continuedAt time.Duration
	continued   bool
}

// activity returns when an activity scheduled now ends and how.
func (m *progModel) activity(a progActivity) (time.Duration, string) {
	now := m.now
	deadline := time.Duration(-1)
	if a.ScheduleToClose > 0 {
		deadline = now + a.ScheduleToClose
	}
	// The server caps the StartToClose timeout to the ScheduleToClose one,
	// whose deadline comes first (an attempt starts after it is scheduled).
	startToClose := a.StartToClose
	if a.ScheduleToClose > 0 {
		startToClose = min(startToClose, a.ScheduleToClose)
	}
	for attempt := 1; ; attempt++ {
		var outcome string
		switch {
		case a.Heartbeat > 0 && a.Takes > a.Heartbeat && a.Heartbeat < startToClose:
			now, outcome = now+a.Heartbeat, "timeout Heartbeat"
		case a.Takes > startToClose:
			now, outcome = now+startToClose, "timeout StartToClose"
		default:
			now, outcome = now+a.Takes, "error"
			if attempt > a.Fails {
				outcome = "ok"
			}
		}
		switch {
		case deadline >= 0 && (now > deadline || now == deadline && outcome != "ok" && outcome != "error"):
			return deadline, "timeout ScheduleToClose"
		case outcome == "ok",
			outcome == "error" && a.NonRetryable,
			attempt == a.MaxAttempts:
			return now, outcome
		}
		backoff := time.Minute << (attempt - 1)
		if deadline >= 0 && now+backoff > deadline {
			// No time left for another attempt: the server gives up
			// then, a timed-out attempt counting as a ScheduleToClose
			// timeout.
			if outcome != "error" {
				outcome = "timeout ScheduleToClose"
			}
			return now, outcome
		}
		now += backoff
	}
}

func (m *progModel) run(ops []progOp) []string {
	return m.runFrom(ops, nil)
}

// runFrom runs the ops after the outcomes of an earlier run (nil for the
// first).
func (m *progModel) runFrom(ops []progOp, prior []string) []string {
	out := slices.Clone(prior)
	var op progOp
	var began time.Duration
	note := func(outcome string) {
		out = append(out, fmt.Sprintf("%s@%v", outcome, m.now))
		m.ends = append(m.ends, m.now)
		m.noted = append(m.noted, notedOp{op, began})
	}
	for i := range ops {
		op, began = ops[i], m.now
		switch op.Kind {
		case "can":
			if prior != nil {
				continue
			}
			note("continued")
			m.continuedAt, m.continued = m.now, true
			// The signals the run did not take are lost with it. The
			// next run's first task comes no sooner than a second after
			// the first run's start (the server's minimal interval).
			for m.next < len(m.signals) && m.signals[m.next] < m.now {
				m.next++
			}
			m.now = max(m.now, time.Second)
			return m.runFrom(ops, out)
		case "act", "par":
			var outcomes []string
			end := m.now
			for _, a := range op.Acts {
				at, outcome := m.activity(a)
				end = max(end, at)
				outcomes = append(outcomes, outcome)
			}
			m.now = end
			note(strings.Join(outcomes, "+"))
		case "nostart":
			// The server caps ScheduleToStart to ScheduleToClose, or sets
			// it so when unset; when both are due, it takes
			// ScheduleToStart first.
			wait := op.D
			if op.Timeout > 0 && (wait == 0 || op.Timeout < wait) {
				wait = op.Timeout
			}
			m.now += wait
			note("timeout ScheduleToStart")
		case "sleep":
			m.now += op.D
			note("slept")
		case "race":
			if m.next < len(m.signals) && m.signals[m.next] < m.now+op.D {
				m.now = max(m.now, m.signals[m.next])
				note(fmt.Sprintf("signal s%d", m.next))
				m.next++
				continue
			}
			m.now += op.D
			note("timer")
		case "child":
			if op.Timeout > 0 && op.D > op.Timeout {
				m.now += op.Timeout
				note("child timeout")
				continue
			}
			m.now += op.D
			note(fmt.Sprintf("child %v", op.D))
		case "cancel":
			m.now += op.D
			note("canceled")
		case "childsignal":
			m.now += op.D
			note(fmt.Sprintf("child signaled %d", i))
		case "childfail":
			// Each run sleeps, then fails; the server retries the child
			// after 1m, 2m, … (never sooner than a second after the
			// failed run started).
			for attempt := 1; attempt <= op.Attempts; attempt++ {
				m.now += op.D
				if attempt < op.Attempts {
					m.now += time.Minute << (attempt - 1)
				}
			}
			note("child failed")
		case "childcancel":
			m.now += op.D
			note("child canceled")
		case "fanout":
			m.now += slices.Max(op.Sleeps)
			note(fmt.Sprintf("fanout %d", len(op.Sleeps)))
		case "side":
			note(fmt.Sprintf("side %d", i))
		case "version":
			note("version 2")
		case "local":
			note(fmt.Sprintf("local %d", i+100))
		case "slowlocal":
			m.now += progSlowLocal
			note(fmt.Sprintf("slow local %d", i+200))
		}
	}
	return out
}

// updateOutcomes returns what each update gives, and when. One sent after
// the program closed at end finds it closed and is dropped. A handler (of
// an argument of 3 or more) sleeps that many minutes: when its run closes
// first, the update is abandoned then; when the run is canceled at c, the
// sleep ends then, or at once for a handler that starts after c.
func (m *progModel) updateOutcomes(updates []progUpdate, end, c time.Duration, canceled bool) []string {
	var out []string
	for k, u := range updates {
		runEnd := end
		if m.continued && m.continuedAt < end && u.At < m.continuedAt {
			runEnd = m.continuedAt
		}
		done := u.At
		if u.Arg >= 3 {
			done += time.Duration(u.Arg) * time.Minute
		}
		switch {
		case u.At > end:
		case u.Arg < 0:
			out = append(out, fmt.Sprintf("u%d rejected@%v", k, u.At))
		case canceled && runEnd == end && u.Arg >= 3 && done > c:
			out = append(out, fmt.Sprintf("u%d canceled@%v", k, max(c, u.At)))
		case done < runEnd:
			out = append(out, fmt.Sprintf("u%d %d@%v", k, u.Arg*10, done))
		default:
			out = append(out, fmt.Sprintf("u%d abandoned@%v", k, runEnd))
		}
	}
	return out
}

// notedOp is the op an outcome is of, and when it began.
type notedOp struct {
	op    progOp
	began time.Duration
}

// canceledFailingChild returns when a childfail op that began at began
// ends when the workflow is canceled at c, while its child waits between
// runs that fail at once (D == 0): the cancellation request makes the
// server start the next run at once, whose code fails again (a zero Sleep
// does not see a cancellation), and the server retries it as any failed
// run, without the request; the parent waits for the child's end.
func canceledFailingChild(op progOp, began, c time.Duration) time.Duration {
	ran := 0 // the runs before c
	for at := began; ran < op.Attempts && at < c; ran++ {
		at += time.Minute << ran
	}
	end := c
	for attempt := ran + 1; attempt < op.Attempts; attempt++ {
		end += time.Minute << (attempt - 1)
	}
	return end
}

// predict returns what the scenario should give. A cancellation before the
// program ends cancels the op under way at once (every op either ends at
// once or waits on something the cancellation ends), and the workflow
// returns the outcomes noted before as the cancellation's details.
func predict(sc progScenario) progOutcome {
	m := progModel{signals: sc.Signals}
	notes := m.run(sc.Ops)
	end := m.now
	var o progOutcome
	if sc.CancelAt > 0 && sc.CancelAt < end {
		end = sc.CancelAt
		n := 0
		for n < len(notes) && m.ends[n] < sc.CancelAt {
			n++
		}
		if u := m.noted[n]; u.op.Kind == "childfail" && u.op.D == 0 {
			end = canceledFailingChild(u.op, u.began, sc.CancelAt)
		}
		o.Canceled, notes = true, notes[:n]
	}
	o.Notes = notes
	o.Updates = m.updateOutcomes(sc.Updates, end, sc.CancelAt, o.Canceled)
	// A query answers with the outcomes noted before it (of the ops that
	// ended before the cancellation), while the program runs.
	closedNotes := len(notes)
	for k, q := range sc.Queries {
		if q > end {
			continue
		}
		n := 0
		for n < closedNotes && m.ends[n] < q {
			n++
		}
		o.Queries = append(o.Queries, fmt.Sprintf("q%d %v", k, notes[:n]))
	}
	slices.Sort(o.Updates)
	return o
}
