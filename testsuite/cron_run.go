package testsuite

import (
	"fmt"
	"strconv"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
)

// Cron schedules, as the Temporal server runs them: a workflow started with
// a cron schedule (a child with ChildWorkflowOptions.CronSchedule) waits
// for the first fire time after its start (its WorkflowExecutionStarted
// records FirstWorkflowTaskBackoff and the CronSchedule initiator), and
// each time a run completes, fails without a retry, or times out without a
// retry, the server starts the next run at the next fire time: same
// workflow ID, a new run ID that the closing event names, attempt 1,
// LastCompletionResult the last completed run's result and ContinuedFailure
// the failure of the run just closed. A canceled or terminated run ends the
// chain. Its parent sees only the chain's end.
//
// Temporal's own test environment starts the first run at once; the server
// does not, and neither does the simulation.

// startCron prepares the first run of a cron chain: spec's schedule is
// parsed (an invalid one panics, as in Temporal's test environment) and its
// first workflow task waits for the first fire time.
func (e *environment) startCron(spec *runSpec) {
	sched, err := parseCron(spec.chain.schedule())
	if err != nil {
		panic(fmt.Sprintf("testsuite: workflow %q: invalid CronSchedule %s: %v", spec.wfType, strconv.Quote(spec.chain.schedule()), err))
	}
	now := e.clock.Now()
	if d, ok := sched.cronBackoff(now, now); ok {
		spec.firstTaskBackoff = d
	}
	spec.initiator = replay.ContinueAsNewInitiatorCronSchedule
}

// cronRun starts the next run of r's cron chain after r closed with last,
// and reports whether it did.
func (e *environment) cronRun(r *workflowRun, last *replay.Event) bool {
	l := r.link
	if l.spec.chain.schedule() == "" {
		return false
	}
	spec := l.spec
	var newRunID *string
	switch {
	case last.GetWorkflowExecutionCompletedEventAttributes() != nil:
		a := last.GetWorkflowExecutionCompletedEventAttributes()
		spec.chain, spec.continuedFailure = spec.chain.withResult(a.Result), nil
		newRunID = &a.NewExecutionRunID
	case last.GetWorkflowExecutionFailedEventAttributes() != nil:
		a := last.GetWorkflowExecutionFailedEventAttributes()
		spec.continuedFailure = a.Failure
		newRunID = &a.NewExecutionRunID
	case last.GetWorkflowExecutionTimedOutEventAttributes() != nil:
		a := last.GetWorkflowExecutionTimedOutEventAttributes()
		spec.continuedFailure = &wfsim.Failure{Message: "workflow timeout", TimeoutFailureInfo: &wfsim.TimeoutFailureInfo{TimeoutType: wfsim.TimeoutTypeStartToClose}}
		newRunID = &a.NewExecutionRunID
	default:
		return false
	}
	sched, err := parseCron(spec.chain.schedule())
	if err != nil {
		return false // checked when the chain started
	}
	// The server counts from the run's execution time.
	backoff, ok := sched.cronBackoff(r.executionTime(), e.clock.Now())
	if !ok {
		return false
	}
	spec.runID = e.nextRunID()
	*newRunID = spec.runID
	spec.attempt = 1
	spec.continuedRunID = r.runID
	spec.initiator = replay.ContinueAsNewInitiatorCronSchedule
	spec.firstTaskBackoff = e.continueBackoff(r, backoff)
	spec.executionStart = e.clock.Now()
	e.nextRun(r, spec)
	return true
}

// chainInfo is what a run carries of its chain that few runs have: the
// cron schedule and the result of the chain's last completed run. Specs
// share it: change it with withResult, which copies.
type chainInfo struct {
	cron   string
	result *converter.Payloads
}

func (c *chainInfo) schedule() string {
	if c == nil {
		return ""
	}
	return c.cron
}

func (c *chainInfo) lastResult() *converter.Payloads {
	if c == nil {
		return nil
	}
	return c.result
}

// withResult returns c with the last completion result p: nil when that
// leaves nothing.
func (c *chainInfo) withResult(p *converter.Payloads) *chainInfo {
	cron := c.schedule()
	if cron == "" && len(p.GetPayloads()) == 0 {
		return nil
	}
	return &chainInfo{cron: cron, result: p}
}

// cronWaiting reports whether r is a run of a cron chain still waiting for
// its fire time. A chain never ends by itself: once the workflow under test
// closed, the simulation waits for an abandoned chain's running run, but
// not for its next one.
func (r *workflowRun) cronWaiting() bool {
	return r.link.spec.chain.schedule() != "" && len(r.history.Events) == 1
}
