package testsuite

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
)

// messages holds what a test sends the workflows of an environment: signals,
// updates and cancellations (signal.go, update.go, cancel.go).
type messages struct {
	// startSignals and startUpdates were sent before ExecuteWorkflow: they
	// go to the workflow with its start, as SignalWithStart and
	// UpdateWithStart do.
	startSignals []startSignal
	startUpdates []*pendingUpdate
	// updates are the updates the server knows, by run and ID: admitted,
	// accepted or completed ones (a rejected update is forgotten, as the
	// server forgets it). list holds them in arrival order.
	updates   map[updateKey]*pendingUpdate
	list      []*pendingUpdate
	updateSeq int
	// later holds update callbacks to call once the current workflow task's
	// commands are all recorded, so that what they do lands after them.
	later []laterCall
	// live is set while ExecuteWorkflow drives the simulation, and
	// callouts counts the test's code the simulation goroutine is running
	// (delayed callbacks, update callbacks): see direct.
	live     atomic.Bool
	callouts atomic.Int32
	// setUp is held while ExecuteWorkflow sets the run up, until it is
	// live (environment.setUpHeld says so): a goroutine of the test's own
	// that sends meanwhile waits, and its message reaches the run
	// (outsideRun).
	setUp sync.Mutex
}

// startSetUp holds msgs.setUp for ExecuteWorkflow.
func (e *environment) startSetUp() {
	e.msgs.setUp.Lock()
	e.setUpHeld = true
}

// endSetUp lets go of msgs.setUp, once the run is live or has failed to
// start; later calls do nothing.
func (e *environment) endSetUp() {
	if e.setUpHeld {
		e.setUpHeld = false
		e.msgs.setUp.Unlock()
	}
}

// outsideRun applies send when no run is under way (before
// ExecuteWorkflow, or after it), and reports whether it did; while
// ExecuteWorkflow sets the run up, it first waits.
func (m *messages) outsideRun(send func() error) (applied bool, err error) {
	m.setUp.Lock()
	defer m.setUp.Unlock()
	if m.live.Load() {
		return false, nil
	}
	return true, send()
}

// direct reports whether a signal, update or cancellation may be applied at
// once: it comes from the test's code while no run is under way, or from
// the simulation's goroutine (a delayed or update callback, or activity
// code that runs there when no bubble runs it in a goroutine of its own).
// Otherwise it comes from another goroutine — activity code in a bubble or
// aside, a workflow coroutine, a goroutine of the test's own — and is
// posted: applied at the same virtual instant, once that code has settled,
// before the activity's outcome. Without a bubble only the goroutine's ID
// tells the two apart; the callbacks, the common case, need no look — so
// another goroutine that sends while a callback runs is taken for it. In a
// bubble, other goroutines run while a callback does (activity code, the
// test's own goroutines), so the callback's sends are told from theirs by
// the goroutine's ID, which a callout notes (noteSimNow): applied on the
// sender's goroutine, theirs raced with the simulation.
func (e *environment) direct() bool {
	if !e.msgs.live.Load() {
		return true
	}
	if e.msgs.callouts.Load() > 0 {
		return !e.bubble || e.simGoroutine.Load() == goroutineID()
	}
	return !e.bubble && e.mayBeSim() && e.simGoroutine.Load() == goroutineID()
}

// deliver applies f at once when direct says so, and otherwise posts it;
// the error of a posted f fails a bound test.
func (e *environment) deliver(f func() error) error {
	if !e.msgs.live.Load() {
		if applied, err := e.msgs.outsideRun(f); applied {
			return err
		}
	}
	if e.direct() {
		return f()
	}
	e.postMessage(f)
	return nil
}

// postMessage posts f, a message that direct says may not apply at once;
// its error fails a bound test.
func (e *environment) postMessage(f func() error) {
	e.postFromCaller(func() {
		if err := f(); err != nil {
			e.report(err)
		}
	})
}

// callout runs the test's code that the simulation goroutine calls (a
// delayed or update callback), so that what it sends is applied at once
// (see direct).
func (e *environment) callout(f func()) {
	e.noteSimNow() // it may post (bubble.go)
	e.countedCallout(f)
}

// countedCallout runs f counted as a callout (see direct), leaving the
// simulation's goroutine ID as it is.
func (e *environment) countedCallout(f func()) {
	e.msgs.callouts.Add(1)
	defer e.msgs.callouts.Add(-1)
	f()
}

type startSignal struct {
	name  string
	input *converter.Payloads
}

// runMessages is what a run holds for its next workflow task.
type runMessages struct {
	// updates are the update requests to hand the workflow with its next
	// task, in arrival order.
	updates []*pendingUpdate
	// speculative is the event ID of a WorkflowTaskScheduled recorded only
	// to deliver an update; see runTask.
	speculative int64
	// cancelRequested is set once WorkflowExecutionCancelRequested is
	// recorded: further requests are no-ops, as on the server.
	cancelRequested bool
	// flags are the SDK flags the run's history records (update.go), at
	// first in firstFlags.
	flags      []uint32
	firstFlags [4]uint32
}

// WorkflowNotFoundError reports a signal, query, update or cancellation
// aimed at a workflow the simulation does not have, or a signal or update
// aimed at one that has closed (a Temporal server answers both with
// NotFound).
type WorkflowNotFoundError struct {
	WorkflowID string
	// RunID is the run asked for; "" means the current run.
	RunID string
	// Closed is set when the workflow exists but has closed.
	Closed bool
	// Known lists the IDs of the simulation's workflows, sorted; it is
	// empty before ExecuteWorkflow.
	Known []string
}

func (e *WorkflowNotFoundError) Error() string {
	id := strconv.Quote(e.WorkflowID)
	if e.RunID != "" {
		id += " (run " + strconv.Quote(e.RunID) + ")"
	}
	switch {
	case e.Closed:
		return "testsuite: workflow " + id + " already completed"
	case len(e.Known) == 0:
		return "testsuite: workflow " + id + " not found: no workflow has started (call ExecuteWorkflow first)"
	}
	quoted := make([]string, len(e.Known))
	for i, k := range e.Known {
		quoted[i] = strconv.Quote(k)
	}
	return "testsuite: workflow " + id + " not found; the simulation has workflows " + strings.Join(quoted, ", ")
}

// findRun returns the run of workflowID (the workflow under test when
// workflowID is ""), of runID when that is set. A closed run is returned
// too; callers decide what a closed run means to them.
func (e *environment) findRun(workflowID, runID string) (*workflowRun, error) {
	if e.root == nil {
		return nil, &WorkflowNotFoundError{WorkflowID: workflowID, RunID: runID}
	}
	if workflowID == "" {
		workflowID = e.root.id
	}
	r := e.runs.get(workflowID)
	if r == nil || (runID != "" && r.runID != runID) {
		return nil, &WorkflowNotFoundError{WorkflowID: workflowID, RunID: runID, Known: e.runs.keys()}
	}
	return r, nil
}

// openRun is findRun for messages that a closed workflow refuses.
func (e *environment) openRun(workflowID string) (*workflowRun, error) {
	r, err := e.findRun(workflowID, "")
	if err != nil {
		return nil, err
	}
	if r.closed || r.inst == nil {
		return nil, &WorkflowNotFoundError{WorkflowID: r.id, RunID: r.runID, Closed: true}
	}
	return r, nil
}

// SignalWorkflow sends the workflow under test the signal name with arg,
// which the workflow receives on workflow.GetSignalChannel(ctx, name).
//
// Sent from a delayed callback (or a mock, an activity, a listener), the
// signal is recorded at that virtual instant as WorkflowExecutionSignaled,
// in the order sent, and a workflow task is scheduled for it unless one is
// already: signals sent at one instant reach the workflow in one task.
//
// Sent before ExecuteWorkflow, the signal goes with the workflow's start,
// as Temporal's SignalWithStartWorkflow does: it is recorded right after
// WorkflowExecutionStarted and is in the workflow's first task. (Temporal's
// test environment has no such mode; there, a delayed callback at 0 is the
// way, which works here too: callbacks due at the start run before the
// first task.)
//
// It may be called from the test's goroutine, from delayed and update
// callbacks, and from activity code and mocks; sent from activity code
// running in a goroutine of its own (a bound environment, a mock's
// function), the signal is recorded once that code has settled, at the
// same instant. Sent from another goroutine while ExecuteWorkflow runs (one
// the test started), it is posted to the simulation, which records it at
// whatever instant it has reached: use a delayed callback to choose the
// instant. An error (a workflow that has completed, an argument that cannot
// be encoded) fails a bound test; SignalWorkflowByID returns it (when it
// can tell at once).
func (env *TestWorkflowEnvironment) SignalWorkflow(name string, arg any) {
	env.e.signal(name, arg, false)
}

// SignalWorkflowSkippingWorkflowTask is SignalWorkflow without scheduling a
// workflow task: the signal is recorded and waits, buffered, for the next
// task that something else schedules (a signal, a cancellation, a timer, an
// activity completing), as the server does for a signal sent with
// skip_generate_workflow_task. It lets a test deliver several signals in one
// task.
func (env *TestWorkflowEnvironment) SignalWorkflowSkippingWorkflowTask(name string, arg any) {
	env.e.signal(name, arg, true)
}

// signal sends a signal to the workflow under test, reporting errors. The
// common case, a signal from a delayed callback, allocates no closure.
func (e *environment) signal(name string, arg any, skipTask bool) {
	var err error
	applied := false
	if !e.msgs.live.Load() {
		applied, err = e.msgs.outsideRun(func() error { return e.signalRoot(name, arg, skipTask) })
	}
	switch {
	case applied:
	case e.direct():
		err = e.signalRoot(name, arg, skipTask)
	default:
		e.postMessage(func() error { return e.signalRoot(name, arg, skipTask) })
	}
	if err != nil {
		e.report(err)
	}
}

// SignalWorkflowByID sends a signal to the running workflow with
// workflowID, which may be any workflow of the simulation, such as a child.
// It returns a *WorkflowNotFoundError for an unknown or closed workflow.
func (env *TestWorkflowEnvironment) SignalWorkflowByID(workflowID, name string, arg any) error {
	e := env.e
	input, err := e.encodeSignal(name, arg)
	if err != nil {
		return err
	}
	return e.deliver(func() error {
		r, err := e.openRun(workflowID)
		if err != nil {
			return err
		}
		// A test's signal arrives with a jitter when explored (faults.go).
		e.signalFromTest(r, replay.WorkflowExecutionSignaledEventAttributes{SignalName: name, Input: input, Identity: defaultIdentity})
		return nil
	})
}

func (e *environment) signalRoot(name string, arg any, skipTask bool) error {
	input, err := e.encodeSignal(name, arg)
	if err != nil {
		return err
	}
	if e.root == nil && !e.executed {
		e.msgs.startSignals = append(e.msgs.startSignals, startSignal{name: name, input: input})
		return nil
	}
	r, err := e.openRun("")
	if err != nil {
		return err
	}
	e.signalFromTest(r, replay.WorkflowExecutionSignaledEventAttributes{SignalName: name, Input: input, Identity: defaultIdentity, SkipGenerateWorkflowTask: skipTask})
	return nil
}

func (e *environment) encodeSignal(name string, arg any) (*converter.Payloads, error) {
	input, err := toPayloads(e.encoder(), arg)
	if err != nil {
		return nil, fmt.Errorf("testsuite: signal %q: encoding its argument: %w", name, err)
	}
	return input, nil
}

// signalRun records a signal for an open run and, unless the signal says
// to skip it, schedules a workflow task. Signals from other workflows of the
// simulation come this way too.
func (e *environment) signalRun(r *workflowRun, attrs replay.WorkflowExecutionSignaledEventAttributes) {
	if r.taskHoldsEvents() {
		r.holdForTask(func() { recordSignalTask(r, attrs) })
		return
	}
	recordSignalTask(r, attrs)
}

// recordSignalTask records the signal and, unless it says to skip it,
// schedules a workflow task.
func recordSignalTask(r *workflowRun, attrs replay.WorkflowExecutionSignaledEventAttributes) {
	recordSignal(r, attrs)
	if !attrs.SkipGenerateWorkflowTask {
		r.scheduleTask()
	}
}

// midTask reports whether the run's workflow task is under way and its
// commands are not yet recorded: test code called from inside the task (a
// child-started listener, say) is sending the run a signal or a
// cancellation. The server buffers such events until the task's commands
// are recorded, and so must the caller (onto afterCommands), or the event
// IDs the workflow predicted for its commands would not hold.
func (r *workflowRun) midTask() bool { return r.inTask && !r.handling }

func recordSignal(r *workflowRun, attrs replay.WorkflowExecutionSignaledEventAttributes) {
	r.rec.add(replay.EventTypeWorkflowExecutionSignaled, func(ev *replay.Event) {
		a := fromSlab(&r.rec, &r.rec.signaled)
		*a = attrs
		ev.Attributes = a
	})
}

// startMessages records the signals sent before ExecuteWorkflow right after
// the root run's WorkflowExecutionStarted, and queues the updates sent
// before it for the first task.
func (e *environment) startMessages(r *workflowRun) {
	// The first workflow task is scheduled right after: the signals need
	// none of their own.
	for _, s := range e.msgs.startSignals {
		recordSignal(r, replay.WorkflowExecutionSignaledEventAttributes{SignalName: s.name, Input: s.input, Identity: defaultIdentity})
	}
	e.msgs.startSignals = nil
	for _, u := range e.msgs.startUpdates {
		e.queueUpdate(r, u)
	}
	e.msgs.startUpdates = nil
}

// toPayloads is dc.ToPayloads(v). Called through the interface, the
// variadic one-value slice escapes to the heap; called on the default
// converter's concrete type, which keeps no reference to the slice, it
// stays on the stack: one allocation less per signal.
func toPayloads(dc converter.DataConverter, v any) (*converter.Payloads, error) {
	if c, ok := dc.(*converter.CompositeDataConverter); ok {
		return c.ToPayloads(v)
	}
	return dc.ToPayloads(v)
}
