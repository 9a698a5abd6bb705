package testsuite

import (
	"errors"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/actenv"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/simclock"
)

const (
	defaultNamespace    = "default"
	defaultTaskQueue    = "default-test-taskqueue"
	defaultIdentity     = "wfsim-worker"
	workflowTaskTimeout = 10 * time.Second
)

// DefaultStartTime is the virtual time at which runs start unless
// SetStartTime says otherwise: the epoch of testing/synctest's bubbles.
var DefaultStartTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// workflowRun is one workflow execution in the simulation.
type workflowRun struct {
	env     *environment
	id      string
	runID   string
	wfType  string
	queue   string
	inst    run.Instance
	watch   *watchTarget    // what the watchdog reads of it (interrupt.go)
	history *replay.History // &hist
	hist    replay.History
	// firstEvents is the array of a short history's events: 25 fill the
	// run's size class (TestRunMemorySizeClass; the saga benchmarks'
	// executions record about 23). recorder.appendEvent grows it.
	firstEvents [25]*replay.Event
	rec         recorder
	// taskEvents is the buffer runTask hands a task's events in.
	taskEvents []run.Event
	// delivered is how many history events the instance has seen.
	delivered int
	// taskScheduled holds the event ID of a scheduled, not yet started
	// workflow task, or 0.
	taskScheduled int64
	result        *converter.Payloads
	err           error
	// timers holds the pending timers by ID: in place while there is one
	// (a workflow that sleeps in a loop makes no map).
	timers keyedTable[string, *workflowTimer]
	// spareTimers are workflowTimers that fired or were canceled, for
	// the run's next timers to reuse (workflow_timer.go).
	spareTimers []*workflowTimer
	activities  keyedTable[int64, *activityTask]
	runTimeout  *simclock.Timer
	startErr    error
	// msgs holds the update requests for the next task and the run's
	// cancellation state (signal.go).
	msgs runMessages
	// inTask is set while a workflow task runs and its commands are
	// carried out, when no other task of the run may start. closed sits
	// with the flags: the run, its link and its firsts fill their size
	// class (newRunMemory).
	inTask, closed bool
	// handling is set while a task's commands are carried out. Events
	// that are not a command's own wait until the last command's events
	// (afterCommands), as the server buffers them, and so does a task
	// wanted meanwhile (wantTask): an activity canceled before it started
	// is recorded canceled after the commands' events, so the event IDs
	// the workflow predicted for its commands hold.
	handling, wantTask bool
	// updateWaits is set when an update arrived while the task ran
	// (update.go): a speculative task delivers it after the task's
	// commands, unless they closed the run.
	updateWaits bool
	// fromRunsWaiting counts the events other runs' tasks produced for
	// this one that wait as clock items (cross_run.go: fromRun). It
	// shares the flags' word.
	fromRunsWaiting uint16
	afterCommands   []func()
	// link holds the run's parent, its children and how it started
	// (child.go).
	link *runLink
	// local holds its local activities (local_activity.go).
	local localRun
	// firsts, when set, is memory for attributes the run records
	// (environment.go: newRunMemory).
	firsts *runFirsts
}

// abandonActivities drops the run's activities and local activities, in
// schedule order: running attempts see their contexts canceled in the same
// order on every run.
func (r *workflowRun) abandonActivities() {
	for _, t := range r.activities.sorted() {
		t.abandon()
	}
	r.abandonLocalActivities()
}

// scheduleTask records WorkflowTaskScheduled unless a task is already
// scheduled: events that arrive meanwhile go into that task, as on the
// server.
// scheduleFirstTask schedules the first workflow task when the run's start
// delay (or retry or cron backoff) ends. As on a server, it does nothing
// when the run already had one: an update sent meanwhile starts the first
// task at once.
func (r *workflowRun) scheduleFirstTask() {
	for _, ev := range r.history.Events {
		if ev.EventType == replay.EventTypeWorkflowTaskScheduled {
			return
		}
	}
	r.scheduleTask()
}

func (r *workflowRun) scheduleTask() {
	if r.closed || r.taskScheduled != 0 {
		return
	}
	if r.handling {
		r.wantTask = true
		return
	}
	ev := r.rec.add(replay.EventTypeWorkflowTaskScheduled, func(ev *replay.Event) {
		// The timeout is capped by the run timeout, as the server does.
		ev.Attributes = r.rec.scheduledAttrs(r.queue, r.link.spec.taskTimeout)
	})
	r.taskScheduled = ev.EventID
	r.env.ready = append(r.env.ready, r)
}

// runTask runs the scheduled workflow task: WorkflowTaskStarted, the
// workflow code, WorkflowTaskCompleted and the events of its commands.
func (r *workflowRun) runTask() error {
	if r.closed || r.taskScheduled == 0 || r.inTask {
		return nil
	}
	r.inTask = true
	scheduled := r.taskScheduled
	r.taskScheduled = 0
	// A task scheduled only to deliver an update is speculative while
	// nothing else happened since.
	speculative := r.msgs.speculative == scheduled && r.rec.lastID() == scheduled
	r.msgs.speculative = 0
	var attrs *taskAttrs // nil while they are made later (lazy_task_attrs.go)
	started := r.rec.add(replay.EventTypeWorkflowTaskStarted, func(ev *replay.Event) {
		if r.rec.lazy() {
			r.rec.startedLater(ev, scheduled)
			return
		}
		// As fromSlab, but up to 40 at once: 40 of 200 bytes fill the
		// allocator's 8 KiB size class.
		attrs = r.rec.tasks.take(min(max(len(r.history.Events)/8, 1), 40))
		a := &attrs.started
		a.ScheduledEventID, a.Identity, a.RequestID = scheduled, r.env.workerIdentity(), r.env.nextRequestID()
		if r.env.more != nil {
			r.env.more.history.taskStarted(r, a)
		}
		ev.Attributes = a
	})
	if err := r.env.rebuildFailure(r); err != nil {
		// The worker that took the task could not rebuild the run after
		// a restart (restart_failed.go).
		r.recordTaskFailed(scheduled, started.EventID, err)
		r.inTask = false
		return r.taskFailed(err)
	}
	// The commands are done with once handleCommands returns (what they
	// point to is kept, never the run.Commands themselves: an explored run
	// that may restart keeps a copy, noteIssued), so the next task may
	// return its own in the same memory.
	task := run.Task{ReuseCommands: !r.env.keepCommands}
	first, end := r.delivered, len(r.history.Events)
	if r.env.more == nil && len(r.msgs.updates) == 0 {
		task.Source = r.streamEvents()
	} else {
		task.Events = r.newTaskEvents()
		if r.env.more != nil {
			r.env.more.history.taskEvents(r, task.Events)
		}
	}
	// The watchdog watches r while its code runs: this pass and those
	// of the local activities that end within the task.
	r.env.watchTask(r)
	defer r.env.watchTask(r.env.root)
	cmds, err := r.inst.ProcessTask(task)
	r.delivered = end // the instance saw them all, even if it failed
	if task.Events != nil {
		r.taskEvents = task.Events[:0]
	}
	t := openTask{scheduled: scheduled, started: started.EventID, attrs: attrs, first: first, speculative: speculative}
	if err != nil {
		fail, ok := r.env.panicFailure(err)
		if !ok {
			r.recordTaskFailed(scheduled, started.EventID, err) // task_failed.go
			r.inTask = false
			return r.taskFailed(err)
		}
		cmds = []run.Command{fail}
	} else if cmds, err = r.localActivitiesInTask(cmds); err != nil {
		// Local activities the task started may end at once, within it.
		r.recordTaskFailed(scheduled, started.EventID, err)
		r.inTask = false
		return r.taskFailed(err)
	} else if r.holdsTaskOpen() {
		// Local activities run on in virtual time: the worker keeps the
		// task open (local_task.go).
		t.cmds = slices.Clone(cmds)
		r.holdTaskOpen(t)
		return nil
	}
	return r.completeTask(&t, cmds)
}

// completeTask completes the run's workflow task t with cmds:
// WorkflowTaskCompleted, the commands' events and the events buffered
// while the task ran.
func (r *workflowRun) completeTask(t *openTask, cmds []run.Command) error {
	defer func() { r.inTask = false }()
	scheduled, attrs, speculative := t.scheduled, t.attrs, t.speculative
	r.env.drainTaskSends()
	if len(r.afterCommands) > 0 && closesRun(cmds) && r.buffered(t, cmds) > 0 {
		// Events arrived meanwhile: the server refuses the close
		// (unhandled.go).
		if failed, err := r.unhandledCommand(scheduled, t.started, t.first); failed {
			return err
		}
	}
	if r.env.x != nil {
		r.env.noteIssued(r, cmds) // to check a rebuild after a restart (restart.go)
	}
	if speculative && onlyRejections(cmds) {
		// The server drops a speculative task that only rejected updates:
		// its events are not recorded.
		clear(r.history.Events[scheduled-1:])
		r.history.Events = r.history.Events[:scheduled-1]
		r.rec.dropLater()
		r.delivered = len(r.history.Events)
		if !hadCompletedTask(r.history.Events) && r.link.spec.wf != nil && len(r.local.attempts) == 0 {
			if err := r.forgetDiscardedFirstTask(); err != nil {
				return r.taskFailed(err)
			}
		}
		r.handleCommands(cmds, 0)
		r.inTask = false // what the callbacks send arrives after the task (see below)
		r.env.flushCallbacks()
		return nil
	}
	md := r.newFlagsMetadata()
	completed := r.rec.add(replay.EventTypeWorkflowTaskCompleted, func(ev *replay.Event) {
		var a *replay.WorkflowTaskCompletedEventAttributes
		switch {
		case attrs != nil:
			a = &attrs.completed
		case md == nil && r.rec.completedLater(ev, t.started):
			return
		default: // started lazily, completed at once
			a = new(replay.WorkflowTaskCompletedEventAttributes)
		}
		a.ScheduledEventID, a.StartedEventID, a.Identity = scheduled, t.started, r.env.workerIdentity()
		if md != nil { // most tasks use no new flag; the memory is zeroed
			a.SDKMetadata = md
		}
		ev.Attributes = a
	})
	// The events of the commands are part of the next task's batch; the
	// instance sees them then, as a worker does.
	r.handleCommands(cmds, completed.EventID)
	// The task is over: what the update callbacks send (a signal, a
	// cancellation) arrives now, not held for the next task (midTask),
	// which would record it only then, or drop it if that task closes
	// the run.
	r.inTask = false
	r.env.flushCallbacks()
	// An explored run may lose its worker here (restart.go).
	return r.env.afterTask(r)
}

// taskFailed ends the run after its workflow code failed a task: a panic, or
// a history that does not fit the code. A server would retry the task
// forever (after recording its first failure: recordTaskFailed); a test
// wants to know at once.
func (r *workflowRun) taskFailed(err error) error {
	var pe *run.PanicError
	if errors.As(err, &pe) {
		err = wfsim.NewPanicError(panicValue(pe.Value), pe.Stack)
	}
	r.close(nil, err)
	return err
}

// close ends the run and drops what is pending for it.
func (r *workflowRun) close(result *converter.Payloads, err error) {
	r.closed = true
	r.result = result
	if err != nil {
		var wee *wfsim.WorkflowExecutionError
		if !errors.As(err, &wee) {
			err = wfsim.NewWorkflowExecutionError(r.id, r.runID, r.wfType, err)
		}
	}
	r.err = err
	for _, t := range r.timers.sorted() {
		t.clock.Stop()
	}
	r.abandonActivities()
	if r.runTimeout != nil {
		r.runTimeout.Stop()
	}
	r.env.updatesClosed(r)
	r.inst.Close()
	r.env.runClosed(r)
}

// environment is the simulated server and worker behind a
// TestWorkflowEnvironment.
type environment struct {
	t      TB
	logger *slog.Logger
	clock  *simclock.Clock // &clockStore once ExecuteWorkflow runs
	// clockStore is the clock's memory (execute).
	clockStore simclock.Clock
	reg        *registry
	mocks      *mocks

	runs  keyedTable[string, *workflowRun]
	root  *workflowRun
	ready []*workflowRun
	// firstRuns holds the first entries of comp.runs ([0]) and of ready
	// ([1]).
	firstRuns [2]*workflowRun

	startTime   time.Time
	testTimeout time.Duration
	// carrier is the goroutine that the root coroutines of the runs'
	// instances ride on while ExecuteWorkflow runs, nil otherwise
	// (carrier.go).
	carrier *run.Carrier
	dc      converter.DataConverter
	// spareCall is a direct call of a registered activity (fn.Direct)
	// that has run and that nothing holds any more, whose memory the next
	// attempt's call may reuse (execute.go). Simulation goroutine only.
	spareCall fn.Prepared

	taskSeq int64
	// requestSeq counts the request IDs built, requestNext those handed
	// out; requestIDs holds the last ones built, one after the other,
	// those from requestAt on not handed out yet (nextRequestID).
	requestSeq  int64
	requestNext int64
	requestIDs  string
	requestAt   int
	runSeq      int64

	listeners listeners
	startErr  error
	// rootFn is the workflow function under test; replayErr is what the
	// replay check found (replay_check.go).
	rootFn    any
	replayErr error
	// The flags sit together, in one word (the environment's allocation
	// stays in its size class: environment_size_test.go). keepCommands has every task
	// return its commands in fresh memory, as an explored run does
	// (runTask); tests compare the two. bubble is set while the run
	// executes in a synctest bubble, whose clock plus offset is virtual
	// time. startSet says SetStartTime was called. setUpHeld: see
	// startSetUp. yieldMark is where the loop last yielded (yield).
	executed        bool
	skipReplayCheck bool
	keepCommands    bool
	bubble          bool
	startSet        bool
	setUpHeld       bool
	yieldMark       uint8
	// unregisteredRoot is the type of the workflow under test when it is
	// a function no registration names, which runs wherever that type
	// starts (workflowOfType); the root run's type may change as it
	// continues as new.
	unregisteredRoot string
	// waiting, guarded by mu, is set while the simulation waits for a
	// post (wake); bubbleID is the synctest bubble the run executes in
	// (goroutineBubble), when bubble is set. The two share a word.
	waiting  bool
	bubbleID uint32
	delayed  delayedCallbacks
	msgs     messages // signals, updates and cancellations (signal.go)
	// x is set when the run is explored: the explorer, the faults and the
	// choices made (exploration.go); nil otherwise.
	x *exploration
	// watched is the run the real-time watchdog reports on and
	// interrupts, as it may read it from another goroutine; dog is the
	// watchdog while one runs (timeout.go, watchdog.go, interrupt.go).
	watched atomic.Pointer[watchTarget]
	dog     *watchdog
	// comp holds child workflows, workflow mocks, continue-as-new and
	// search attributes (child.go, workflow_mock.go).
	comp composition
	// more holds the settings few tests use (settings.go); nil until one
	// is set.
	more *settings

	// Activities (see activity_task.go, bubble.go). activitySeq numbers
	// activities in schedule order; running counts attempts running in
	// goroutines; pendingCount counts attempts left pending by
	// ErrResultPending.
	// simGoroutine is the ID of the goroutine driving the simulation
	// while ExecuteWorkflow runs (see post).
	simGoroutine atomic.Uint64
	activitySeq  int64
	fc           wfsim.FailureConverter
	running      int32
	pendingCount int32
	// side tracks mock functions running aside, outside a bubble
	// (aside.go); nil until one runs.
	side *aside
	// worker is what activity code sees of the worker: its stop channel
	// (SetWorkerStopChannel) and metrics handler (SetMetricsHandler).
	worker actenv.Worker
	offset time.Duration
	// workerOpts is what SetWorkerOptions and SetIdentity set, nil if
	// neither was called (worker_options.go).
	workerOpts *workerSettings

	// mu guards what other goroutines reach: the inbox of posted calls
	// (wake signals a post to a waiting simulation) and the task tokens.
	// goroutineKeys maps the goroutine of a running activity attempt to
	// its activity's key (bubble.go); made by the simulation before it
	// starts the first such goroutine (activityKeys).
	goroutineKeys atomic.Pointer[sync.Map]
	mu            sync.Mutex
	wake          sync.Cond // on mu
	inbox         []posted
	// posted is set while inbox may hold something, so that the loop
	// need not lock to find it empty.
	posted atomic.Bool
	// simWaiting is set while the simulation goroutine waits for others
	// (bubble.go: mayBeSim). Next to posted, the two share a word.
	simWaiting atomic.Bool
	spare      []posted
	tokens     tokenTable
}

// loop drives the simulation until the root run closes (and the children
// it abandoned, see busy). At each virtual
// instant it lets activity code settle (inside a bubble), applies what was
// posted, runs the scheduled workflow tasks, and then moves the clock to
// the next instant at which something happens (bubble.go).
func (e *environment) loop() {
	for e.busy() {
		e.yield()
		e.watchTask(e.root)
		e.flushCallbacks()
		e.settle()
		if e.drain() {
			continue
		}
		if len(e.ready) > 0 {
			// Shift rather than reslice, so that the queue keeps its
			// array and scheduling a task does not allocate.
			i := e.pickReady() // 0 unless explored (exploration.go)
			r := e.ready[i]
			// The slot left behind is not cleared: the environment
			// holds its runs anyway (runs), and the clearing would cost
			// a write barrier while the GC runs.
			copy(e.ready[i:], e.ready[i+1:])
			e.ready = e.ready[:len(e.ready)-1]
			if err := r.runTask(); err != nil && r == e.root {
				return
			}
			continue
		}
		if e.x != nil && e.pastHorizon() {
			return // an explored run that would not end (liveness.go)
		}
		if !e.advance() {
			// Nothing is pending anywhere in the simulation: the runs
			// still open wait on each other or on nothing.
			if e.closeUnbuilt() {
				continue // no task came to fail (restart_failed.go)
			}
			if !e.root.closed {
				e.root.close(nil, &DeadlockError{WorkflowID: e.root.id, Time: e.clock.Now(), Blocked: e.blockedRuns()})
			}
			return
		}
	}
}
