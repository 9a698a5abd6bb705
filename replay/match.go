package replay

import (
	"fmt"
	"strings"

	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/internal/smallmap"
)

// The names of the markers whose commands and events replay does not
// compare: GetVersion and MutableSideEffect markers are recorded only the
// first time, so their presence depends on history, not on code.
const (
	versionMarkerName           = "Version"
	mutableSideEffectMarkerName = "MutableSideEffect"
	changeVersionSearchAttr     = "TemporalChangeVersion"
)

// The kinds of protocol messages answering an update, which Command.Name
// holds for a ProtocolMessage command.
const (
	updateAccept   = "accept"
	updateReject   = "reject"
	updateComplete = "complete"
)

// commandOfRun reduces a command of the workflow code to what replay
// compares.
func commandOfRun(c *run.Command) *Command {
	out := new(Command)
	fillCommandOfRun(c, out)
	return out
}

// fillCommandOfRun sets *out to what replay compares of a command of the
// workflow code.
func fillCommandOfRun(c *run.Command, out *Command) {
	fillCommandShapeOfRun(c, out)
	addRunPayloadTexts(c, out)
}

// addRunPayloadTexts sets the payload texts of a command of the workflow
// code (an activity's input, a workflow's result): making them costs more
// than the rest, and only strict mode and error reports show them.
func addRunPayloadTexts(c *run.Command, out *Command) {
	switch c.Kind {
	case run.CommandScheduleActivity:
		if a := c.Activity; a != nil {
			out.Input = payloadsText(a.Input)
		}
	case run.CommandCompleteWorkflow:
		out.Result = payloadsText(c.Result)
	}
}

// fillCommandShapeOfRun is fillCommandOfRun without the payload texts.
func fillCommandShapeOfRun(c *run.Command, out *Command) {
	*out = Command{ID: c.ID}
	switch c.Kind {
	case run.CommandScheduleActivity:
		out.Type = CommandTypeScheduleActivityTask
		if a := c.Activity; a != nil {
			out.Name, out.TaskQueue = a.ActivityType, a.TaskQueue
		}
	case run.CommandRequestCancelActivity:
		out.Type, out.ScheduledEventID = CommandTypeRequestCancelActivityTask, c.ScheduledEventID
	case run.CommandStartTimer:
		out.Type, out.Duration = CommandTypeStartTimer, c.TimerDuration
	case run.CommandCancelTimer:
		out.Type = CommandTypeCancelTimer
	case run.CommandRecordMarker:
		out.Type, out.ID = CommandTypeRecordMarker, ""
		if c.Marker != nil {
			out.Name = c.Marker.Name
		}
	case run.CommandCompleteWorkflow:
		out.Type, out.ID = CommandTypeCompleteWorkflowExecution, ""
	case run.CommandFailWorkflow:
		out.Type, out.ID = CommandTypeFailWorkflowExecution, ""
	case run.CommandCancelWorkflow:
		out.Type, out.ID = CommandTypeCancelWorkflowExecution, ""
	case run.CommandContinueAsNew:
		out.Type, out.ID = CommandTypeContinueAsNewWorkflowExecution, ""
		if c.ContinueAsNew != nil {
			out.Name = c.ContinueAsNew.WorkflowType
		}
	case run.CommandStartChildWorkflow:
		out.Type = CommandTypeStartChildWorkflowExecution
		if ch := c.Child; ch != nil {
			out.ID, out.Name, out.Namespace = ch.WorkflowID, ch.WorkflowType, ch.Namespace
		}
	case run.CommandSignalExternalWorkflow:
		out.Type = CommandTypeSignalExternalWorkflowExecution
		if x := c.External; x != nil {
			out.Name, out.Namespace, out.WorkflowID = x.SignalName, x.Namespace, x.WorkflowID
		}
	case run.CommandRequestCancelExternalWorkflow:
		out.Type = CommandTypeRequestCancelExternalWorkflowExecution
		if x := c.External; x != nil {
			out.Namespace, out.WorkflowID = x.Namespace, x.WorkflowID
		}
	case run.CommandUpsertSearchAttributes:
		out.Type, out.ID = CommandTypeUpsertWorkflowSearchAttributes, ""
	case run.CommandModifyProperties:
		out.Type, out.ID = CommandTypeModifyWorkflowProperties, ""
	case run.CommandProtocolMessage:
		out.Type = CommandTypeProtocolMessage
		if u := c.Update; u != nil {
			out.ID = u.UpdateID
			switch {
			case u.Rejected != nil:
				out.Name = updateReject
			case u.Done:
				out.Name = updateComplete
			case u.Accepted:
				out.Name = updateAccept
			}
		}
	}
}

// closesRun reports whether a command of the workflow code closes the run.
// Temporal's replayer never compares these with events: it checks the
// run's end separately (see finalCheck).
func closesRun(k run.CommandKind) bool {
	switch k {
	case run.CommandCompleteWorkflow, run.CommandFailWorkflow, run.CommandCancelWorkflow, run.CommandContinueAsNew:
		return true
	}
	return false
}

// matcher compares the commands the workflow code issued with the command
// events of the history, as Temporal's matchReplayWithHistory does: a
// two-pointer walk that skips what Temporal skips and compares pairs with
// isCommandMatchEvent's rules (and, in strict mode, more).
type matcher struct {
	strict bool
	// protocolMessages is set when the history recorded SDK flag 3, under
	// which update events are compared with protocol message commands.
	protocolMessages bool
	// scheduled maps an activity ID to the event that scheduled it, as the
	// walk meets them, to compare cancellation requests.
	scheduled smallmap.Map[string, int64]
}

// pair is one step of the walk: an event and the command set against it,
// with the event after which the history would record the command. Either
// may be nil when the other side has run out.
type pair struct {
	event *Event
	cmd   *run.Command
	after *Event
}

// walk sets the commands against the command events among events,
// skipping what Temporal's replayer skips, and calls visit with each pair
// until visit returns false.
func (m *matcher) walk(tasks []task, events []*Event, visit func(p pair) bool) {
	hi, ti, ci := 0, 0, 0 // the next event, and the next command: tasks[ti].cmds[ci]
	for {
		for hi < len(events) && !events[hi].EventType.IsCommandEvent() {
			hi++
		}
		for ti < len(tasks) && ci >= len(tasks[ti].cmds) {
			ti, ci = ti+1, 0
		}
		if hi >= len(events) && ti >= len(tasks) {
			return
		}
		var e *Event
		if hi < len(events) {
			e = events[hi]
			if next, ok := skipsChangeVersionUpsert(events, hi); ok {
				hi = next + 1
				continue
			}
			if m.skipsEvent(e) {
				hi++
				continue
			}
		}
		var c *run.Command
		var after *Event
		if ti < len(tasks) {
			c, after = &tasks[ti].cmds[ci], tasks[ti].after()
			if m.skipsCommand(c) {
				ci++
				continue
			}
		}
		if !visit(pair{e, c, after}) {
			return
		}
		if e != nil {
			hi++
		}
		if c != nil {
			ci++
		}
	}
}

// match returns the first difference between the commands and the events,
// or nil.
func (m *matcher) match(tasks []task, events []*Event) *NondeterminismError {
	var err *NondeterminismError
	m.walk(tasks, events, func(p pair) bool {
		err = m.compare(p)
		return err == nil
	})
	return err
}

// compare checks one pair of the walk.
func (m *matcher) compare(p pair) *NondeterminismError {
	switch {
	case p.cmd == nil:
		return &NondeterminismError{EventID: p.event.EventID, EventType: p.event.EventType, History: commandOfEvent(p.event),
			Message: "[TMPRL1100] nondeterministic workflow: missing replay command for " + eventString(p.event)}
	case p.event == nil:
		c := m.command(p.cmd)
		return &NondeterminismError{EventID: p.after.EventID, EventType: p.after.EventType, Code: c,
			Message: "[TMPRL1100] nondeterministic workflow: extra replay command for " + commandString(c)}
	}
	// Both sides are filled on the stack: most pairs agree, and only a
	// difference needs them on the heap. Their payload texts are made
	// only when strict mode compares them or a difference shows them.
	var hv, cv Command
	var h *Command
	if fillCommandShapeOfEvent(p.event, &hv) {
		h = &hv
	}
	m.fillCommandShape(p.cmd, &cv)
	ok := m.matches(h, &cv, p.event)
	if m.strict {
		addPairPayloadTexts(p, h, &cv)
	}
	strictOnly := false
	if ok && m.strict && strictDiffers(h, &cv) {
		ok, strictOnly = false, true
	}
	if ok {
		if h.Type == CommandTypeScheduleActivityTask {
			m.scheduled.Set(h.ID, p.event.EventID)
		}
		return nil
	}
	if !m.strict {
		addPairPayloadTexts(p, h, &cv)
	}
	var hist *Command
	if h != nil {
		hist = new(Command)
		*hist = hv
	}
	c := new(Command)
	*c = cv
	return &NondeterminismError{EventID: p.event.EventID, EventType: p.event.EventType, History: hist, Code: c, Strict: strictOnly,
		Message: "[TMPRL1100] nondeterministic workflow: history event is " + eventString(p.event) + ", replay command is " + commandString(c)}
}

// addPairPayloadTexts adds the payload texts to both sides of a pair, h
// being nil when the event records no command.
func addPairPayloadTexts(p pair, h, c *Command) {
	if h != nil {
		addEventPayloadTexts(p.event, h)
	}
	addRunPayloadTexts(p.cmd, c)
}

// command reduces an issued command, filling in the scheduled event of an
// activity cancellation request from the walk when the code left it out.
func (m *matcher) command(rc *run.Command) *Command {
	c := new(Command)
	m.fillCommand(rc, c)
	return c
}

// fillCommand is command filling *c in place.
func (m *matcher) fillCommand(rc *run.Command, c *Command) {
	m.fillCommandShape(rc, c)
	addRunPayloadTexts(rc, c)
}

// fillCommandShape is fillCommand without the payload texts.
func (m *matcher) fillCommandShape(rc *run.Command, c *Command) {
	fillCommandShapeOfRun(rc, c)
	if c.Type == CommandTypeRequestCancelActivityTask && c.ScheduledEventID == 0 {
		c.ScheduledEventID, _ = m.scheduled.Get(rc.ID)
	}
}

// matches applies Temporal's isCommandMatchEvent.
func (m *matcher) matches(h, c *Command, e *Event) bool {
	if h == nil || h.Type != c.Type {
		return false
	}
	switch c.Type {
	case CommandTypeScheduleActivityTask:
		return h.ID == c.ID && lastPartOfName(h.Name) == lastPartOfName(c.Name)
	case CommandTypeRequestCancelActivityTask, CommandTypeRequestCancelNexusOperation:
		return h.ScheduledEventID == c.ScheduledEventID
	case CommandTypeStartTimer, CommandTypeCancelTimer:
		return h.ID == c.ID
	case CommandTypeRecordMarker:
		return h.Name == c.Name
	case CommandTypeStartChildWorkflowExecution:
		return lastPartOfName(h.Name) == lastPartOfName(c.Name)
	case CommandTypeSignalExternalWorkflowExecution:
		return namespacesAgree(h.Namespace, c.Namespace) && h.Name == c.Name && h.WorkflowID == c.WorkflowID
	case CommandTypeRequestCancelExternalWorkflowExecution:
		return namespacesAgree(h.Namespace, c.Namespace) && h.WorkflowID == c.WorkflowID
	case CommandTypeScheduleNexusOperation:
		return h.Name == c.Name
	case CommandTypeProtocolMessage:
		return h.ID == c.ID && h.Name == c.Name
	}
	return true
}

// strictDiffers reports whether two commands Temporal considers the same
// differ in an attribute strict mode compares.
func strictDiffers(h, c *Command) bool {
	switch c.Type {
	case CommandTypeScheduleActivityTask:
		return h.TaskQueue != c.TaskQueue || h.Input != c.Input
	case CommandTypeStartTimer:
		return h.Duration != c.Duration
	}
	return false
}

// namespacesAgree applies Temporal's rule for external commands: the
// namespace is compared only when the command names one other than the
// replay namespace.
func namespacesAgree(event, command string) bool {
	if command == "" || command == replayNamespace {
		return true
	}
	return event == command
}

// lastPartOfName returns what follows the last '.' of a registered name,
// so that "main.Activity" and "Activity" compare equal, as in Temporal.
func lastPartOfName(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 || i == len(name)-1 {
		return name
	}
	return name[i+1:]
}

// skipsEvent reports whether the walk passes over a command event:
// Version and MutableSideEffect markers, the run's closing event (checked
// separately), and update events unless SDK flag 3 is recorded.
func (m *matcher) skipsEvent(e *Event) bool {
	switch e.EventType {
	case EventTypeMarkerRecorded:
		if a := e.GetMarkerRecordedEventAttributes(); a != nil {
			return a.MarkerName == versionMarkerName || a.MarkerName == mutableSideEffectMarkerName
		}
	case EventTypeWorkflowExecutionCompleted, EventTypeWorkflowExecutionContinuedAsNew,
		EventTypeWorkflowExecutionFailed, EventTypeWorkflowExecutionCanceled,
		EventTypeWorkflowExecutionTimedOut, EventTypeWorkflowExecutionUpdateAdmitted:
		return true
	case EventTypeWorkflowExecutionUpdateAccepted, EventTypeWorkflowExecutionUpdateRejected,
		EventTypeWorkflowExecutionUpdateCompleted:
		return !m.protocolMessages
	}
	return false
}

// skipsChangeVersionUpsert reports whether events[i] is a Version marker
// whose next command event, events[next], is the TemporalChangeVersion
// upsert GetVersion writes with it: the walk passes over both.
func skipsChangeVersionUpsert(events []*Event, i int) (next int, ok bool) {
	e := events[i]
	if e.GetMarkerRecordedEventAttributes() == nil || e.GetMarkerRecordedEventAttributes().MarkerName != versionMarkerName {
		return 0, false
	}
	next = i + 1
	for next < len(events) && !events[next].EventType.IsCommandEvent() {
		next++
	}
	if next >= len(events) {
		return 0, false
	}
	u := events[next].GetUpsertWorkflowSearchAttributesEventAttributes()
	if u == nil || u.SearchAttributes == nil {
		return 0, false
	}
	_, ok = u.SearchAttributes.IndexedFields[changeVersionSearchAttr]
	return next, ok
}

// skipsCommand reports whether the walk passes over a command of the
// code: Version and MutableSideEffect markers, the run's closing command
// (checked separately), and protocol messages unless SDK flag 3 is
// recorded.
func (m *matcher) skipsCommand(c *run.Command) bool {
	switch {
	case closesRun(c.Kind):
		return true
	case c.Kind == run.CommandRecordMarker && c.Marker != nil:
		return c.Marker.Name == versionMarkerName || c.Marker.Name == mutableSideEffectMarkerName
	case c.Kind == run.CommandProtocolMessage:
		// Without SDK flag 3 in the history, Temporal's SDK sends an
		// update's responses as messages beside the commands, never as
		// commands, and the server recorded their events after the
		// task's command events.
		return !m.protocolMessages
	}
	return false
}

// resultMismatch is Temporal's message for a run that ends differently
// from the history.
func resultMismatch(code *Command, last *Event) string {
	cmds := "[]"
	if code != nil {
		cmds = "[" + code.Type.String() + "]"
	}
	return fmt.Sprintf("replay workflow doesn't return the same result as the last event, resp: *workflowservice.RespondWorkflowTaskCompletedRequest{commands:%s}, last: *history.HistoryEvent{event_id:%d event_type:%v}",
		cmds, last.EventID, last.EventType)
}
