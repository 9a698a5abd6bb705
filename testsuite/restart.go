package testsuite

import (
	"fmt"
	"slices"

	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// Worker restarts
//
// A Temporal worker keeps each workflow's state in memory between tasks.
// When it restarts, or evicts the workflow from its cache, the next task
// goes to a worker that has nothing: it rebuilds the state by running the
// workflow code from the start against the history so far (replaying),
// and only then runs the new task. Code that does not replay the same way
// — it reads state kept outside the workflow, the wall clock, a map's
// order — fails there, with a nondeterminism error.
//
// The simulator does the same after a workflow task when Faults.WorkerRestart
// draws a restart: the run's instance is closed and a new one is rebuilt
// through the workflow machinery from the events delivered so far, task by
// task, as the replayer feeds them. The commands each replayed task issues
// are compared with those the dropped instance issued; if they differ, or
// the rebuild fails, package replay replays the history (comparing the
// code's commands with the recorded events, as Temporal's worker does) and
// its verdict stands. So deterministic code costs one replay per restart,
// and nondeterministic code gets Temporal's own error.

// RestartError reports that a run could not be rebuilt after a worker
// restart: replaying its history so far against its code failed. Err is
// replay's error, usually a *replay.NondeterminismError naming the event
// and the command that differ.
type RestartError struct {
	WorkflowID   string
	RunID        string
	WorkflowType string
	// EventID is the last event of the history replayed.
	EventID int64
	Err     error
}

func (e *RestartError) Error() string {
	return fmt.Sprintf("testsuite: after a worker restart at event %d, workflow %q (workflowID %s, runID %s) could not be rebuilt from its history: %v",
		e.EventID, e.WorkflowType, e.WorkflowID, e.RunID, e.Err)
}

func (e *RestartError) Unwrap() error { return e.Err }

// SetOnWorkerRestartListener sets a function called when the simulated
// worker restarts (Faults.WorkerRestart), before it rebuilds the state of
// workflow workflowID from its history. A test whose workflow or
// activities keep state in the worker process (a cache, a global) drops it
// here, as a real restart would.
func (env *TestWorkflowEnvironment) SetOnWorkerRestartListener(listener func(workflowID string)) *TestWorkflowEnvironment {
	env.e.exploration().more().onRestart = listener
	return env
}

// afterTask draws a worker restart after a workflow task of r, and carries
// it out. A run that could not be rebuilt fails its next task
// (restart_failed.go).
func (e *environment) afterTask(r *workflowRun) error {
	x := e.x
	if x == nil || x.faults.WorkerRestart <= 0 || !e.restartable(r) {
		return nil
	}
	happened := x.faults.WorkerRestart >= 1 || x.explorer.Chance(ChoiceRestart.label(), x.faults.WorkerRestart)
	x.record(Choice{Kind: ChoiceRestart, Time: e.clock.Now(), WorkflowID: r.id, Happened: happened})
	if !happened {
		return nil
	}
	if err := e.restart(r); err != nil {
		e.rebuildFailed(r, err) // restart_failed.go
	}
	return nil
}

// restartable reports whether r's state can be rebuilt from its history
// alone: it runs workflow code (not a mock's stand-in), no update was ever
// sent (updates reach a task as messages beside its events), and no local
// activity is in flight (the worker that ran it is gone).
func (e *environment) restartable(r *workflowRun) bool {
	return !r.closed && r.inst != nil && r.link.spec.wf != nil &&
		(r == e.root || !e.comp.mocked(r.wfType)) &&
		len(e.msgs.list) == 0 && len(e.msgs.startUpdates) == 0 && len(r.msgs.updates) == 0 &&
		len(r.local.attempts) == 0 && r.local.pending() == 0 && r.local.openTask() == nil && len(r.local.requests) == 0
}

// restart drops r's instance and rebuilds it from the history delivered so
// far. The rebuilt instance's commands, task by task, are compared with
// those the dropped instance issued: when they are the same the code
// replays its history; when they differ, or the rebuild fails, the
// replayer decides, and its error (Temporal's nondeterminism text) is the
// restart's.
func (e *environment) restart(r *workflowRun) error {
	if m := e.x.rare; m != nil && m.onRestart != nil {
		m.onRestart(r.id)
	}
	// The old instance stays in place, closed, until the new one is
	// built: a run that fails here closes with it.
	r.inst.Close()
	r.rec.settle() // the replayer may read the whole history
	events := r.history.Events
	inst, err := e.freshInstance(r)
	if err != nil {
		return e.restartError(r, err)
	}
	issued := e.x.issued.of(r)
	same := issued.tasks() == countTasks(events[:r.delivered])
	if e.x.rebuild == nil {
		e.x.rebuild = new(historySource)
	}
	err = replayTasks(e.x.rebuild, events, r.delivered, func(i int, t run.Task) error {
		cmds, err := inst.ProcessTask(t)
		if err != nil {
			return err
		}
		if same && !issued.same(i, cmds) {
			same = false
		}
		return nil
	})
	if err != nil {
		inst.Close()
		return e.restartError(r, e.rebuildError(r, err))
	}
	if !same {
		if err := e.replaySoFar(r); err != nil {
			inst.Close()
			return e.restartError(r, err)
		}
	}
	r.inst = inst
	return nil
}

func (e *environment) restartError(r *workflowRun, err error) error {
	return &RestartError{WorkflowID: r.id, RunID: r.runID, WorkflowType: r.wfType, EventID: int64(len(r.history.Events)), Err: err}
}

// freshInstance returns a new instance of r's code, as the run started,
// which has seen none of its history.
func (e *environment) freshInstance(r *workflowRun) (run.Instance, error) {
	spec := r.link.spec
	start := e.runStart(r, spec)
	start.StartTime = r.history.Events[0].EventTime
	return run.NewInstance(spec.wf, start)
}

// rebuildError returns the error of a rebuild of r that failed with err:
// the replayer's verdict on r's history so far (Temporal's text), if it
// finds something wrong, else err.
func (e *environment) rebuildError(r *workflowRun, err error) error {
	if rerr := e.replaySoFar(r); rerr != nil {
		return rerr
	}
	return err
}

// replaySoFar replays r's history so far against its code with package
// replay, as Temporal's worker would, and returns what it finds.
func (e *environment) replaySoFar(r *workflowRun) error {
	rp, err := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{DataConverter: e.dc, FailureConverter: e.failureConverter()})
	if err != nil {
		return err
	}
	rp.RegisterWorkflowWithOptions(r.link.spec.wf, workflow.RegisterOptions{Name: r.wfType})
	r.rec.settle()
	return rp.ReplayWorkflowHistoryWithOptions(nil, &replay.History{Events: r.history.Events}, replay.ReplayWorkflowHistoryOptions{
		OriginalExecution: workflow.WorkflowExecution{ID: r.id, RunID: r.runID},
	})
}

// isVersionCommand reports whether GetVersion issued c: its marker, or the
// upsert of the TemporalChangeVersion search attribute, which it issues
// only the first time it runs, never when replaying. (The workflow
// machinery checks versions against the recorded markers itself.)
func isVersionCommand(c run.Command) bool {
	switch c.Kind {
	case run.CommandRecordMarker:
		return c.Marker != nil && c.Marker.Name == versionMarkerName
	case run.CommandUpsertSearchAttributes:
		_, ok := c.SearchAttributes[workflow.TemporalChangeVersion]
		return ok && len(c.SearchAttributes) == 1
	}
	return false
}

// versionMarkerName names GetVersion's marker, as Temporal's SDK does.
const versionMarkerName = "Version"

// countTasks returns how many workflow tasks delivered events: one per
// WorkflowTaskStarted, but for attempts that failed (failedAttempt).
func countTasks(events []*replay.Event) int {
	n := 0
	for i, ev := range events {
		if ev.EventType == replay.EventTypeWorkflowTaskStarted && !failedAttempt(events, i) {
			n++
		}
	}
	return n
}

// failedAttempt reports whether events[i], a WorkflowTaskStarted, started
// an attempt that failed or timed out: as the replayer does, and
// Temporal's SDK, its events fold into the next attempt's task (the
// simulator's histories have such attempts where the server refused a
// task that closed the run while events arrived: unhandled.go).
func failedAttempt(events []*replay.Event, i int) bool {
	if i+1 >= len(events) {
		return false
	}
	t := events[i+1].EventType
	return t == replay.EventTypeWorkflowTaskFailed || t == replay.EventTypeWorkflowTaskTimedOut
}

// replayTasks cuts the first delivered events of a history, those the run's
// instance had seen, into the workflow tasks that delivered them, as the
// replayer cuts a history, and calls f with each in order until it returns
// an error: each task ends with its WorkflowTaskStarted, carries the SDK
// flags its completion recorded, and knows the markers its commands
// recorded; a failed attempt's events fold into the next task's
// (failedAttempt). A task's events come from src, one at a time,
// and its markers are in src's buffer: ProcessTask keeps neither, so both
// serve task after task, restart after restart.
func replayTasks(src *historySource, events []*replay.Event, delivered int, f func(i int, t run.Task) error) error {
	start, k := 0, 0
	for i, ev := range events[:delivered] {
		if ev.EventType != replay.EventTypeWorkflowTaskStarted || failedAttempt(events, i) {
			continue
		}
		src.events, src.next = events[start:i+1], 0
		// The rebuild only compares a task's commands (f): the next task
		// may return its own in the same memory.
		t := run.Task{Source: src, Replaying: true, ReuseCommands: true}
		next := i + 1
		if next < len(events) && events[next].GetWorkflowTaskCompletedEventAttributes() != nil {
			if md := events[next].GetWorkflowTaskCompletedEventAttributes().SDKMetadata; md != nil {
				t.Flags = md.LangUsedFlags
			}
		}
		markers := src.markers[:0]
		for _, m := range events[next:] {
			if m.EventType == replay.EventTypeWorkflowTaskStarted {
				break
			}
			if m.EventType == replay.EventTypeMarkerRecorded {
				markers = translate(markers, []*replay.Event{m})
			}
		}
		src.markers = markers
		if len(markers) > 0 {
			t.Markers = markers
		}
		if err := f(k, t); err != nil {
			return err
		}
		start, k = i+1, k+1
	}
	return nil
}

// historySource hands a task's history events to a rebuilt instance one at
// a time (run.EventSource), each translated into the same run.Event when
// it is asked for: a rebuild needs room for one event rather than for its
// largest task. markers holds the task's translated markers.
type historySource struct {
	events  []*replay.Event
	next    int
	ev      run.Event
	markers []run.Event
}

func (s *historySource) NextEvent() *run.Event {
	if s.next == len(s.events) {
		return nil
	}
	run.FromHistory(&s.ev, s.events[s.next])
	s.next++
	return &s.ev
}

// translate appends what workflow code observes of events to dst.
func translate(dst []run.Event, events []*replay.Event) []run.Event {
	n := len(dst)
	dst = slices.Grow(dst, len(events))[:n+len(events)]
	for i, ev := range events {
		run.FromHistory(&dst[n+i], ev)
	}
	return dst
}
