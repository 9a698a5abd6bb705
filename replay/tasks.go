package replay

import (
	"fmt"
	"strconv"

	"github.com/wfsim/wfsim/internal/run"
)

// task is one workflow task of a history, batched as Temporal's Go SDK
// batches them for replay: the events since the previous task, ending with
// the WorkflowTaskStarted event that runs the workflow code.
//
// WorkflowTaskScheduled and WorkflowTaskTimedOut events are left out, and so
// is the WorkflowTaskStarted of an attempt that failed or timed out: its
// events fold into the next attempt's task, as the attempt never happened
// for the workflow code.
type task struct {
	// lo and hi bound the window of the history's events that holds the
	// task's events (window), ending with its last. The window also holds
	// the events left out, never as its last (see inTask): a window of the
	// history is no copy.
	lo, hi int32
	// last is the window's last event: the WorkflowTaskStarted event that
	// ends the task, or the last of the trailing events after the last
	// task (which run no code), never a WorkflowTaskStarted (started).
	last *Event
	// completed is the WorkflowTaskCompleted event that follows the
	// task's WorkflowTaskStarted, nil when the history ends first or the
	// task has none. Its SDK flags are the task's (flags).
	completed *Event

	// cmds are the commands the workflow code issued in this task during
	// replay, as ProcessTask returned them (it lets a caller keep them).
	cmds []run.Command
}

// inTask reports whether events[i], of a task's window, is one of the
// task's events rather than one the batching leaves out.
func inTask(events []*Event, i int) bool {
	return i == len(events)-1 || !leftOut(events[i].EventType)
}

// leftOut reports whether an event of a type is left out of the task whose
// window holds it, unless it is the window's last: a WorkflowTaskStarted
// other than the task's own is that of a failed attempt.
func leftOut(t EventType) bool {
	switch t {
	case EventTypeWorkflowTaskScheduled, EventTypeWorkflowTaskTimedOut, EventTypeWorkflowTaskStarted:
		return true
	}
	return false
}

// A history has a task every few events, and a replay keeps them all: what
// a task's fields determine is derived rather than kept (48 bytes a task
// rather than 120).

// window returns the task's window of events, a part of events, the
// history's.
func (t *task) window(events []*Event) []*Event { return events[t.lo:t.hi:t.hi] }

// started returns the WorkflowTaskStarted event that ends the task, nil
// for the trailing events after the last task.
func (t *task) started() *Event {
	if t.last.EventType == EventTypeWorkflowTaskStarted {
		return t.last
	}
	return nil
}

// flags returns the SDK flags recorded on the task's completion, which
// splitTasks checked.
func (t *task) flags() []uint32 {
	if t.completed == nil {
		return nil
	}
	flags, _ := sdkFlags(t.completed)
	return flags
}

// after returns the event after which the history records the task's
// commands: its WorkflowTaskCompleted (or its WorkflowTaskStarted when the
// history holds no completion; its last event when it runs no code).
func (t *task) after() *Event {
	if t.completed == nil {
		return t.last
	}
	return t.completed
}

// markerCount returns how many MarkerRecorded events are among events.
func markerCount(events []*Event) int {
	n := 0
	for _, e := range events {
		if e.EventType == EventTypeMarkerRecorded {
			n++
		}
	}
	return n
}

// knownSDKFlags are the SDK flags of Temporal's Go SDK (FORMAT.md §7):
// 1 LimitChangeVersionSASize, 2 ChildWorkflowErrorExecution,
// 3 ProtocolMessageCommand, 4 PriorityUpdateHandling,
// 5 BlockedSelectorSignalReceive, 6 CancelAwaitTimerOnCondition,
// 7 MemoUserDCEncode, 8 WorkflowNewChannelLostMessages,
// 9 OrderedChildCancel.
const maxKnownSDKFlag = 9

// flagProtocolMessageCommand is the SDK flag under which update events are
// matched against the code's protocol messages.
const flagProtocolMessageCommand = 3

// UnknownSDKFlagError reports a WorkflowTaskCompleted event that records an
// SDK flag this replayer does not know: the history was written by a newer
// SDK whose behaviour it cannot reproduce. The text after the event is
// Temporal's.
type UnknownSDKFlagError struct {
	EventID int64
	Flag    uint32
}

func (e *UnknownSDKFlagError) Error() string {
	return "replay: event " + strconv.FormatInt(e.EventID, 10) + ": unknown SDK flag: " + strconv.FormatUint(uint64(e.Flag), 10)
}

// splitTasks cuts a history into workflow tasks. A task ends at a
// WorkflowTaskStarted event followed by WorkflowTaskCompleted or by the end
// of the history; a WorkflowTaskStarted followed by WorkflowTaskFailed or
// WorkflowTaskTimedOut is a failed attempt and does not end one. Events
// after the last task form a final task that ends with none, unless the
// batching leaves them all out. starts is how many WorkflowTaskStarted
// events the history holds.
func splitTasks(events []*Event, starts int) ([]task, error) {
	// The tasks come from one slab, filled in order: one per
	// WorkflowTaskStarted at most, and the final one.
	tasks := make([]task, starts+1)
	k := 0     // tasks[:k] are done, tasks[k] is being filled
	start := 0 // where the current task's window begins
	end := 0   // where it ends so far: after its last event left in
	for i, e := range events {
		switch e.EventType {
		case EventTypeWorkflowTaskScheduled, EventTypeWorkflowTaskTimedOut:
			continue
		case EventTypeWorkflowTaskStarted:
			var next *Event
			if i+1 < len(events) {
				next = events[i+1]
			}
			if next != nil && next.EventType != EventTypeWorkflowTaskCompleted {
				if next.EventType == EventTypeWorkflowTaskFailed || next.EventType == EventTypeWorkflowTaskTimedOut {
					continue // a failed attempt
				}
			}
			cur := &tasks[k]
			cur.lo, cur.hi, cur.last = int32(start), int32(i+1), e
			if next != nil && next.EventType == EventTypeWorkflowTaskCompleted {
				cur.completed = next
				if _, err := sdkFlags(next); err != nil {
					return nil, err
				}
			}
			k++
			start, end = i+1, i+1
			continue
		}
		end = i + 1
	}
	if end > start {
		tasks[k].lo, tasks[k].hi, tasks[k].last = int32(start), int32(end), events[end-1]
		k++
	}
	return tasks[:k], nil
}

// sdkFlags returns the SDK flags a WorkflowTaskCompleted event records.
func sdkFlags(completed *Event) ([]uint32, error) {
	a := completed.GetWorkflowTaskCompletedEventAttributes()
	if a == nil || a.SDKMetadata == nil {
		return nil, nil
	}
	for _, f := range a.SDKMetadata.LangUsedFlags {
		if f == 0 || f > maxKnownSDKFlag {
			return nil, &UnknownSDKFlagError{EventID: completed.EventID, Flag: f}
		}
	}
	return a.SDKMetadata.LangUsedFlags, nil
}

// checkEvent returns a *HistoryError for an event of a task that replay
// cannot interpret: one of a type this package does not know that is not
// marked workerMayIgnore (its text holds Temporal's "unknown history
// event"), or one without attributes.
func checkEvent(h *History, e *Event) error {
	if e.Attributes != nil && sdkHandles(e.EventType) {
		return nil // what the switch finds for every event of a sound history
	}
	switch {
	case e.WorkerMayIgnore && (!sdkHandles(e.EventType) || e.Attributes == nil):
	case !e.EventType.Known():
		return &HistoryError{Index: indexOf(h, e), EventID: e.EventID,
			Detail: fmt.Sprintf("event type %v, not marked workerMayIgnore", e.EventType), Err: ErrUnknownEventType}
	case !sdkHandles(e.EventType):
		return &HistoryError{Index: indexOf(h, e), EventID: e.EventID,
			Detail: fmt.Sprintf("Temporal's Go SDK does not handle %v events, and this one is not marked workerMayIgnore", e.EventType),
			Err:    ErrUnknownEventType}
	case e.Attributes == nil:
		return &HistoryError{Index: indexOf(h, e), EventID: e.EventID,
			Detail: fmt.Sprintf("%v event without attributes", e.EventType), Err: ErrAttributes}
	}
	return nil
}

// sdkHandles reports whether Temporal's Go SDK handles events of a type
// when replaying; it fails on the others unless they are marked
// workerMayIgnore.
func sdkHandles(t EventType) bool {
	return uint64(t) < 64 && sdkHandledTypes>>uint64(t)&1 != 0
}

// sdkHandledTypes has bit t set for each type t Temporal's Go SDK handles:
// the known types (1 to maxEventType) but a few.
const sdkHandledTypes uint64 = (1<<(maxEventType+1) - 2) &^ (1<<EventTypeWorkflowPropertiesModifiedExternally |
	1<<EventTypeActivityPropertiesModifiedExternally | 1<<EventTypeWorkflowExecutionOptionsUpdated |
	1<<EventTypeWorkflowExecutionPaused | 1<<EventTypeWorkflowExecutionUnpaused |
	1<<EventTypeWorkflowExecutionTimeSkippingTransitioned)

func indexOf(h *History, e *Event) int {
	for i, x := range h.Events {
		if x == e {
			return i
		}
	}
	return -1
}
