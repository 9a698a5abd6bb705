package replay

import (
	"errors"
	"fmt"
	"log/slog"
	"slices"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/run"
)

// replay runs the workflow code over the history's tasks and compares.
// The steps and their order are those of Temporal's replayer
// (REPLAY-MATCHING.md): pre-checks, workflow lookup, tasks in order with
// the state checks the workflow machinery makes as events arrive, then the
// command/event walk, then the check of how the run ends.
func (r *WorkflowReplayer) replay(logger *slog.Logger, h *History, opts ReplayWorkflowHistoryOptions) error {
	started, err := precheck(h)
	if err != nil {
		return err
	}
	wfType := started.WorkflowType.Name
	lookup := r.lookupName(wfType)
	wf, ok := r.workflow(lookup)
	if !ok && r.dynamic != nil {
		wf, ok = run.DynamicWorkflow{Fn: r.dynamic}, true
	}
	if !ok {
		return &UnknownWorkflowTypeError{WorkflowType: lookup, Registered: r.registered()}
	}
	rs := new(replayRun) // on the heap: the deadlock watch's goroutine shares it
	if err := rs.begin(&r.opts, r.aliases, logger, h, wf, opts, nil, nil); err != nil {
		return err
	}
	if r.opts.DisableDeadlockDetection {
		err = rs.runTasks()
	} else {
		var abandoned bool
		err, abandoned = rs.runTasksWatched()
		if abandoned {
			// A coroutine is still running, stuck (deadlock.go): the
			// instance is left to it.
			return err
		}
	}
	defer rs.inst.Close()
	if err != nil {
		return err
	}
	return rs.conclude()
}

// begin sets rs up to replay h against wf, the workflow registered for
// h's type, under the replayer's options ropts, its runs naming functions
// with aliases: it cuts the history into tasks and creates the instance.
//
// scratch, when it has room, is memory the replay may use for its events
// (see taskSource).
func (rs *replayRun) begin(ropts *WorkflowReplayerOptions, aliases *run.Aliases, logger *slog.Logger, h *History, wf any, opts ReplayWorkflowHistoryOptions, scratch []run.Event, carrier *run.Carrier) error {
	first := h.Events[0]
	wfType := first.GetWorkflowExecutionStartedEventAttributes().WorkflowType.Name
	// The code issues about as many commands as the history records:
	// sized up front, the lists are not regrown as the tasks run.
	// (The pass counts what splitTasks needs too.)
	n, starts := 0, 0
	for _, e := range h.Events {
		if e.EventType.IsCommandEvent() {
			n++
		}
		if e.EventType == EventTypeWorkflowTaskStarted {
			starts++
		}
		if !rs.updates && mayDeliverUpdate(e) {
			rs.updates = true
		}
	}
	tasks, err := splitTasks(h.Events, starts)
	if err != nil {
		return err
	}
	start := startOf(ropts, aliases, logger, first, opts)
	start.CommandRoom = n
	start.Carrier = carrier
	inst, err := run.NewInstance(wf, start)
	if err != nil {
		return fmt.Errorf("replay: starting workflow %s: %w", wfType, err)
	}
	rs.h, rs.tasks, rs.inst, rs.wfType = h, tasks, inst, wfType
	rs.m.strict = ropts.Strict
	rs.src = newTaskSource(scratch)
	rs.markerBuf = markerBuffer(h.Events, tasks)
	return nil
}

// conclude compares the commands of the tasks that ran with the history,
// once they ran without error.
func (rs *replayRun) conclude() error {
	if err := rs.m.match(rs.ran(), rs.h.Events[:rs.taken]); err != nil {
		return err
	}
	return rs.finalCheck()
}

// precheck makes Temporal's checks of a history before replay and returns
// its WorkflowExecutionStarted attributes.
func precheck(h *History) (*WorkflowExecutionStartedEventAttributes, error) {
	if h == nil || len(h.Events) == 0 {
		return nil, &HistoryError{Index: -1, Err: ErrEmptyHistory}
	}
	if len(h.Events) < 3 {
		return nil, &HistoryError{Index: -1, Detail: fmt.Sprintf("it has %d", len(h.Events)), Err: ErrShortHistory}
	}
	first := h.Events[0]
	if first.EventType != EventTypeWorkflowExecutionStarted {
		return nil, &HistoryError{Index: 0, EventID: first.EventID, Expected: "WorkflowExecutionStarted", Got: first.EventType.String(), Err: ErrFirstEvent}
	}
	if first.GetWorkflowExecutionStartedEventAttributes() == nil {
		return nil, &HistoryError{Index: 0, EventID: first.EventID, Detail: "corrupted WorkflowExecutionStarted", Err: ErrAttributes}
	}
	for i, e := range h.Events {
		if e == nil {
			return nil, &HistoryError{Index: i, Detail: "nil event", Err: ErrEventIDs}
		}
		if want := int64(i) + 1; e.EventID != want {
			return nil, &HistoryError{Index: i, EventID: e.EventID,
				Detail: fmt.Sprintf("expectedNextEventID=%d but receivedNextEventID=%d", want, e.EventID), Err: ErrEventIDs}
		}
	}
	return first.GetWorkflowExecutionStartedEventAttributes(), nil
}

// startOf describes the run to replay, as Temporal's replayer sets it up
// under the options ropts, its functions named with aliases.
func startOf(ropts *WorkflowReplayerOptions, aliases *run.Aliases, logger *slog.Logger, first *Event, opts ReplayWorkflowHistoryOptions) run.Start {
	a := first.GetWorkflowExecutionStartedEventAttributes()
	s := run.Start{
		Namespace:                replayNamespace,
		WorkflowID:               replayWorkflowID,
		RunID:                    replayRunID,
		WorkflowType:             a.WorkflowType.Name,
		TaskQueue:                a.TaskQueue.Name,
		Input:                    a.Input,
		Attempt:                  a.Attempt,
		StartTime:                first.EventTime,
		CronSchedule:             a.CronSchedule,
		LastCompletionResult:     a.LastCompletionResult,
		LastFailure:              a.ContinuedFailure,
		ContinuedRunID:           a.ContinuedExecutionRunID,
		FirstRunID:               a.FirstExecutionRunID,
		WorkflowExecutionTimeout: a.WorkflowExecutionTimeout,
		WorkflowRunTimeout:       a.WorkflowRunTimeout,
		WorkflowTaskTimeout:      a.WorkflowTaskTimeout,
		Logger:                   logger,
		DataConverter:            ropts.DataConverter,
		FailureConverter:         ropts.FailureConverter,
		Aliases:                  aliases,
	}
	if p := a.Priority; p != nil {
		s.Priority = wfsim.Priority{PriorityKey: int(p.PriorityKey), FairnessKey: p.FairnessKey, FairnessWeight: p.FairnessWeight}
	}
	if len(ropts.ContextPropagators) > 0 {
		s.ContextPropagators = ropts.ContextPropagators
	}
	if opts.OriginalExecution.ID != "" {
		s.WorkflowID = opts.OriginalExecution.ID
	}
	switch {
	case opts.OriginalExecution.RunID != "":
		s.RunID = opts.OriginalExecution.RunID
	case a.OriginalExecutionRunID != "":
		s.RunID = a.OriginalExecutionRunID
	}
	if a.OriginalExecutionRunID != s.RunID {
		// Temporal's SDK derives child IDs and random streams from the
		// history's value, even an empty one.
		o := a.OriginalExecutionRunID
		s.OriginalExecutionRunID = &o
	}
	if s.TaskQueue == "" {
		s.TaskQueue = replayTaskQueue
	}
	if s.Attempt == 0 {
		s.Attempt = 1
	}
	if a.Header != nil {
		s.Header = a.Header.Fields
	}
	if p := a.ParentWorkflowExecution; p != nil {
		s.ParentWorkflowID, s.ParentRunID = p.WorkflowID, p.RunID
	}
	if r := a.RootWorkflowExecution; r != nil {
		s.RootWorkflowID, s.RootRunID = r.WorkflowID, r.RunID
	}
	s.Memo, s.SearchAttributes = a.Memo, a.SearchAttributes
	if p := a.RetryPolicy; p != nil {
		s.RetryPolicy = &wfsim.RetryPolicy{InitialInterval: p.InitialInterval, BackoffCoefficient: p.BackoffCoefficient,
			MaximumInterval: p.MaximumInterval, MaximumAttempts: p.MaximumAttempts, NonRetryableErrorTypes: p.NonRetryableErrorTypes}
	}
	return s
}

// replayRun is one replay in progress.
type replayRun struct {
	h      *History
	tasks  []task
	inst   run.Instance
	wfType string
	m      matcher

	// The commands of the code to compare are those of tasks[:compared]
	// (task.cmds), the events those of h.Events[:taken], the windows of
	// the tasks delivered so far.
	compared int
	taken    int
	// completion is the command with which the code closed the run, nil
	// while it has not.
	completion *run.Command

	// src hands a task's events to ProcessTask one at a time; runBuf
	// holds them all instead when updates are delivered among them
	// (withUpdates), and markerBuf holds a task's markers. ProcessTask keeps
	// none of them: they are reused task after task.
	src               *taskSource
	runBuf, markerBuf []run.Event

	// updates says the history may deliver updates (hasUpdates).
	updates bool

	// watch detects workflow code that does not yield (deadlock.go).
	watch deadlockWatch
}

// runTasks delivers the tasks to the workflow code in order and collects
// its commands.
func (rs *replayRun) runTasks() error {
	last := rs.h.Events[len(rs.h.Events)-1]
	prevStart := -1 // index in tasks of the previous task
	for i := range rs.tasks {
		t := &rs.tasks[i]
		// A history that ends with a WorkflowTaskStarted was exported while
		// the run was live: that task has not completed, so the events its
		// predecessor's commands produced are not all there yet. Temporal's
		// replayer stops before it and leaves the predecessor's commands
		// out of the comparison.
		if i == len(rs.tasks)-1 && t.started() == last {
			if prevStart >= 0 {
				rs.compared = prevStart
			}
			return nil
		}
		if err := rs.takeEvents(t); err != nil {
			return err
		}
		flags := t.flags()
		if slices.Contains(flags, flagProtocolMessageCommand) {
			rs.m.protocolMessages = true
		}
		// The markers the task's commands recorded are those of the next
		// batch (none when no batch holds any: markerBuffer).
		var markers []run.Event
		if rs.markerBuf != nil && i+1 < len(rs.tasks) {
			markers = appendMarkers(rs.markerBuf[:0], rs.tasks[i+1].window(rs.h.Events))
			if len(markers) == 0 {
				markers = nil
			}
		}
		// Events after the last task run no code in Temporal's replayer:
		// they only move the state machines, and the commands their
		// callbacks issue (a cancellation's) join the comparison.
		task := run.Task{Replaying: true, Markers: markers, Flags: flags, NoRun: t.started() == nil}
		rs.watch.at.Store(taskEventID(t))
		if rs.hasUpdates(i) {
			task.Events = rs.withUpdates(i, rs.translate(t))
		} else {
			// (NextEvent overwrites the whole event: only the position
			// is reset.)
			rs.src.events, rs.src.next = t.window(rs.h.Events), 0
			task.Source = rs.src
		}
		cmds, err := rs.inst.ProcessTask(task)
		if oe := rs.watch.overrun(taskEventID(t)); oe != nil {
			return oe
		}
		if err != nil {
			return rs.taskError(t, err)
		}
		if t.started() != nil {
			prevStart = i
		}
		for i := range cmds {
			if closesRun(cmds[i].Kind) {
				rs.completion = &cmds[i]
			}
		}
		t.cmds = cmds
		rs.compared = i + 1
	}
	return nil
}

// ran returns the tasks whose commands are compared.
func (rs *replayRun) ran() []task { return rs.tasks[:rs.compared] }

// takeEvents checks a task's events (see checkEvent) and adds them to
// those to compare.
func (rs *replayRun) takeEvents(t *task) error {
	events := t.window(rs.h.Events)
	for i, e := range events {
		if !inTask(events, i) || e.Attributes != nil && sdkHandles(e.EventType) {
			continue // left out, or sound (checkEvent's first test, without the call)
		}
		if err := checkEvent(rs.h, e); err != nil {
			return err
		}
	}
	rs.taken = int(t.hi)
	return nil
}

// translate returns the translations of a task's events, in rs.runBuf.
// (fillRunEvent overwrites every field, so the buffer is reused without
// clearing it.)
func (rs *replayRun) translate(t *task) []run.Event {
	events := t.window(rs.h.Events)
	evs := slices.Grow(rs.runBuf[:0], len(events))
	for i, e := range events {
		if inTask(events, i) {
			n := len(evs)
			evs = evs[:n+1]
			fillRunEvent(&evs[n], e)
		}
	}
	rs.runBuf = evs
	return evs
}

// taskSource hands a task's events to the workflow code one at a time
// (run.EventSource), each translated into the same run.Event when it is
// asked for: a replay needs room for one event (232 bytes) rather than for
// its largest task.
type taskSource struct {
	events []*Event // the task's window
	next   int
	ev     *run.Event
}

// newTaskSource returns a source that translates into scratch's first
// event, or into one of its own when scratch has no room. (The source is
// apart from replayRun, which a replay check keeps on its stack
// (check.go): the instance keeps the source it is handed.)
func newTaskSource(scratch []run.Event) *taskSource {
	if cap(scratch) > 0 {
		return &taskSource{ev: &scratch[:1][0]}
	}
	own := new(struct {
		taskSource
		ev run.Event
	})
	own.taskSource.ev = &own.ev
	return &own.taskSource
}

// NextEvent returns the task's next event, or nil after its last. It
// passes over the events of the window left out of the task and those the
// instance ignores (ignoredByInstance) but the task's last: such an event
// only sets the run's time, which the next event sets again before
// anything can read it.
func (s *taskSource) NextEvent() *run.Event {
	for s.next < len(s.events)-1 && (leftOut(s.events[s.next].EventType) || ignoredByInstance(s.events[s.next])) {
		s.next++
	}
	if s.next == len(s.events) {
		return nil
	}
	fillRunEvent(s.ev, s.events[s.next])
	s.next++
	return s.ev
}

// markerBuffer returns the buffer for a task's translated markers, sized
// for the task with the most so that it never grows (nil when no task has
// any): the markers of a task are the MarkerRecorded events of the next
// batch.
func markerBuffer(events []*Event, tasks []task) []run.Event {
	n := 0
	for i := 1; i < len(tasks); i++ {
		n = max(n, markerCount(tasks[i].window(events)))
	}
	if n == 0 {
		return nil
	}
	return make([]run.Event, 0, n)
}

// appendMarkers appends the translations of the MarkerRecorded events of
// events to dst. The new elements are not zeroed first: fillRunEvent sets
// every field.
func appendMarkers(dst []run.Event, events []*Event) []run.Event {
	for _, e := range events {
		if e.EventType == EventTypeMarkerRecorded {
			n := len(dst)
			dst = slices.Grow(dst, 1)[:n+1]
			fillRunEvent(&dst[n], e)
		}
	}
	return dst
}

// taskError turns a failure of a workflow task into replay's error.
func (rs *replayRun) taskError(t *task, err error) error {
	var ise *run.IllegalStateError
	var pe *run.PanicError
	at := taskEventID(t)
	switch {
	case errors.As(err, &ise):
		return rs.illegalState(t, ise)
	case errors.As(err, &pe):
		return &PanicError{WorkflowType: rs.wfType, EventID: at, Coroutine: pe.Coroutine, Value: deadlockValue(pe.Value), Stack: pe.Stack}
	}
	return fmt.Errorf("replay: workflow %s, task started by event %d: %w", rs.wfType, at, err)
}

// taskEventID is the event a task's errors are reported at: its
// WorkflowTaskStarted, or the last of its events for the events after the
// last task.
func taskEventID(t *task) int64 {
	return t.last.EventID
}

// finalCheck compares how the code ended the run with the history's last
// event. Like Temporal's replayer it requires only that a history ending
// in WorkflowExecutionCompleted or WorkflowExecutionContinuedAsNew be
// matched by a completion of that kind; strict mode also compares the
// result and requires failed and canceled runs to be failed and canceled.
func (rs *replayRun) finalCheck() error {
	last := rs.h.Events[len(rs.h.Events)-1]
	var want CommandType
	strictOnly := false
	switch last.EventType {
	case EventTypeWorkflowExecutionCompleted:
		want = CommandTypeCompleteWorkflowExecution
	case EventTypeWorkflowExecutionContinuedAsNew:
		want = CommandTypeContinueAsNewWorkflowExecution
	case EventTypeWorkflowExecutionFailed:
		want, strictOnly = CommandTypeFailWorkflowExecution, true
	case EventTypeWorkflowExecutionCanceled:
		want, strictOnly = CommandTypeCancelWorkflowExecution, true
	default:
		return nil
	}
	if strictOnly && !rs.m.strict {
		return nil
	}
	if !rs.m.strict && rs.completion != nil && runCommandType(rs.completion) == want {
		return nil // what the comparison below finds, without the payload texts
	}
	h := commandOfEvent(last)
	var c *Command
	if rs.completion != nil {
		c = commandOfRun(rs.completion)
	}
	nd := &NondeterminismError{EventID: last.EventID, EventType: last.EventType, History: h, Code: c, Strict: strictOnly}
	switch {
	case c == nil || c.Type != want:
		nd.Message = resultMismatch(c, last)
		return nd
	case rs.m.strict && want == CommandTypeCompleteWorkflowExecution && c.Result != h.Result:
		nd.Strict = true
		nd.Message = resultMismatch(c, last)
		return nd
	}
	return nil
}

// runCommandType is the type of a command of the workflow code.
func runCommandType(c *run.Command) CommandType {
	var out Command
	fillCommandShapeOfRun(c, &out)
	return out.Type
}
