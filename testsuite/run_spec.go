package testsuite

import (
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
)

// runSpec says what run newRun starts: the workflow under test, a child
// (link names its parent), or the next run of a chain.
type runSpec struct {
	id, runID, wfType, queue string
	input                    *converter.Payloads
	wf                       any
	executionTimeout         time.Duration
	runTimeout               time.Duration
	taskTimeout              time.Duration
	retryPolicy              *wfsim.RetryPolicy
	memo                     map[string]*converter.Payload
	searchAttributes         map[string]*converter.Payload
	// The chain: the attempt (retries count up), the run continued from,
	// why, the first run and when the execution started.
	// (attempt and initiator, 4 bytes each, side by side share a word:
	// the run's allocation, see newRunMemory, stays in its size class.)
	attempt          int32
	initiator        replay.ContinueAsNewInitiator
	continuedRunID   string
	continuedFailure *wfsim.Failure
	// chain is the cron schedule and the last completion result, nil
	// for most runs (cron_run.go).
	chain          *chainInfo
	firstRunID     string
	executionStart time.Time
	// firstTaskBackoff delays the first workflow task (a retry's
	// backoff).
	firstTaskBackoff time.Duration
	link             *runLink
	// header is the run's start header; nil records none.
	header map[string]*converter.Payload
}

// completeSpec fills in what a spec leaves out, and links the run to it.
func (e *environment) completeSpec(s runSpec) runSpec {
	if s.runID == "" {
		s.runID = e.nextRunID()
	}
	if s.firstRunID == "" {
		s.firstRunID = s.runID
	}
	if s.executionStart.IsZero() {
		s.executionStart = e.clock.Now()
	}
	if s.attempt == 0 {
		s.attempt = 1
	}
	if s.taskTimeout == 0 {
		s.taskTimeout = workflowTaskTimeout
	}
	if s.runTimeout > 0 && s.taskTimeout > s.runTimeout {
		// The server caps the workflow task timeout, the default one too,
		// by the run timeout.
		s.taskTimeout = s.runTimeout
	}
	if s.link == nil {
		s.link = &runLink{namespace: defaultNamespace}
	}
	if s.link.runs == 0 {
		s.link.runs = 1
	}
	s.link.memo, s.link.sa = s.memo, s.searchAttributes
	s.link.spec = s
	return s
}

// startedAttributes are the attributes of a run's WorkflowExecutionStarted
// event.
func (e *environment) startedAttributes(r *workflowRun, s runSpec) *replay.WorkflowExecutionStartedEventAttributes {
	a := &replay.WorkflowExecutionStartedEventAttributes{
		WorkflowType:             replay.WorkflowType{Name: s.wfType},
		TaskQueue:                replay.TaskQueue{Name: s.queue, Kind: replay.TaskQueueKindNormal},
		Input:                    s.input,
		WorkflowExecutionTimeout: s.executionTimeout,
		WorkflowRunTimeout:       s.runTimeout,
		WorkflowTaskTimeout:      s.taskTimeout,
		ContinuedExecutionRunID:  s.continuedRunID,
		Initiator:                s.initiator,
		ContinuedFailure:         s.continuedFailure,
		LastCompletionResult:     s.chain.lastResult(),
		CronSchedule:             s.chain.schedule(),
		OriginalExecutionRunID:   r.runID,
		Identity:                 defaultIdentity,
		FirstExecutionRunID:      s.firstRunID,
		RetryPolicy:              replayRetryPolicy(s.retryPolicy),
		Attempt:                  s.attempt,
		FirstWorkflowTaskBackoff: s.firstTaskBackoff,
		Memo:                     memoOf(s.memo),
		SearchAttributes:         searchAttributesOf(s.searchAttributes),
		WorkflowID:               r.id,
		Priority:                 recordedPriority(s.link.priority),
	}
	a.Header = headerOf(s.header)
	if p := s.link.parent; p != nil {
		a.ParentWorkflowNamespace = s.link.namespace
		a.ParentWorkflowExecution = &replay.WorkflowExecution{WorkflowID: p.id, RunID: p.runID}
		a.ParentInitiatedEventID = s.link.initiatedID
		root := p.root()
		a.RootWorkflowExecution = &replay.WorkflowExecution{WorkflowID: root.id, RunID: root.runID}
	}
	return a
}

// runStart is what the workflow machinery is told of a new run.
func (e *environment) runStart(r *workflowRun, s runSpec) run.Start {
	st := run.Start{
		Namespace:                s.link.namespace,
		WorkflowID:               r.id,
		RunID:                    r.runID,
		WorkflowType:             s.wfType,
		TaskQueue:                s.queue,
		Input:                    s.input,
		Attempt:                  s.attempt,
		StartTime:                e.clock.Now(),
		ContinuedRunID:           s.continuedRunID,
		FirstRunID:               s.firstRunID,
		Memo:                     memoOf(s.memo),
		SearchAttributes:         searchAttributesOf(s.searchAttributes),
		RetryPolicy:              s.retryPolicy,
		CronSchedule:             s.chain.schedule(),
		LastCompletionResult:     s.chain.lastResult(),
		LastFailure:              s.continuedFailure,
		WorkflowExecutionTimeout: s.executionTimeout,
		WorkflowRunTimeout:       s.runTimeout,
		WorkflowTaskTimeout:      s.taskTimeout,
		Logger:                   e.logger,
		DataConverter:            e.dc,
		FailureConverter:         e.failureConverter(),
		Driver:                   r,
	}
	st.Header, st.ContextPropagators = s.header, e.reg.startPropagators()
	if p := s.link.priority; p != nil {
		st.Priority = *p
	}
	st.Aliases = e.aliases()
	st.Carrier = e.carrier
	if p := s.link.parent; p != nil {
		st.ParentWorkflowID, st.ParentRunID = p.id, p.runID
		root := p.root()
		st.RootWorkflowID, st.RootRunID = root.id, root.runID
	}
	return st
}

// A run is its instance's run.Driver: it answers the requests that are
// not commands without a closure per hook and run.

// GetVersion answers a GetVersion recorded for the first time (run.Driver).
func (r *workflowRun) GetVersion(changeID string, minSupported, maxSupported int) (int, bool) {
	return r.env.versionHook(changeID, minSupported, maxSupported)
}

// StartLocalActivity receives a local activity request (run.Driver).
func (r *workflowRun) StartLocalActivity(la run.LocalActivity) { r.localActivityHook(la) }

// CancelLocalActivity cancels a local activity's attempt (run.Driver).
func (r *workflowRun) CancelLocalActivity(activityID string) { r.cancelLocalActivityHook(activityID) }

// busy reports whether the simulation goes on: while the workflow under
// test is open, and after it closed while children it abandoned still run,
// as Temporal's test environment waits for them.
func (e *environment) busy() bool {
	if !e.root.closed {
		return true
	}
	if !e.waitsForDetachedChildren() {
		return false
	}
	for _, r := range e.comp.runs {
		if !r.closed && !r.cronWaiting() {
			return true
		}
	}
	return false
}

// blockedRuns describes where the coroutines of every open run wait; with
// several runs each line names its workflow.
func (e *environment) blockedRuns() []string {
	var open []*workflowRun
	for _, r := range e.comp.runs {
		if !r.closed && r.inst != nil {
			open = append(open, r)
		}
	}
	if len(open) == 1 {
		return open[0].inst.Blocked()
	}
	var out []string
	for _, r := range open {
		for _, b := range r.inst.Blocked() {
			out = append(out, r.id+": "+b)
		}
	}
	return out
}
