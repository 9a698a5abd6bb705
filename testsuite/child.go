package testsuite

import (
	"errors"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// runLink is what a run knows of the runs around it: the parent that
// started it, the children it started, and how it was started, which the
// next run of its chain (continued as new, or retried) starts from.
type runLink struct {
	spec runSpec
	// parent is the run that started this one as a child, or nil.
	parent *workflowRun
	// initiatedID and startedID are the parent's
	// StartChildWorkflowExecutionInitiated and ChildWorkflowExecutionStarted
	// events.
	initiatedID int64
	startedID   int64
	namespace   string
	policy      replay.ParentClosePolicy
	// runs counts the runs of the chain up to this one. (An int32 beside
	// policy fills its padding: a run and its link, one allocation, keep
	// their size class with priority below.)
	runs int32
	// children are the children this run started, the current run of each.
	children []*workflowRun
	// memo and sa are the run's memo and search attributes as upserted so
	// far; a run continued as new starts with them.
	memo map[string]*converter.Payload
	sa   map[string]*converter.Payload
	// priority is the run's task priority, nil when unset: its start
	// option, or for a child its own merged over its parent's.
	priority *wfsim.Priority
}

// root returns the top run of r's tree of parents, r itself when it has
// no parent: a server hands a child its parent's root (a continued run
// keeps it), and a workflow without a parent is its own.
func (r *workflowRun) root() *workflowRun {
	for r.link.parent != nil {
		r = r.link.parent
	}
	return r
}

// childListeners are the callbacks a test sets to watch child workflows.
type childListeners struct {
	started   func(info *workflow.Info, ctx workflow.Context, args converter.EncodedValues)
	completed func(info *workflow.Info, result converter.EncodedValue, err error)
	canceled  func(info *workflow.Info)
}

// SetOnChildWorkflowStartedListener sets a callback run when a child
// workflow starts, in the child's first workflow task, before its code.
func (env *TestWorkflowEnvironment) SetOnChildWorkflowStartedListener(listener func(workflowInfo *workflow.Info, ctx workflow.Context, args converter.EncodedValues)) *TestWorkflowEnvironment {
	env.e.comp.listeners.started = listener
	return env
}

// SetOnChildWorkflowCompletedListener sets a callback run when a child
// workflow closes, with its result or error.
func (env *TestWorkflowEnvironment) SetOnChildWorkflowCompletedListener(listener func(workflowInfo *workflow.Info, result converter.EncodedValue, err error)) *TestWorkflowEnvironment {
	env.e.comp.listeners.completed = listener
	return env
}

// SetOnChildWorkflowCanceledListener sets a callback run when a child
// workflow is asked to cancel.
func (env *TestWorkflowEnvironment) SetOnChildWorkflowCanceledListener(listener func(workflowInfo *workflow.Info)) *TestWorkflowEnvironment {
	env.e.comp.listeners.canceled = listener
	return env
}

// GetWorkflowResultByID stores the result of the workflow with workflowID
// — a child, say — in valuePtr, or returns its error: that of its last
// run, a *WorkflowNotFoundError for an unknown ID, or ErrNotCompleted. As
// in Temporal's test environment, the error of the workflow under test is
// a *wfsim.WorkflowExecutionError (GetWorkflowError's), and that of any
// other workflow (a child) is what it failed with, unwrapped: a
// *wfsim.TerminatedError for a terminated child, say.
func (env *TestWorkflowEnvironment) GetWorkflowResultByID(workflowID string, valuePtr any) error {
	r, err := env.e.findRun(workflowID, "")
	if err != nil {
		return err
	}
	if !r.closed {
		return ErrNotCompleted
	}
	if r.err != nil || valuePtr == nil {
		if wee, ok := r.err.(*wfsim.WorkflowExecutionError); ok && r.id != env.e.root.id {
			return wee.Unwrap()
		}
		return r.err
	}
	return converter.NewEncodedValue(r.result, env.e.dc).Get(valuePtr)
}

// GetWorkflowErrorByID returns the error the workflow with workflowID ended
// with (its last run's), nil if it completed, a *WorkflowNotFoundError for
// an unknown ID, or ErrNotCompleted.
func (env *TestWorkflowEnvironment) GetWorkflowErrorByID(workflowID string) error {
	return env.GetWorkflowResultByID(workflowID, nil)
}

// soon runs f at the current virtual instant, once the workflow task being
// processed has recorded all its commands: the way the server's transfer
// tasks (starting a child, delivering a signal) follow the task that asked
// for them.
func (e *environment) soon(f func()) { e.clock.AfterFunc(0, f) }

// startChild records a StartChildWorkflowExecution command with the
// server's defaults filled in, then starts the child.
func (e *environment) startChild(r *workflowRun, c *run.Command, completedID int64) {
	a := c.Child
	ns := a.Namespace
	if ns == "" {
		ns = defaultNamespace
	}
	queue := a.TaskQueue
	if queue == "" {
		queue = r.queue
	}
	runTimeout := a.WorkflowRunTimeout
	if runTimeout == 0 || (a.WorkflowExecutionTimeout > 0 && runTimeout > a.WorkflowExecutionTimeout) {
		runTimeout = a.WorkflowExecutionTimeout
	}
	taskTimeout := a.WorkflowTaskTimeout
	if taskTimeout == 0 {
		taskTimeout = workflowTaskTimeout
	}
	if runTimeout > 0 && taskTimeout > runTimeout {
		taskTimeout = runTimeout
	}
	policy := replay.ParentClosePolicy(a.ParentClosePolicy)
	if policy == replay.ParentClosePolicyUnspecified {
		policy = replay.ParentClosePolicyTerminate
	}
	reuse := replay.WorkflowIDReusePolicy(a.WorkflowIDReusePolicy)
	if reuse == replay.WorkflowIDReusePolicyUnspecified {
		reuse = replay.WorkflowIDReusePolicyAllowDuplicate
	}
	initiated := r.rec.add(replay.EventTypeStartChildWorkflowExecutionInitiated, func(ev *replay.Event) {
		ev.Attributes = &replay.StartChildWorkflowExecutionInitiatedEventAttributes{
			Namespace:                    ns,
			WorkflowID:                   a.WorkflowID,
			WorkflowType:                 replay.WorkflowType{Name: a.WorkflowType},
			TaskQueue:                    replay.TaskQueue{Name: queue, Kind: replay.TaskQueueKindNormal},
			Input:                        a.Input,
			WorkflowExecutionTimeout:     a.WorkflowExecutionTimeout,
			WorkflowRunTimeout:           runTimeout,
			WorkflowTaskTimeout:          taskTimeout,
			ParentClosePolicy:            policy,
			WorkflowTaskCompletedEventID: completedID,
			WorkflowIDReusePolicy:        reuse,
			RetryPolicy:                  replayRetryPolicy(a.RetryPolicy),
			CronSchedule:                 a.CronSchedule,
			Memo:                         memoOf(a.Memo),
			SearchAttributes:             searchAttributesOf(a.SearchAttributes),
			Header:                       headerOf(a.Header),
			Priority:                     recordedPriority(a.Priority),
		}
		recordUserMetadata(ev, childMetadata(a))
	})
	spec := runSpec{
		id: a.WorkflowID, wfType: a.WorkflowType, queue: queue, input: a.Input,
		executionTimeout: a.WorkflowExecutionTimeout, runTimeout: runTimeout, taskTimeout: taskTimeout,
		memo: a.Memo, searchAttributes: withoutNulls(a.SearchAttributes), retryPolicy: a.RetryPolicy,
		header: a.Header,
		link: &runLink{parent: r, initiatedID: initiated.EventID, namespace: ns, policy: policy,
			priority: mergedPriority(r.link.priority, a.Priority)},
	}
	if a.CronSchedule != "" {
		spec.chain = &chainInfo{cron: a.CronSchedule}
		e.startCron(&spec)
	}
	e.soon(func() { e.launchChild(r, spec, reuse, completedID) })
}

// recordChildStarted records in the parent's history that its child
// started.
func recordChildStarted(parent, child *workflowRun, l *runLink, wfType string) {
	started := parent.rec.add(replay.EventTypeChildWorkflowExecutionStarted, func(ev *replay.Event) {
		ev.Attributes = &replay.ChildWorkflowExecutionStartedEventAttributes{
			Namespace:         l.namespace,
			InitiatedEventID:  l.initiatedID,
			WorkflowExecution: replay.WorkflowExecution{WorkflowID: child.id, RunID: child.runID},
			WorkflowType:      replay.WorkflowType{Name: wfType},
		}
	})
	l.startedID = started.EventID
	parent.scheduleTask()
}

// launchChild starts a child the way the server does: it fails to start
// when its workflow ID is taken; otherwise the child's run starts and the
// parent records ChildWorkflowExecutionStarted.
func (e *environment) launchChild(parent *workflowRun, spec runSpec, reuse replay.WorkflowIDReusePolicy, completedID int64) {
	if parent.closed {
		return // the server starts no child for a closed parent
	}
	l := spec.link
	var wf any
	var err error
	startFailed := !e.idReusable(spec.id, reuse)
	if !startFailed {
		wf, startFailed, err = e.childFunction(spec)
	}
	if startFailed {
		// It fails now; when the parent's task is held open, its event
		// waits for the task (local_task.go).
		record := func() {
			parent.rec.add(replay.EventTypeStartChildWorkflowExecutionFailed, func(ev *replay.Event) {
				ev.Attributes = &replay.StartChildWorkflowExecutionFailedEventAttributes{
					Namespace:                    l.namespace,
					WorkflowID:                   spec.id,
					WorkflowType:                 replay.WorkflowType{Name: spec.wfType},
					Cause:                        replay.StartChildWorkflowExecutionFailedCauseWorkflowAlreadyExists,
					InitiatedEventID:             l.initiatedID,
					WorkflowTaskCompletedEventID: completedID,
				}
			})
			parent.scheduleTask()
		}
		if !parent.bufferEvent(record) {
			record()
		}
		return
	}
	spec.wf = wf
	child := e.newRun(spec)
	parent.link.children = append(parent.link.children, child)
	if parent.heldOpen() {
		parent.bufferEvent(func() { recordChildStarted(parent, child, l, spec.wfType) }) // local_task.go
	} else {
		recordChildStarted(parent, child, l, spec.wfType)
	}
	if err == nil {
		err = child.startErr
	}
	if err != nil {
		e.failAtStart(child, err)
	}
}

// idReusable applies a workflow ID reuse policy: a running workflow's ID is
// never reusable; a closed one's is as the policy says.
func (e *environment) idReusable(id string, reuse replay.WorkflowIDReusePolicy) bool {
	prev := e.runs.get(id)
	switch {
	case prev == nil:
		return true
	case !prev.closed:
		return false
	case reuse == replay.WorkflowIDReusePolicyRejectDuplicate:
		return false
	case reuse == replay.WorkflowIDReusePolicyAllowDuplicateFailedOnly:
		return prev.err != nil
	}
	return true
}

// failAtStart closes a run whose code could not start (an unregistered
// workflow type, arguments that do not decode): its first workflow task
// completes by failing the workflow, as a worker fails a workflow whose
// function returns an error at once, rather than retrying the task forever
// as a worker without the type would.
func (e *environment) failAtStart(r *workflowRun, err error) {
	f := e.failureConverter().ErrorToFailure(err)
	sched := r.rec.add(replay.EventTypeWorkflowTaskScheduled, func(ev *replay.Event) {
		ev.Attributes = &replay.WorkflowTaskScheduledEventAttributes{
			TaskQueue: replay.TaskQueue{Name: r.queue, Kind: replay.TaskQueueKindNormal}, StartToCloseTimeout: r.link.spec.taskTimeout, Attempt: 1,
		}
	})
	started := r.rec.add(replay.EventTypeWorkflowTaskStarted, func(ev *replay.Event) {
		ev.Attributes = &replay.WorkflowTaskStartedEventAttributes{ScheduledEventID: sched.EventID, Identity: e.workerIdentity(), RequestID: e.nextRequestID()}
	})
	completed := r.rec.add(replay.EventTypeWorkflowTaskCompleted, func(ev *replay.Event) {
		ev.Attributes = &replay.WorkflowTaskCompletedEventAttributes{ScheduledEventID: sched.EventID, StartedEventID: started.EventID, Identity: e.workerIdentity()}
	})
	r.rec.add(replay.EventTypeWorkflowExecutionFailed, func(ev *replay.Event) {
		ev.Attributes = &replay.WorkflowExecutionFailedEventAttributes{Failure: f, RetryState: wfsim.RetryStateNonRetryableFailure, WorkflowTaskCompletedEventID: completed.EventID}
	})
	r.closed = true
	r.err = wfsim.NewWorkflowExecutionError(r.id, r.runID, r.wfType, err)
	e.runClosed(r)
}

// runClosed is called when a run closes, however it closed. It applies
// the parent close policy to the run's children, starts the next run of a
// workflow that continued as new or is retried, and reports a child's
// close to its parent.
func (e *environment) runClosed(r *workflowRun) {
	l := r.link
	for _, c := range l.children {
		if !c.closed {
			e.applyParentClosePolicy(c)
		}
	}
	var last *replay.Event
	if n := len(r.history.Events); n > 0 {
		last = r.history.Events[n-1]
	}
	if last != nil && last.GetWorkflowExecutionContinuedAsNewEventAttributes() != nil && e.followsContinueAsNew(r) {
		e.continueRun(r, last)
		return
	}
	if last != nil && (e.retryRun(r, last) || e.cronRun(r, last)) {
		return
	}
	if l.parent != nil {
		e.reportToParent(r, last, r.inTask)
	}
}

// applyParentClosePolicy does to an open child what its parent close
// policy says, as the server does when the parent closes.
func (e *environment) applyParentClosePolicy(c *workflowRun) {
	switch c.link.policy {
	case replay.ParentClosePolicyAbandon:
	case replay.ParentClosePolicyRequestCancel:
		// The server's request names the parent and gives no cause.
		// A parent that closed in its workflow task produced the request:
		// it reaches a child whose task waits after that task
		// (cross_run.go); one that timed out did not.
		parent := &replay.WorkflowExecution{WorkflowID: c.link.parent.id, RunID: c.link.parent.runID}
		request := func() {
			if e.requestCancel(c, replay.WorkflowExecutionCancelRequestedEventAttributes{ExternalWorkflowExecution: parent, Identity: serverIdentity}) {
				e.childCanceledListener(c)
			}
		}
		if c.link.parent.inTask {
			c.fromRun(request)
			return
		}
		request()
	default:
		c.rec.add(replay.EventTypeWorkflowExecutionTerminated, func(ev *replay.Event) {
			ev.Attributes = &replay.WorkflowExecutionTerminatedEventAttributes{Reason: parentClosePolicyReason, Identity: serverIdentity}
		})
		c.close(nil, &wfsim.TerminatedError{})
	}
}

// The reason (of a termination) and identity the server records when it
// applies a parent close policy.
const (
	parentClosePolicyReason = "by parent close policy"
	serverIdentity          = "history-service"
)

// reportToParent records a child's close in its parent's history and
// schedules a parent task: after the parent's waiting task when the child
// closed in its own workflow task (fromTask, cross_run.go). A child that
// closed because its workflow task failed (a panic, a nondeterministic
// history, a deadlock) would be retried forever by the server; the
// simulator reports it as failed instead.
func (e *environment) reportToParent(r *workflowRun, last *replay.Event, fromTask bool) {
	l := r.link
	p := l.parent
	e.childCompletedListener(r)
	if p.closed {
		return
	}
	we := replay.WorkflowExecution{WorkflowID: r.id, RunID: r.runID}
	wt := replay.WorkflowType{Name: r.wfType}
	var typ replay.EventType
	var set func(ev *replay.Event)
	switch {
	case last != nil && last.GetWorkflowExecutionCompletedEventAttributes() != nil:
		typ, set = replay.EventTypeChildWorkflowExecutionCompleted, func(ev *replay.Event) {
			ev.Attributes = &replay.ChildWorkflowExecutionCompletedEventAttributes{Result: last.GetWorkflowExecutionCompletedEventAttributes().Result,
				Namespace: l.namespace, WorkflowExecution: we, WorkflowType: wt, InitiatedEventID: l.initiatedID, StartedEventID: l.startedID}
		}
	case last != nil && last.GetWorkflowExecutionFailedEventAttributes() != nil:
		typ, set = replay.EventTypeChildWorkflowExecutionFailed, func(ev *replay.Event) {
			ev.Attributes = &replay.ChildWorkflowExecutionFailedEventAttributes{Failure: last.GetWorkflowExecutionFailedEventAttributes().Failure,
				Namespace: l.namespace, WorkflowExecution: we, WorkflowType: wt, InitiatedEventID: l.initiatedID, StartedEventID: l.startedID,
				RetryState: last.GetWorkflowExecutionFailedEventAttributes().RetryState}
		}
	case last != nil && last.GetWorkflowExecutionCanceledEventAttributes() != nil:
		typ, set = replay.EventTypeChildWorkflowExecutionCanceled, func(ev *replay.Event) {
			ev.Attributes = &replay.ChildWorkflowExecutionCanceledEventAttributes{Details: last.GetWorkflowExecutionCanceledEventAttributes().Details,
				Namespace: l.namespace, WorkflowExecution: we, WorkflowType: wt, InitiatedEventID: l.initiatedID, StartedEventID: l.startedID}
		}
	case last != nil && last.GetWorkflowExecutionTimedOutEventAttributes() != nil:
		typ, set = replay.EventTypeChildWorkflowExecutionTimedOut, func(ev *replay.Event) {
			ev.Attributes = &replay.ChildWorkflowExecutionTimedOutEventAttributes{
				Namespace: l.namespace, WorkflowExecution: we, WorkflowType: wt, InitiatedEventID: l.initiatedID, StartedEventID: l.startedID,
				RetryState: last.GetWorkflowExecutionTimedOutEventAttributes().RetryState}
		}
	case last != nil && last.GetWorkflowExecutionTerminatedEventAttributes() != nil:
		typ, set = replay.EventTypeChildWorkflowExecutionTerminated, func(ev *replay.Event) {
			ev.Attributes = &replay.ChildWorkflowExecutionTerminatedEventAttributes{
				Namespace: l.namespace, WorkflowExecution: we, WorkflowType: wt, InitiatedEventID: l.initiatedID, StartedEventID: l.startedID}
		}
	default:
		f := e.failureConverter().ErrorToFailure(errors.Unwrap(r.err))
		typ, set = replay.EventTypeChildWorkflowExecutionFailed, func(ev *replay.Event) {
			ev.Attributes = &replay.ChildWorkflowExecutionFailedEventAttributes{Failure: f,
				Namespace: l.namespace, WorkflowExecution: we, WorkflowType: wt, InitiatedEventID: l.initiatedID, StartedEventID: l.startedID,
				RetryState: wfsim.RetryStateNonRetryableFailure}
		}
	}
	e.recordForParent(p, fromTask, typ, set)
}
