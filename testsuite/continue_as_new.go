package testsuite

import (
	"errors"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
)

// FollowContinueAsNew makes the environment follow the workflow under test
// when it continues as new: the next run starts in the same simulation
// with the same workflow ID, and so on, up to maxRuns runs in all (0 means
// no limit). The outcome (GetWorkflowResult, GetWorkflowError, History) is
// then the last run's; Histories has every run's. Without it, as in
// Temporal's test environment, the workflow ends at its first
// continue-as-new and GetWorkflowError is a *wfsim.ContinueAsNewError.
//
// Child workflows that continue as new are always followed, as the server
// follows them: their parent sees only the last run's outcome.
func (env *TestWorkflowEnvironment) FollowContinueAsNew(maxRuns int) {
	if maxRuns < 0 {
		panic("testsuite: FollowContinueAsNew with a negative maxRuns")
	}
	env.e.comp.follow = true
	env.e.comp.maxRuns = maxRuns
}

// Histories returns the histories of every run of the workflow with the
// given ID — the workflow under test, a child, or any workflow started in
// the simulation — in the order the runs started: several when it
// continued as new or was retried. It returns nil for an unknown ID.
func (env *TestWorkflowEnvironment) Histories(workflowID string) []*replay.History {
	var out []*replay.History
	for _, r := range env.e.comp.runs {
		if r.id == workflowID {
			out = append(out, r.handOut())
		}
	}
	return out
}

// WorkflowIDs returns the IDs of the workflows started in the simulation,
// the workflow under test first, in the order they first started.
func (env *TestWorkflowEnvironment) WorkflowIDs() []string {
	var out []string
	seen := make(map[string]bool)
	for _, r := range env.e.comp.runs {
		if !seen[r.id] {
			seen[r.id] = true
			out = append(out, r.id)
		}
	}
	return out
}

// followsContinueAsNew reports whether the next run of r starts in the
// simulation: always for a child, for the workflow under test as
// FollowContinueAsNew says.
func (e *environment) followsContinueAsNew(r *workflowRun) bool {
	if r.link.parent != nil {
		return true
	}
	if r != e.root || !e.comp.follow {
		return false
	}
	return e.comp.maxRuns == 0 || int(r.link.runs) < e.comp.maxRuns
}

// continueRun starts the run that r continued as, as the server does: same
// workflow ID, the run ID its WorkflowExecutionContinuedAsNew event names,
// the memo and search attributes r ended with.
func (e *environment) continueRun(r *workflowRun, ev *replay.Event) {
	a := ev.GetWorkflowExecutionContinuedAsNewEventAttributes()
	l := r.link
	if a.Memo == nil && len(l.memo) > 0 {
		a.Memo = memoOf(l.memo)
	}
	if a.SearchAttributes == nil && len(withoutNulls(l.sa)) > 0 {
		a.SearchAttributes = searchAttributesOf(withoutNulls(l.sa))
	}
	spec := l.spec
	spec.runID = a.NewExecutionRunID
	spec.wfType = a.WorkflowType.Name
	if a.TaskQueue.Name != "" {
		spec.queue = a.TaskQueue.Name
	}
	spec.input = a.Input
	spec.runTimeout = durationOr(a.WorkflowRunTimeout, spec.runTimeout)
	spec.taskTimeout = durationOr(a.WorkflowTaskTimeout, spec.taskTimeout)
	spec.attempt = 1
	// The command's retry policy (ContinueAsNewErrorOptions.RetryPolicy)
	// replaces the chain's; history does not record it, the server takes it
	// from the command.
	var can *wfsim.ContinueAsNewError
	if errors.As(r.err, &can) && can.RetryPolicy != nil {
		spec.retryPolicy = can.RetryPolicy
	}
	spec.continuedRunID = r.runID
	spec.initiator = replay.ContinueAsNewInitiatorWorkflow
	// Temporal's SDK sets neither on its command: the new run has none.
	spec.continuedFailure, spec.chain = nil, spec.chain.withResult(nil)
	spec.firstTaskBackoff = e.continueBackoff(r, a.BackoffStartInterval)
	spec.memo, spec.searchAttributes = l.memo, withoutNulls(l.sa)
	// The new run's header is the one the command carried (a retry's is
	// its first run's).
	spec.header = fieldsOf(a.Header)
	e.nextRun(r, spec)
}

// nextRun starts the next run of r's chain and puts it in r's place: as
// the workflow under test, as its parent's child.
func (e *environment) nextRun(r *workflowRun, spec runSpec) {
	l := r.link
	var wf any
	var err error
	if spec.wfType == l.spec.wfType && l.spec.wf != nil && !e.comp.mocked(spec.wfType) && e.comp.listeners.started == nil {
		wf = l.spec.wf // the function the chain started with, registered or not
	} else {
		var startFailed bool
		wf, startFailed, err = e.childFunction(spec)
		if startFailed {
			err = ErrMockStartChildWorkflowFailed
		}
	}
	spec.wf = wf
	spec.link = &runLink{parent: l.parent, initiatedID: l.initiatedID, startedID: l.startedID, namespace: l.namespace, policy: l.policy, runs: l.runs + 1, priority: l.priority}
	next := e.newRun(spec)
	if r == e.root {
		e.root = next
	}
	if p := l.parent; p != nil {
		for i, c := range p.link.children {
			if c == r {
				p.link.children[i] = next
			}
		}
	}
	if err == nil {
		err = next.startErr
	}
	if err != nil {
		e.failAtStart(next, err)
	}
}

// retryRun starts the next attempt of a run that failed or timed out under
// a retry policy, as the server retries a workflow: after the backoff,
// with the attempt counted up. It records the retry on r's closing event
// and reports whether it retries.
func (e *environment) retryRun(r *workflowRun, last *replay.Event) bool {
	l := r.link
	if l.spec.retryPolicy == nil {
		return false
	}
	var f *wfsim.Failure
	var state *wfsim.RetryState
	var newRunID *string
	switch {
	case last.GetWorkflowExecutionFailedEventAttributes() != nil:
		a := last.GetWorkflowExecutionFailedEventAttributes()
		f, state, newRunID = a.Failure, &a.RetryState, &a.NewExecutionRunID
	case last.GetWorkflowExecutionTimedOutEventAttributes() != nil:
		a := last.GetWorkflowExecutionTimedOutEventAttributes()
		f = &wfsim.Failure{Message: "workflow timeout", Source: "Server", TimeoutFailureInfo: &wfsim.TimeoutFailureInfo{TimeoutType: wfsim.TimeoutTypeStartToClose}}
		state, newRunID = &a.RetryState, &a.NewExecutionRunID
	default:
		return false
	}
	policy := retryPolicyOf(l.spec.retryPolicy)
	if !isRetryable(f, policy.NonRetryableErrorTypes) {
		*state = wfsim.RetryStateNonRetryableFailure
		return false
	}
	var delay *time.Duration
	if info := f.ApplicationFailureInfo; info != nil && info.NextRetryDelay != 0 {
		delay = &info.NextRetryDelay
	}
	var expiration time.Time
	if l.spec.executionTimeout > 0 {
		expiration = l.spec.executionStart.Add(l.spec.executionTimeout)
	}
	st, backoff := nextBackoff(e.clock.Now(), l.spec.attempt, policy, delay, expiration)
	*state = st
	if st != wfsim.RetryStateInProgress {
		return false
	}
	spec := l.spec
	spec.runID = e.nextRunID()
	*newRunID = spec.runID
	spec.attempt++
	spec.continuedRunID = r.runID
	spec.initiator = replay.ContinueAsNewInitiatorRetry
	spec.continuedFailure = f
	if last.GetWorkflowExecutionFailedEventAttributes() != nil {
		// The server hands the retry of a failed run no last completion
		// result; that of a timed-out one keeps the run's.
		spec.chain = spec.chain.withResult(nil)
	}
	spec.firstTaskBackoff = e.continueBackoff(r, backoff)
	e.nextRun(r, spec)
	return true
}

// minRunInterval is the default of the server's
// history.workflowIdReuseMinimalInterval: the least time from a run's
// execution to the first workflow task of the run that continues it, which
// keeps a chain that continues at once from spinning.
const minRunInterval = time.Second

// continueBackoff returns the backoff of the first workflow task of the run
// that continues r (as new, a retry or a cron run), given the one its
// command, retry policy or schedule asks for: as the server does, it is
// raised so that minRunInterval passes from r's execution time (its start
// plus its own first task's backoff).
func (e *environment) continueBackoff(r *workflowRun, backoff time.Duration) time.Duration {
	lifetime := e.clock.Now().Sub(r.executionTime())
	if lifetime+backoff < minRunInterval {
		return minRunInterval - lifetime
	}
	return backoff
}

// executionTime is when r's execution began, as the server counts it: its
// start plus the backoff of its first workflow task.
func (r *workflowRun) executionTime() time.Time {
	return r.history.Events[0].EventTime.Add(r.link.spec.firstTaskBackoff)
}

func durationOr(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// withoutNulls drops the attributes a run unset (null payloads): a new run
// starts without them.
func withoutNulls(fields map[string]*converter.Payload) map[string]*converter.Payload {
	var out map[string]*converter.Payload
	for k, p := range fields {
		if p == nil || p.Data == nil {
			continue
		}
		if out == nil {
			out = make(map[string]*converter.Payload, len(fields))
		}
		out[k] = p
	}
	return out
}

func memoOf(fields map[string]*converter.Payload) *replay.Memo {
	if len(fields) == 0 {
		return nil
	}
	return &replay.Memo{Fields: fields}
}

func searchAttributesOf(fields map[string]*converter.Payload) *replay.SearchAttributes {
	if len(fields) == 0 {
		return nil
	}
	return &replay.SearchAttributes{IndexedFields: fields}
}

func replayRetryPolicy(p *wfsim.RetryPolicy) *replay.RetryPolicy {
	if p == nil {
		return nil
	}
	// The server fills a workflow retry policy's unset fields before it
	// records it (InitialInterval 1s, BackoffCoefficient 2, MaximumInterval
	// 100 × InitialInterval; MaximumAttempts stays 0, unlimited).
	out := &replay.RetryPolicy{InitialInterval: p.InitialInterval, BackoffCoefficient: p.BackoffCoefficient,
		MaximumInterval: p.MaximumInterval, MaximumAttempts: p.MaximumAttempts, NonRetryableErrorTypes: p.NonRetryableErrorTypes}
	if out.InitialInterval <= 0 {
		out.InitialInterval = time.Second
	}
	if out.BackoffCoefficient == 0 {
		out.BackoffCoefficient = 2
	}
	if out.MaximumInterval <= 0 {
		out.MaximumInterval = 100 * out.InitialInterval
	}
	return out
}
