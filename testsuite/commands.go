package testsuite

import (
	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
)

// handleCommand does what a Temporal server does with a command: record its
// event and start whatever it asks for, in virtual time.
func (e *environment) handleCommand(r *workflowRun, c *run.Command, completedID int64) {
	switch c.Kind {
	case run.CommandScheduleActivity:
		e.scheduleActivity(r, c, completedID)
	case run.CommandRequestCancelActivity:
		e.requestCancelActivity(r, c.ID, completedID)
	case run.CommandStartTimer:
		e.startTimer(r, c, completedID)
	case run.CommandCancelTimer:
		e.cancelTimer(r, c, completedID)
	case run.CommandRecordMarker:
		r.rec.add(replay.EventTypeMarkerRecorded, func(ev *replay.Event) {
			ev.Attributes = &replay.MarkerRecordedEventAttributes{MarkerName: c.Marker.Name, Details: c.Marker.Details, Failure: c.Marker.Failure, WorkflowTaskCompletedEventID: completedID}
			r.rec.recordSummary(ev, c.Summary)
		})
	case run.CommandCompleteWorkflow:
		r.rec.add(replay.EventTypeWorkflowExecutionCompleted, func(ev *replay.Event) {
			var a *replay.WorkflowExecutionCompletedEventAttributes
			if r.firsts != nil {
				a = &r.firsts.completed // a run completes once
			} else {
				a = new(replay.WorkflowExecutionCompletedEventAttributes)
			}
			a.Result, a.WorkflowTaskCompletedEventID = c.Result, completedID
			ev.Attributes = a
		})
		r.close(c.Result, nil)
	case run.CommandFailWorkflow:
		r.rec.add(replay.EventTypeWorkflowExecutionFailed, func(ev *replay.Event) {
			ev.Attributes = &replay.WorkflowExecutionFailedEventAttributes{Failure: c.Failure, RetryState: wfsim.RetryStateRetryPolicyNotSet, WorkflowTaskCompletedEventID: completedID}
		})
		r.close(nil, e.failureConverter().FailureToError(c.Failure))
	case run.CommandCancelWorkflow:
		r.rec.add(replay.EventTypeWorkflowExecutionCanceled, func(ev *replay.Event) {
			ev.Attributes = &replay.WorkflowExecutionCanceledEventAttributes{Details: c.Result, WorkflowTaskCompletedEventID: completedID}
		})
		// GetWorkflowError carries the details, as a client reading the
		// WorkflowExecutionCanceled event gets them.
		r.close(nil, e.failureConverter().FailureToError(&wfsim.Failure{
			Message: "canceled", CanceledFailureInfo: &wfsim.CanceledFailureInfo{Details: c.Result}}))
	case run.CommandContinueAsNew:
		e.continueAsNew(r, c.ContinueAsNew, completedID)
	default:
		e.handleMoreCommand(r, c, completedID)
	}
}

func (e *environment) startTimer(r *workflowRun, c *run.Command, completedID int64) {
	started := r.rec.add(replay.EventTypeTimerStarted, func(ev *replay.Event) {
		a := fromSlab(&r.rec, &r.rec.timerStarted)
		a.TimerID, a.StartToFireTimeout, a.WorkflowTaskCompletedEventID = c.ID, c.TimerDuration, completedID
		ev.Attributes = a
		r.rec.recordSummary(ev, c.Summary)
	})
	t := r.newTimer(c.ID, started.EventID)
	r.timers.put(t)
	t.arm(c.TimerDuration)
	e.timerScheduledListener(c.ID, c.TimerDuration)
}

func (e *environment) cancelTimer(r *workflowRun, c *run.Command, completedID int64) {
	t := r.timers.get(c.ID)
	if t == nil {
		return
	}
	t.clock.Stop()
	r.timers.remove(t)
	startedID := t.startedID
	r.spareTimers = append(r.spareTimers, t)
	r.rec.add(replay.EventTypeTimerCanceled, func(ev *replay.Event) {
		ev.Attributes = &replay.TimerCanceledEventAttributes{TimerID: c.ID, StartedEventID: startedID, WorkflowTaskCompletedEventID: completedID, Identity: e.workerIdentity()}
	})
	e.timerCanceledListener(c.ID)
	// The workflow learns of the cancellation with its next task, as a
	// worker does; nothing else triggers one here.
}

func (e *environment) continueAsNew(r *workflowRun, can *run.ContinueAsNew, completedID int64) {
	newRunID := e.nextRunID()
	r.rec.add(replay.EventTypeWorkflowExecutionContinuedAsNew, func(ev *replay.Event) {
		ev.Attributes = &replay.WorkflowExecutionContinuedAsNewEventAttributes{
			NewExecutionRunID:            newRunID,
			WorkflowType:                 replay.WorkflowType{Name: can.WorkflowType},
			TaskQueue:                    replay.TaskQueue{Name: can.TaskQueue, Kind: replay.TaskQueueKindNormal},
			Input:                        can.Input,
			WorkflowRunTimeout:           can.WorkflowRunTimeout,
			WorkflowTaskTimeout:          can.WorkflowTaskTimeout,
			WorkflowTaskCompletedEventID: completedID,
			BackoffStartInterval:         can.BackoffStartInterval,
			Header:                       headerOf(can.Header),
			InitialVersioningBehavior:    replay.ContinueAsNewVersioningBehavior(can.InitialVersioningBehavior),
		}
	})
	err := &wfsim.ContinueAsNewError{WorkflowType: &wfsim.WorkflowType{Name: can.WorkflowType}, Input: can.Input, TaskQueueName: can.TaskQueue,
		WorkflowRunTimeout: can.WorkflowRunTimeout, WorkflowTaskTimeout: can.WorkflowTaskTimeout, RetryPolicy: can.RetryPolicy,
		WorkflowExecutionTimeout: r.link.spec.executionTimeout, BackoffStartInterval: can.BackoffStartInterval,
		InitialVersioningBehavior: wfsim.ContinueAsNewVersioningBehavior(can.InitialVersioningBehavior)}
	r.close(nil, err)
}

// UnsupportedCommandError reports a command the simulator does not carry
// out yet.
type UnsupportedCommandError struct {
	Command string
}

func (e *UnsupportedCommandError) Error() string {
	return "testsuite: the simulator does not support the " + e.Command + " command yet"
}

func (e *environment) unsupportedCommand(r *workflowRun, c *run.Command) {
	r.close(nil, &UnsupportedCommandError{Command: c.Kind.String()})
}

// handleCommands carries out a task's commands in order, then schedules
// the next task if their events call for one.
func (r *workflowRun) handleCommands(cmds []run.Command, completedID int64) {
	if clock, activities := clockCommands(cmds); clock > 1 {
		// Room in the clock's queue for the batch at once, rather than
		// doubling it on the way up (a hundred activities scheduled in
		// one task took eight allocations, twice the final size), and
		// in the run's table of open activities.
		r.env.clock.Grow(clock)
		if activities > 1 {
			r.activities.reserve(activities)
		}
	}
	r.handling = true
	for i := range cmds {
		r.env.handleCommand(r, &cmds[i], completedID)
	}
	// The buffered events follow, still while handling: a task they call
	// for is scheduled once, after all of them, as the server flushes its
	// buffer before it schedules one. A run the commands closed records
	// nothing more.
	for len(r.afterCommands) > 0 && !r.closed {
		f := r.afterCommands[0]
		r.afterCommands = r.afterCommands[1:]
		f()
	}
	r.afterCommands = nil
	r.handling = false
	if r.wantTask {
		r.wantTask = false
		r.scheduleTask()
	}
	if r.updateWaits {
		r.updateWaits = false
		if r.taskScheduled == 0 && !r.closed {
			r.scheduleTask()
			r.msgs.speculative = r.taskScheduled
		}
	}
}

// clockCommands counts the commands that arm a clock timer (activities and
// timers), and the activities among them.
func clockCommands(cmds []run.Command) (clock, activities int) {
	for i := range cmds {
		switch cmds[i].Kind {
		case run.CommandScheduleActivity:
			activities++
		case run.CommandStartTimer:
		default:
			continue
		}
		clock++
	}
	return clock, activities
}
