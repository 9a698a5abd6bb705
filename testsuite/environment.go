package testsuite

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"time"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/simclock"
	"github.com/wfsim/wfsim/workflow"
)

// TestWorkflowEnvironment runs workflows in a simulated Temporal server and
// worker with a virtual clock. A run takes no real time: timers, activity
// timeouts and retries fire at their virtual instants, in a deterministic
// order, and the run is recorded as a Temporal history.
//
// An environment runs one workflow (ExecuteWorkflow once).
type TestWorkflowEnvironment struct {
	e *environment
}

func newEnvironment(t TB, logger *slog.Logger) *TestWorkflowEnvironment {
	if logger == nil {
		logger = discardLogger
	}
	// The handle, the environment and its registry are one allocation:
	// every test makes them all. (The activity mocks are made by the
	// first OnActivity: without them, the allocation is in the 1152-byte
	// size class rather than the 1408-byte one.)
	all := &struct {
		env TestWorkflowEnvironment
		e   environment
		reg registry
	}{}
	// Set field by field: assigning a composite literal would build the
	// whole environment (over a kilobyte) on the stack and copy it in,
	// with a write barrier over every pointer word while the GC marks.
	e := &all.e
	e.t = t
	e.logger = logger
	e.reg = &all.reg
	e.startTime = DefaultStartTime
	e.dc = converter.GetDefaultDataConverter()
	e.testTimeout = 10 * time.Second
	e.wake.L = &e.mu
	// Most simulations have one run: the lists of runs and of ready
	// workflow tasks start in the environment's own memory.
	e.comp.runs = e.firstRuns[0:0:1]
	e.ready = e.firstRuns[1:1:2]
	all.env.e = e
	return &all.env
}

// discardLogger is the logger of an environment made without one. A
// slog.Logger cannot be changed once made, so environments may share it.
var discardLogger = slog.New(discardHandler{})

// RegisterWorkflow registers a workflow function under its name. It panics
// if w is not a function whose first parameter is a workflow.Context and
// whose last result is an error.
func (env *TestWorkflowEnvironment) RegisterWorkflow(w any) {
	env.e.reg.registerWorkflow(w, workflow.RegisterOptions{})
}

// RegisterWorkflowWithOptions registers a workflow function with options.
// A function registered under options.Name goes by that name wherever it
// is passed (registration aliasing: see workflow.RegisterOptions.Name).
func (env *TestWorkflowEnvironment) RegisterWorkflowWithOptions(w any, options workflow.RegisterOptions) {
	env.e.reg.registerWorkflow(w, options)
}

// RegisterActivity registers an activity function, or a struct (pointer)
// whose exported methods are activities named after the methods.
//
// As in Temporal's test environment, registering a name again replaces the
// activity.
func (env *TestWorkflowEnvironment) RegisterActivity(a any) {
	env.e.reg.registerActivity(a, activity.RegisterOptions{DisableAlreadyRegisteredCheck: true})
}

// RegisterActivityWithOptions registers activities with options. A
// function registered under options.Name goes by that name wherever it is
// passed (registration aliasing: see activity.RegisterOptions.Name).
func (env *TestWorkflowEnvironment) RegisterActivityWithOptions(a any, options activity.RegisterOptions) {
	options.DisableAlreadyRegisteredCheck = true
	env.e.reg.registerActivity(a, options)
}

// SetActivityTaskQueue restricts activities to the task queue name: they
// run only when scheduled on it (or on another queue it was restricted to by
// an earlier call). By default an activity runs on any task queue, as in
// Temporal's test environment; one scheduled on a queue it is not
// restricted to is picked up by no worker, so its ScheduleToStart timeout
// runs, as on a server where no worker polls that queue for it.
func (env *TestWorkflowEnvironment) SetActivityTaskQueue(name string, activities ...any) {
	m := env.e.set()
	if m.activityQueues == nil {
		m.activityQueues = make(map[string][]string)
	}
	for _, a := range activities {
		n := activityName(a, env.e.aliases())
		if s, ok := a.(string); ok {
			// As in Temporal's environment, a name is the alias of a
			// function of that Go name, as ExecuteActivity's is.
			n = env.e.aliases().Activity(s)
		}
		if !slices.Contains(m.activityQueues[n], name) {
			m.activityQueues[n] = append(m.activityQueues[n], name)
		}
	}
}

// SetStartTime sets the virtual time at which the workflow starts
// (DefaultStartTime unless set).
func (env *TestWorkflowEnvironment) SetStartTime(t time.Time) {
	env.e.startTime = t
	env.e.startSet = true
}

// SetWorkflowRunTimeout sets the run timeout, in virtual time.
func (env *TestWorkflowEnvironment) SetWorkflowRunTimeout(d time.Duration) {
	env.e.set().runTimeout = d
}

// SetTestTimeout sets how long a run may take in real time before the
// environment reports it as hung (a *HungError, with every coroutine's
// location: to the test it is bound to, or else to its logger), ten
// seconds unless set; zero turns the watchdog off. A run that ends in time
// never meets the watchdog. A workflow coroutine that then goes on without
// yielding for another test timeout is stopped at its next workflow call,
// failing the run with Temporal's [TMPRL1101] "Potential deadlock
// detected" *wfsim.PanicError, so that a busy loop ends ExecuteWorkflow
// instead of hanging it, in an environment bound to a test or made by a
// WorkflowTestSuite alike. A run stuck where nothing can stop it ends the
// test binary with the report a few test timeouts, and at least five
// seconds, in (see the package doc).
// Runs in the test's own synctest bubble have no watchdog: there is no
// real clock to watch with.
func (env *TestWorkflowEnvironment) SetTestTimeout(d time.Duration) { env.e.testTimeout = d }

// SetDataConverter sets the converter of workflow and activity payloads
// (Temporal's TestWorkflowEnvironment.SetDataConverter). Every value the
// workflows and activities exchange goes through it, codecs included
// (converter.NewCodecDataConverter), and histories record what it writes.
// Call it before ExecuteWorkflow.
func (env *TestWorkflowEnvironment) SetDataConverter(dc converter.DataConverter) *TestWorkflowEnvironment {
	env.e.dc = dc
	return env
}

// Now returns the virtual time.
func (env *TestWorkflowEnvironment) Now() time.Time {
	if env.e.clock == nil {
		return env.e.startTime
	}
	return env.e.clock.Now()
}

// ExecuteWorkflow runs the workflow, given as a function or a registered
// name, to its end in virtual time. Its outcome is read with
// IsWorkflowCompleted, GetWorkflowResult and GetWorkflowError. A function
// need not be registered: as in Temporal's environment, a child or a
// continue-as-new of its type runs it too.
func (env *TestWorkflowEnvironment) ExecuteWorkflow(workflowFn any, args ...any) {
	e := env.e
	// What another goroutine sends while the run is set up waits for it.
	e.startSetUp()
	defer e.endSetUp()
	if e.executed {
		panic("testsuite: ExecuteWorkflow called twice on one environment; create a new environment for each run")
	}
	e.executed = true
	// The run is created and driven inside a synctest bubble when the
	// environment is bound to a *testing.T (bubble.go).
	e.startCarrier() // the instances' goroutine: carrier.go
	defer e.stopCarrier()
	e.bound(workflowFn, args)
	e.replayCheck()
	if e.t != nil && e.root != nil && e.root.err != nil {
		var dl *DeadlockError
		if errors.As(e.root.err, &dl) {
			e.report(e.root.err)
		}
	}
}

// executeRoot creates the root run and drives the simulation until it ends.
func (e *environment) executeRoot(workflowFn any, args []any) {
	// The clock lives in the environment: its own allocation would be
	// one more per test.
	e.clockStore = *simclock.New(e.startTime)
	e.clock = &e.clockStore
	e.startExploring() // explorer and faults, if set (exploration.go)
	e.armDelayed()
	if err := e.start(workflowFn, args); err != nil {
		e.startErr = err
		e.report(err)
		return
	}
	// Callbacks due at the start (delayed by 0) run before the first
	// workflow task, so what they send is in it, as with
	// SignalWithStart.
	e.msgs.live.Store(true)
	e.endSetUp()
	e.clock.Advance(0)
	e.yieldMark = ^uint8(0) // the loop's first turn looks (yield)
	e.loop()
	e.flushCallbacks()
	e.msgs.live.Store(false)
}

// start creates the root run: WorkflowExecutionStarted and its first
// workflow task.
func (e *environment) start(workflowFn any, args []any) error {
	name := workflowName(workflowFn, e.aliases())
	wf := e.workflowOfType(name)
	if wf == nil {
		if reflect.TypeOf(workflowFn).Kind() != reflect.Func {
			// A name no function has runs the dynamic workflow, if any
			// (dynamic.go).
			if wf = e.reg.workflowFor(name); wf == nil {
				return &UnknownWorkflowError{WorkflowType: name, Registered: e.reg.workflowNames()}
			}
		} else {
			fn.Check("testsuite", "workflow", workflowFn, workflowContextType)
			wf = workflowFn
			e.unregisteredRoot = name
		}
	}
	// Like Temporal's client, only a function is checked against its
	// arguments: a workflow started by name gets zero values for those
	// missing (the worker decodes what it got).
	if ft := reflect.TypeOf(wf); ft.Kind() == reflect.Func && reflect.TypeOf(workflowFn).Kind() == reflect.Func {
		if err := fn.CheckArgs("workflow", name, ft, 1, args); err != nil {
			return err
		}
	}
	input, err := fn.EncodeArgs(e.encoder(), args)
	if err != nil {
		return fmt.Errorf("workflow %q: encoding its arguments: %w", name, err)
	}
	header := e.reg.startHeader()
	spec := runSpec{id: "default-test-workflow-id", runID: e.rootRunID(), wfType: name, queue: defaultTaskQueue, input: input, wf: wf,
		executionTimeout: e.rootRunTimeout(), runTimeout: e.rootRunTimeout(), memo: e.comp.startMemo, searchAttributes: e.comp.startSA,
		header: header, chain: e.comp.startChain(), continuedFailure: e.comp.startLastFailure()}
	if err := e.rootSpec(&spec); err != nil { // settings.go
		return err
	}
	if e.comp.mocked(name) {
		wf = e.rootMock(spec) // workflow_mock.go
		spec.wf = wf
	}
	r := e.newRun(spec)
	e.rootStarted(r)
	e.root = r
	e.rootFn = wf
	return r.startErr
}

// newRun records a run's WorkflowExecutionStarted event and schedules its
// first workflow task. s says which run: the workflow under test, a child,
// or the next run of a workflow that continued as new or is retried
// (child.go).
func (e *environment) newRun(s runSpec) *workflowRun {
	r := newRunMemory(&s)
	s = e.completeSpec(s)
	r.env = e
	r.id, r.runID, r.wfType, r.queue = s.id, s.runID, s.wfType, s.queue
	// timers is made by the first timer (commands.go), the activities' map
	// by a second activity open at once (activity_table.go).
	r.link = s.link
	// The history and room for a short run's events come with the run
	// (growing from empty costs several allocations).
	r.hist.Events = r.firstEvents[:0]
	r.history = &r.hist
	r.rec.h, r.rec.env = r.history, e // r is fresh: no literal copied in
	if r.firsts != nil {
		r.rec.tasks.items = r.firsts.task[:0]
		r.rec.share.scheduled = &r.firsts.scheduled // zeroed: see scheduledAttrs
	}
	e.runs.put(r)
	e.comp.runs = append(e.comp.runs, r)
	r.rec.add(replay.EventTypeWorkflowExecutionStarted, func(ev *replay.Event) {
		ev.Attributes = e.startedAttributes(r, s)
		recordUserMetadata(ev, childStartMetadata(s.link))
	})
	inst, err := run.NewInstance(s.wf, e.runStart(r, s))
	if err != nil {
		r.startErr = err
		r.closed = true
		return r
	}
	r.inst = inst
	if s.runTimeout > 0 {
		// The server counts the run timeout from the first workflow
		// task's backoff on (a retry's, a cron run's).
		r.runTimeout = e.clock.AfterFunc(s.runTimeout+s.firstTaskBackoff, func() { e.runTimedOut(r) })
	}
	if e.root == nil {
		// The workflow under test: signals and updates sent before
		// ExecuteWorkflow go with its start (signal.go).
		e.startMessages(r)
	}
	if s.firstTaskBackoff > 0 {
		e.clock.AfterFunc(s.firstTaskBackoff, r.scheduleFirstTask)
	} else {
		r.scheduleTask()
	}
	return r
}

// newRunMemory returns a zero run. A run that starts a chain (s has no
// link yet) and its link are one allocation.
func newRunMemory(s *runSpec) *workflowRun {
	if s.link != nil {
		return new(workflowRun)
	}
	m := new(struct {
		r workflowRun
		l runLink
		f runFirsts
	})
	m.l.namespace = defaultNamespace
	s.link = &m.l
	m.r.firsts = &m.f
	return &m.r
}

// runFirsts holds the attributes of a run's first workflow task and of its
// completion, in the allocation of a run that starts a chain (the workflow
// under test): with the run and its link they fill the 1536-byte size
// class, where the two alone take the 1280-byte one and these two more
// allocations.
type runFirsts struct {
	task      [1]taskAttrs
	scheduled replay.WorkflowTaskScheduledEventAttributes
	completed replay.WorkflowExecutionCompletedEventAttributes
}

// IsWorkflowCompleted reports whether the workflow has closed.
func (env *TestWorkflowEnvironment) IsWorkflowCompleted() bool {
	return env.e.root != nil && env.e.root.closed && env.e.root.startErr == nil
}

// GetWorkflowError returns the error the workflow ended with, or nil: a
// *wfsim.WorkflowExecutionError wrapping the cause (an ApplicationError,
// CanceledError, TimeoutError, PanicError, …), or a DeadlockError.
func (env *TestWorkflowEnvironment) GetWorkflowError() error {
	e := env.e
	if e.startErr != nil {
		return e.startErr
	}
	if e.replayErr != nil {
		return e.replayErr
	}
	if e.root == nil {
		return nil
	}
	return e.root.err
}

// ErrNotCompleted is GetWorkflowResult's error for a workflow that has not
// completed.
var ErrNotCompleted = errors.New("testsuite: the workflow has not completed")

// GetWorkflowResult stores the workflow's result in valuePtr, or returns the
// workflow's error. It returns converter.ErrNoData ("no data available")
// when the workflow recorded no result: its function returns only an error,
// or returned a nil pointer or nil interface, which Temporal records as no
// result (as it does an activity's: a Get of its future then leaves the
// variable as it was).
func (env *TestWorkflowEnvironment) GetWorkflowResult(valuePtr any) error {
	if !env.IsWorkflowCompleted() {
		return ErrNotCompleted
	}
	if err := env.GetWorkflowError(); err != nil {
		return err
	}
	if valuePtr == nil {
		return nil
	}
	return converter.NewEncodedValue(env.e.root.result, env.e.dc).Get(valuePtr)
}

// History returns the recorded history of the workflow run: the
// simulation's own events, not copies. The payloads wfsim encodes for its
// own use share their Metadata maps while a run goes on; History first
// gives each one a map of its own (a walk over the history), and so do
// the events recorded after it (a history taken mid-run sees them), so
// that changing one payload changes no other.
func (env *TestWorkflowEnvironment) History() *replay.History {
	if env.e.root == nil {
		return &replay.History{}
	}
	return env.e.root.handOut()
}

// cleanup runs when the bound test ends: it asserts the mocks'
// expectations and prints the history when the test failed.
func (e *environment) cleanup() {
	if e.t == nil {
		return
	}
	if e.mocks != nil && len(e.mocks.order) > 0 {
		e.mocks.m.AssertExpectations(e.t)
	}
	if len(e.comp.wrappers) > 0 {
		e.comp.workflowMock().AssertExpectations(e.t)
	}
	if e.t.Failed() && e.root != nil {
		if e.x != nil {
			// How the run was explored: the seed, the faults, the choices.
			e.t.Logf("%s", e.explorationReport())
		}
		e.root.rec.settle()
		e.t.Logf("history of workflow %q:\n%s", e.root.id, e.root.history.String())
	}
}

// report fails the bound test with err; unbound, the error is only returned.
func (e *environment) report(err error) {
	if e.t != nil {
		e.t.Errorf("%v", err)
	}
}

// discardHandler is a slog.Handler that drops everything.
type discardHandler struct{}

func (discardHandler) Enabled(context.Context, slog.Level) bool  { return false }
func (discardHandler) Handle(context.Context, slog.Record) error { return nil }
func (d discardHandler) WithAttrs([]slog.Attr) slog.Handler      { return d }
func (d discardHandler) WithGroup(string) slog.Handler           { return d }
