package workflow

import (
	"fmt"
	"strconv"
	"time"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// TimerOptions are the options of NewTimerWithOptions, as Temporal's
// workflow.TimerOptions.
type TimerOptions struct {
	// Summary names the timer for people: it is recorded, encoded with
	// the worker's data converter, as the user metadata summary of the
	// TimerStarted event, where Temporal's UI and CLI show it. It does
	// not change what the timer does.
	Summary string
	// EventGroups are the groups of the timer's command, with those of
	// the context (see EventGroup: not recorded).
	EventGroups []EventGroup
}

// NewTimerWithOptions is NewTimer with options, as Temporal's
// workflow.NewTimerWithOptions.
func NewTimerWithOptions(ctx Context, d time.Duration, options TimerOptions) Future {
	if options.Summary == "" || d <= 0 {
		return NewTimer(ctx, d)
	}
	s := getState(ctx)
	s.mustRun("workflow.NewTimerWithOptions")
	summary := s.summaryPayload(options.Summary)
	t := new(timer)
	s.startTimer(ctx, d, t)
	// The summary makes the command a full one (see command): a timer
	// without one stays compact.
	t.cmd.full = &run.Command{Kind: run.CommandStartTimer, ID: t.cmd.ID, TimerDuration: d, Summary: summary}
	return &t.futureImpl
}

// summaryPayload encodes a summary as Temporal's SDK encodes user metadata:
// with the worker's data converter. A summary that does not encode panics,
// as it does in Temporal's SDK.
func (s *runState) summaryPayload(summary string) *converter.Payload {
	p, err := s.dc.ToPayload(summary)
	if err != nil {
		panic(fmt.Sprintf("workflow: encoding the summary %s: %v", strconv.Quote(summary), err))
	}
	return p
}

// sleepSummary is the summary Temporal's SDK (since v1.29.1) gives the
// timer of every Sleep, which a server records in its TimerStarted event.
const sleepSummary = "Sleep"

// sleepSummaryPayload returns sleepSummary encoded, encoding it on the
// run's first Sleep: every Sleep's command carries the same payload, so a
// run of many sleeps encodes it once.
func (s *runState) sleepSummaryPayload() *converter.Payload {
	if s.sleepSummary == nil {
		s.sleepSummary = s.summaryPayload(sleepSummary)
	}
	return s.sleepSummary
}

// AwaitOptions are the options of AwaitWithOptions, as Temporal's
// workflow.AwaitOptions.
type AwaitOptions struct {
	// Timeout is how long to wait for the condition; the timer that
	// bounds the wait starts at once.
	Timeout time.Duration
	// TimerOptions are those of the timer that bounds the wait.
	TimerOptions TimerOptions
}

// AwaitWithOptions is AwaitWithTimeout with options, as Temporal's
// workflow.AwaitWithOptions: it waits until condition holds (ok), ctx is
// canceled (a *wfsim.CanceledError) or options.Timeout passes (not ok),
// and its timer is recorded with options.TimerOptions.
func AwaitWithOptions(ctx Context, options AwaitOptions, condition func() bool) (ok bool, err error) {
	s := getState(ctx)
	s.mustRun("workflow.AwaitWithOptions")
	return s.awaitWithTimer(ctx, options, condition, "AwaitWithOptions")
}
