// Package testsuite runs workflows in go test against a simulated Temporal
// server and worker, in virtual time, deterministically.
//
//	func TestOrder(t *testing.T) {
//		env := testsuite.NewTestWorkflowEnvironment(t)
//		env.OnActivity(Charge, mock.Anything, "A-1").Return(Receipt{OK: true}, nil).After(time.Minute)
//		env.ExecuteWorkflow(OrderWorkflow, "A-1")
//		var r Receipt
//		require.NoError(t, env.GetWorkflowResult(&r))
//	}
//
// The API is that of the Temporal Go SDK's test environment
// (TestWorkflowEnvironment, OnActivity, RegisterDelayedCallback,
// SignalWorkflow, CompleteActivity, …); where that environment and a real
// server disagree, the simulator follows the server.
//
// # The environment
//
// A TestWorkflowEnvironment runs one workflow, ExecuteWorkflow, to its end:
// it completes, fails, is canceled, times out, continues as new, or cannot
// go on (a *DeadlockError naming every blocked coroutine and the line where
// it waits). The outcome is read with IsWorkflowCompleted, GetWorkflowResult
// and GetWorkflowError. Workflows and activities may be registered, or
// passed as functions; activities may be mocked with OnActivity, child
// workflows with OnWorkflow. As in Temporal, a function registered under a
// custom name goes by that name when it is passed as a function
// (registration aliasing), unless SetDisableRegistrationAliasing or
// worker.Options.DisableRegistrationAliasing turns that off.
//
// Bad input is an error, never a panic: an unregistered workflow name (a
// *UnknownWorkflowError listing the registered ones), arguments that do not
// fit the workflow (a *wfsim.ArgumentError naming the argument and both
// types). Misuse by the programmer panics with a "testsuite:" message:
// registering something that is not a workflow function, calling
// ExecuteWorkflow twice.
//
// An environment made with NewTestWorkflowEnvironment(t) is bound to the
// test: errors fail it, logs go to t.Logf, a failing test prints the run's
// history, and mock expectations are checked when the test ends. One made
// with WorkflowTestSuite.NewTestWorkflowEnvironment only returns errors
// (a run that outlives its test timeout is reported to its logger; see
// Virtual time).
//
// # Virtual time
//
// The clock starts at DefaultStartTime, 2000-01-01T00:00:00Z (SetStartTime
// changes it), and never reads the wall clock. Everything that happens
// outside workflow code — a timer firing, an activity finishing or timing
// out, a retry's backoff ending, a delayed callback, a signal — is an item
// due at a virtual instant. The simulator runs the workflow tasks that are
// ready, then jumps the clock straight to the next item: a workflow that
// sleeps a year takes microseconds. Items due at the same instant run in the
// order they were scheduled (a timer in the order it was created, a delayed
// callback in the order it was registered, which for callbacks registered
// before ExecuteWorkflow is before any timer), and what they produce reaches
// the workflow in one workflow task. What one run's workflow task produces
// for another run — a child's close for its parent, a cancellation request
// of a REQUEST_CANCEL parent close policy — reaches a run whose workflow
// task is already scheduled at that instant after that task, as on a
// server, where the event first needs the producing task's round trip: it
// is written after the task's completion, with a new task, or finds the run
// closed if the task closed it. So a child that completes in its first
// workflow task reaches its parent in the task after the one that saw it
// start, and a parent that returns in that task closes without it. (Signals
// and cancellation requests from SignalExternalWorkflow and
// RequestCancelExternalWorkflow are delivered at the instant once the
// ready tasks have run, as every transfer of a task's commands is; a
// request to cancel a workflow that has closed is a success, as on a
// server.)
//
// Real activity functions live in virtual time too: bound to a *testing.T,
// a run executes inside a testing/synctest bubble whose clock is the virtual
// clock, so time.Sleep, timers and deadlines in activity code follow it.
// The only real-time clock is SetTestTimeout's watchdog (ten seconds unless
// set), which reports a run that hangs — a coroutine that never reaches a
// blocking workflow call, an activity that never returns — as a *HungError
// with what each coroutine is doing: to the test the environment is bound
// to, failing it, or, for an environment of a WorkflowTestSuite, to the
// environment's logger (a slow run that keeps yielding then ends with its
// own result). A run that ends within the test timeout never meets it.
// Once the time is up, it looks again every test timeout: a workflow
// coroutine found running at two looks in a row, without having yielded
// in between (a loop that never blocks: a Selector whose case is always
// ready or that has a default, a ReceiveAsync poll, a loop of Now), is
// stopped at its next workflow call, as Temporal's deadlock detector stops
// one: the run fails with a *wfsim.PanicError whose text is "[TMPRL1101]
// Potential deadlock detected: workflow goroutine "root" didn't yield for
// over 10s", as a failed workflow task whatever the WorkflowPanicPolicy,
// so ExecuteWorkflow returns instead of hanging, and GetWorkflowError
// returns that error, bound to a test or not.
//
// Code stuck without a workflow call (for {}, a Go channel, time.Sleep in
// workflow code; an activity, callback or mock that never returns) cannot
// be stopped: the simulation runs on the goroutine that called
// ExecuteWorkflow, and that goroutine is inside the stuck code. (Temporal's
// test environment returns there and leaves the goroutine behind; here the
// abandoned simulation could wake later and change the environment while
// the test reads it.) When the watchdog finds such a run — a coroutine
// that made no workflow call for a whole test timeout after it was
// interrupted, or no workflow code run for two whole test timeouts after
// the report — it panics with its report and every goroutine's stack,
// ending the test binary as go test's -timeout would, a few test timeouts
// (and at least five seconds) in rather than after ten minutes.
//
// The watchdog's timer runs on real time, except inside a synctest bubble,
// where timers follow the bubble's fake clock. An environment bound to a
// test watches from outside its bubble; in the test's own bubble, and for
// an environment of a WorkflowTestSuite used in one, there is no real
// clock: the watchdog notices that its timer fired on fake time (when the
// whole bubble was idle, never because the run hung) and does nothing
// more, and a busy loop there is left to go test's -timeout.
//
// # Activities
//
// Activities are the simulated server's: attempts, the four timeouts,
// retries and cancellation follow a current Temporal server, with its
// failure messages and retry states ("activity StartToClose timeout"; "Not
// enough time to schedule next retry before activity ScheduleToClose
// timeout, giving up retrying", with the last attempt's failure as cause).
// Without a retry policy an activity is retried as the server retries it,
// but at most 10 attempts (Temporal's test environment's bound), so an
// always-failing activity ends. Only the last attempt's
// ActivityTaskStarted is recorded, when the activity closes.
//
// Timeouts are clock items like the rest, so one rule orders an activity
// finishing and a timeout at the same instant: what was put on the clock
// first happens first. An attempt's StartToClose and Heartbeat timers are
// armed as it starts, before its code or mock runs, and ScheduleToClose when
// it is scheduled; so an attempt that would finish exactly at its deadline
// — a mock whose After equals StartToCloseTimeout, real code returning at
// the instant its context expires — times out, and its late result is
// dropped. Likewise a retry due exactly at the ScheduleToClose deadline
// never starts: the activity times out. And a delayed callback registered
// before ExecuteWorkflow that completes an activity (CompleteActivity) at
// the instant of its timeout wins: it was on the clock first. Between an
// activity's own timeouts due at one instant, the server's order holds
// whatever order an explorer draws: ScheduleToStart (which defaults to, and
// is capped by, ScheduleToClose), ScheduleToClose, StartToClose (capped by
// ScheduleToClose), Heartbeat.
//
// Bound to a *testing.T, real activity code runs in goroutines of the
// run's synctest bubble (or of the test's own bubble, where the run starts
// at the bubble's time unless SetStartTime says otherwise): activity code
// sees virtual time in time.Now, time.Sleep, time.After, timers, tickers and
// its context's deadline, and the simulator moves virtual time only when
// every goroutine of the bubble has finished or is durably blocked. What
// such goroutines post at one instant (results, heartbeats, CompleteActivity
// calls) is applied after the clock items due at that instant, in the order
// the activities were scheduled, never in goroutine order; the same calls
// made on the simulation's goroutine (delayed callbacks, listeners) take
// effect at once. Without a bubble
// (WorkflowTestSuite's environments, or one bound to a *testing.B) activity
// code runs on the simulator's goroutine to completion in zero virtual time:
// a time.Sleep there takes real time and no virtual time, and its context
// has no deadline; CompleteActivity from another goroutine takes effect at
// whatever instant the simulation has reached (use a delayed callback or a
// listener to choose it). A function given to a mock's Return is the
// exception: as in Temporal's test environment, it runs in a goroutine of
// its own, so that it may wait for something the rest of the simulation
// does (another activity being called, a signal, a timer). The simulator
// waits for it while it runs, sleeps or waits for I/O; when it blocks on a
// channel, a select, a sync.WaitGroup or a sync.Cond, the simulation goes
// on in virtual time, and its result is applied at the instant it
// returns, in schedule order with the other results of that instant.
//
// A goroutine the test starts itself (before ExecuteWorkflow, so outside
// any bubble) may send too — SignalWorkflow, UpdateWorkflow, CancelWorkflow,
// CompleteActivity — but virtual time does not wait for it: what it sends
// is applied at whatever instant the simulation has reached (in a bubble,
// the next one), and a run with nothing left to do but wait for it ends
// deadlocked, or with its pending activity timed out. (Nor can it wake a
// bound run's simulation, which waits inside the bubble.) Activity code of
// a bound run that waits on something made outside the bubble — a channel,
// a mutex or a sync.WaitGroup the test made before ExecuteWorkflow, I/O —
// is not durably blocked, as testing/synctest defines it: the simulation
// waits for it at every instant (synctest.Wait), and virtual time stands
// still until something outside the bubble releases it. If that is such a
// goroutine, and it waits for the effect of what it sent (an update's
// callback, say), nothing can break the cycle: the watchdog reports the
// run at the test timeout, naming each such activity goroutine and where
// it waits (HungError.Outside), and ends the test binary a few test
// timeouts later. Make what activity code waits on inside the run (in the
// activity, a delayed callback, a listener or a mock), or release it from
// there; or run the test in a bubble of its own (synctest.Test): the
// environment then runs in it, and so do the goroutines the test starts
// there, which virtual time waits for — what one sends after a time.Sleep
// lands at that instant, and one may wait for an update's callback before
// it releases an activity. A goroutine of another bubble is outside the
// run's as any other. One that sends while
// ExecuteWorkflow sets the run up waits for the run to start. One that
// sends in a loop without pause keeps a bound run busy applying what it
// sends, so virtual time stands still until it stops. To send at a
// chosen instant, send from a delayed callback, a listener or a mock, or
// from a goroutine one of them starts. A query from such a goroutine while
// a bound run goes on fails with ErrQueryFromOutsideBubble: its handler
// would run inside the bubble.
//
// Local activities are run by the simulated worker and recorded as
// LocalActivity markers, as Temporal's SDK records them, in the completion
// of the workflow task that ran them. One that takes virtual time (a mock's
// After, a retry backoff, code that sleeps in a bubble) keeps that task
// open until it ends, as a worker does; a task open for 80% of the workflow
// task timeout is completed and a new one started at once (the worker's
// heartbeat). Events that arrive for the run meanwhile (signals,
// cancellation requests, timers that fire, activity and child results) are
// recorded after the task's commands, with the time they arrived, as the
// server buffers them; the workflow code sees them in the next task. A
// timer the completing task cancels after it fired meanwhile records
// TimerCanceled and no TimerFired, as on a server. Unlike a server, which
// times out a task whose heartbeats have gone on for 30 minutes with no new
// commands (and the local activity starts over), the simulator lets a
// local activity run as long as its own timeouts allow.
//
// # Heartbeats
//
// The simulated worker throttles heartbeats as Temporal's Go SDK worker
// does, so a test that counts them sees Temporal's count. A heartbeat
// (activity.RecordHeartbeat) made when no batch is open is sent to the
// server at once and opens a batch; one made while a batch is open is held
// back, a later one replacing it. When the batch ends, the heartbeat held
// back is sent, opening the next batch. When the attempt's code returns,
// the heartbeat held back is dropped if it completed, and sent before its
// result otherwise (an error, a panic, activity.ErrResultPending), so
// that a retry resumes from its details. A batch lasts 80% of the
// activity's HeartbeatTimeout or, without one, worker.Options'
// DefaultHeartbeatThrottleInterval (30s unless set), and at most
// MaxHeartbeatThrottleInterval (60s unless set); both options take effect
// through SetWorkerOptions. Batches end in virtual time, on the clock like
// timers, and before a heartbeat made at the same instant. Once the
// worker's stop channel (SetWorkerStopChannel) is closed, the heartbeat
// held back and all later ones are sent, as the worker sends them before
// it stops (noticed at the attempt's next heartbeat, or when its code
// returns). The heartbeat
// listeners see the heartbeats sent; the heartbeat timeout counts from the
// last one the server received, and a heartbeat TimeoutError carries its
// details. TestWorkflowEnvironment.RecordActivityHeartbeat, like Temporal's
// client call, goes to the server unthrottled. TestActivityEnvironment
// throttles what reaches its listener the same way, in the bubble's
// virtual time; outside a bubble its clock stands still (as the activity's
// Info does), so only the first heartbeat is sent, and the last one when
// the activity fails.
//
// Cancellation does not wait for a heartbeat: a running attempt's context
// is canceled as soon as the workflow's request is recorded. (Temporal's
// worker learns of it from the reply to the next heartbeat it sends, up to
// a throttle interval later, and never for an activity that does not
// heartbeat.)
//
// # What is recorded
//
// Every run is recorded as a Temporal history: History returns it, and
// Histories the histories of every run of a workflow ID (children, runs
// continued as new). The events, their order, IDs and attributes are those
// a Temporal server would record for the same commands —
// WorkflowTaskScheduled/Started/Completed around every task, TimerStarted
// and TimerFired, ActivityTaskScheduled/Started/Completed, … — and their
// times are virtual. A task whose workflow code panics (or whose commands
// the worker finds nondeterministic) under the default panic policy,
// worker.BlockWorkflow, ends with the WorkflowTaskFailed event the server
// records for the worker's answer; the run then stops there, with the
// task's error (a *wfsim.PanicError for a panic), where a server would
// retry the task forever. History().WriteJSON writes Temporal's JSON form,
// which Temporal's own tools read; History().String() prints a timeline
// for people. When a run ends, its history is replayed against the same
// workflow code (package replay); a mismatch means the code is not
// deterministic and fails the run with a *ReplayCheckError.
//
// A signal or a cancellation request sent while a workflow task is under
// way — by a local activity, a local activity's mock or listener, a
// child-started listener, or workflow code itself through the
// environment, all of which run within a task (a delayed callback runs
// between tasks) — is recorded after the task's commands' events, as the
// server buffers it. If the task closes the run (the
// workflow returns, fails, is canceled or continues as new), the server
// refuses that completion, as it must not close a run whose workflow has
// not seen such events: the task's completion and its commands' events
// are dropped, WorkflowTaskFailed is recorded (cause UnhandledCommand, a
// server failure "UnhandledCommand", the worker's identity), then the
// buffered events, and a new task runs the workflow again from its history
// before the failed task, now with them — a workflow that drains its signal
// channel before returning receives the signal, one that checks ctx.Err()
// sees the cancellation; its local activities run again. An update sent
// meanwhile does not stop the close, which abandons it
// (*UpdateAbandonedError); otherwise a task after the commands delivers
// it. A run the simulator cannot run again from its history (it received
// updates, or is a mocked workflow) keeps its close, drops the events and
// reports a *UnhandledEventsError; a task that fails so 100 times in a row
// (a local activity that signals its own workflow each time it runs) ends
// the run with one.
//
// The same test gives the same history, byte for byte, on every run, with
// any GOMAXPROCS and under the race detector. No goroutine outlives an
// environment's run: the coroutines of every run are closed when it ends,
// however it ends (only a mock's function that ignores its canceled
// context and stays blocked is left behind, as in Temporal's test
// environment).
//
// # Exploring schedules and faults
//
// The fixed rules above (schedule order at an instant, no latency, no
// faults) are one schedule among those a real deployment could run. With
// SetExplorer, every free choice becomes a draw of an Explorer: the order of
// items due at the same instant and of workflow tasks ready together, and,
// with SetFaults, activity latencies, attempts that fail or hang until
// their timeout, worker restarts that rebuild a workflow from its history
// (a run that cannot be rebuilt fails its next workflow task, recorded as
// WorkflowTaskFailed, and ends with a *RestartError), and jitter on signals
// and delayed callbacks. Faults keep the server's
// rules, so every explored history replays. RapidExplorer draws from a
// rapid check, which then shrinks a failing run to a minimal schedule;
// SeedExplorer draws from a seed, for loops over seeds and for reproducing
// one. The same draws give the same history, byte for byte.
//
//	rapid.Check(t, func(t *rapid.T) {
//		env := testsuite.NewTestWorkflowEnvironment(t)
//		env.SetExplorer(testsuite.RapidExplorer(t))
//		env.SetFaults(testsuite.Faults{ActivityFailure: 0.2, ActivityLatency: time.Minute, WorkerRestart: 0.2})
//		env.ExecuteWorkflow(OrderWorkflow, "A-1")
//		// assert the property: shipped, or everything undone
//	})
//
// A failing explored test prints, before the history, the explorer (a
// seed, or rapid's reproduction line above it), the faults and every
// choice in order; Choices returns them. A run that would not end is
// stopped at Faults.Horizon with a *LivenessError listing what is pending.
package testsuite
