package replay_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// Workflows for the hand-built histories below.

var unitActivityOptions = workflow.ActivityOptions{StartToCloseTimeout: time.Minute}

// charge runs activity Charge and returns its result.
func charge(ctx workflow.Context, card string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, unitActivityOptions)
	var r string
	err := workflow.ExecuteActivity(ctx, "Charge", card).Get(ctx, &r)
	return r, err
}

// chargeTwice runs Charge twice in parallel.
func chargeTwice(ctx workflow.Context, card string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, unitActivityOptions)
	f1 := workflow.ExecuteActivity(ctx, "Charge", card)
	f2 := workflow.ExecuteActivity(ctx, "Charge", card)
	var r string
	if err := f1.Get(ctx, &r); err != nil {
		return "", err
	}
	return r, f2.Get(ctx, nil)
}

// sleepHour sleeps an hour.
func sleepHour(ctx workflow.Context, card string) (string, error) {
	return "", workflow.Sleep(ctx, time.Hour)
}

// chargeThenSleep runs Charge, then sleeps an hour.
func chargeThenSleep(ctx workflow.Context, card string) (string, error) {
	r, err := charge(ctx, card)
	if err != nil {
		return "", err
	}
	return r, workflow.Sleep(ctx, time.Hour)
}

// waitForever blocks on a signal that never comes.
func waitForever(ctx workflow.Context, card string) (string, error) {
	workflow.GetSignalChannel(ctx, "never").Receive(ctx, nil)
	return "", nil
}

func panics(ctx workflow.Context, card string) (string, error) { panic("boom") }

func replayer(t *testing.T, strict bool, workflows map[string]any) *replay.WorkflowReplayer {
	t.Helper()
	r, err := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{Strict: strict})
	require.NoError(t, err)
	for name, w := range workflows {
		r.RegisterWorkflowWithOptions(w, workflow.RegisterOptions{Name: name})
	}
	return r
}

// chargeHistory is a run of charge with the given activity type, input
// and result.
func chargeHistory(activityType, input, result string) *replay.History {
	b := newHistory("Order", "4242").completed()
	s := b.activity(activityType, input)
	b.activityDone(s, result).task().completeWorkflow(result)
	return b.history()
}

func TestReplayMatching(t *testing.T) {
	t.Parallel()
	twoActivities := func() *replay.History {
		b := newHistory("Order", "4242").completed()
		s1 := b.activity("Charge", "4242")
		s2 := b.activity("Charge", "4242")
		b.activityDone(s1, "ok").activityDone(s2, "ok").task().completeWorkflow("ok")
		return b.history()
	}
	timerHistory := func() *replay.History {
		b := newHistory("Order", "4242").completed()
		s := b.timer(time.Hour)
		b.after(time.Hour).timerFired(s).task().completeWorkflow("")
		return b.history()
	}
	tests := []struct {
		name     string
		workflow any
		history  *replay.History
		// want is nil for an accepted history.
		want *replay.NondeterminismError
		// summary is the first line of Error.
		summary string
	}{
		{name: "same commands", workflow: charge, history: chargeHistory("Charge", "4242", "ok")},
		{name: "activity type compared after its last dot", workflow: charge, history: chargeHistory("billing.Charge", "4242", "ok")},
		{name: "different input is not compared", workflow: charge, history: chargeHistory("Charge", "1111", "ok")},
		{
			name: "extra command", workflow: chargeTwice, history: chargeHistory("Charge", "4242", "ok"),
			want: &replay.NondeterminismError{EventID: 4, EventType: replay.EventTypeWorkflowTaskCompleted,
				Code:    &replay.Command{Type: replay.CommandTypeScheduleActivityTask, ID: "6", Name: "Charge", TaskQueue: "queue", Input: `"4242"`},
				Message: "[TMPRL1100] nondeterministic workflow: extra replay command for ScheduleActivityTask: (ActivityId:6, ActivityType:(Name:Charge), TaskQueue:(Name:queue))"},
			summary: `replay: event 4: the code scheduled activity "Charge" (ID 6) in the workflow task completed here, but the history has no such command`,
		},
		{
			name: "missing command", workflow: charge, history: twoActivities(),
			want: &replay.NondeterminismError{EventID: 6, EventType: replay.EventTypeActivityTaskScheduled,
				History: &replay.Command{Type: replay.CommandTypeScheduleActivityTask, ID: "6", Name: "Charge", TaskQueue: "queue", Input: `"4242"`}},
			summary: `replay: event 6: history schedules activity "Charge" (ID 6), but the code issued no such command`,
		},
		{
			name: "mismatched activity type", workflow: charge, history: chargeHistory("Refund", "4242", "ok"),
			want: &replay.NondeterminismError{EventID: 5, EventType: replay.EventTypeActivityTaskScheduled,
				History: &replay.Command{Type: replay.CommandTypeScheduleActivityTask, ID: "5", Name: "Refund", TaskQueue: "queue", Input: `"4242"`},
				Code:    &replay.Command{Type: replay.CommandTypeScheduleActivityTask, ID: "5", Name: "Charge", TaskQueue: "queue", Input: `"4242"`}},
			summary: `replay: event 5: history schedules activity "Refund" (ID 5), the code scheduled activity "Charge" (ID 5) instead`,
		},
		{
			name: "timer instead of activity", workflow: sleepHour, history: chargeHistory("Charge", "4242", "ok"),
			want: &replay.NondeterminismError{EventID: 5, EventType: replay.EventTypeActivityTaskScheduled,
				History: &replay.Command{Type: replay.CommandTypeScheduleActivityTask, ID: "5", Name: "Charge", TaskQueue: "queue", Input: `"4242"`},
				Code:    &replay.Command{Type: replay.CommandTypeStartTimer, ID: "5", Duration: time.Hour}},
			summary: `replay: event 5: history schedules activity "Charge" (ID 5), the code started a 1h0m0s timer (ID 5) instead`,
		},
		{
			name: "activity instead of timer", workflow: charge, history: timerHistory(),
			want: &replay.NondeterminismError{EventID: 5, EventType: replay.EventTypeTimerStarted,
				History: &replay.Command{Type: replay.CommandTypeStartTimer, ID: "5", Duration: time.Hour},
				Code:    &replay.Command{Type: replay.CommandTypeScheduleActivityTask, ID: "5", Name: "Charge", TaskQueue: "queue", Input: `"4242"`}},
			summary: `replay: event 5: history starts a 1h0m0s timer (ID 5), the code scheduled activity "Charge" (ID 5) instead`,
		},
		{
			name: "code blocks where the history completes", workflow: waitForever, history: newHistory("Order", "4242").completed().completeWorkflow("").history(),
			want: &replay.NondeterminismError{EventID: 5, EventType: replay.EventTypeWorkflowExecutionCompleted,
				History: &replay.Command{Type: replay.CommandTypeCompleteWorkflowExecution, Result: `""`}},
			summary: `replay: event 5: history completes the workflow, but the code did not by the end of the history`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := replayer(t, false, map[string]any{"Order": tt.workflow})
			err := r.ReplayWorkflowHistory(nil, tt.history)
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			var nd *replay.NondeterminismError
			require.ErrorAs(t, err, &nd)
			assert.Equal(t, tt.want.EventID, nd.EventID)
			assert.Equal(t, tt.want.EventType, nd.EventType)
			assert.Equal(t, tt.want.History, nd.History)
			assert.Equal(t, tt.want.Code, nd.Code)
			assert.False(t, nd.Strict)
			if tt.want.Message != "" {
				assert.Equal(t, tt.want.Message, nd.Message)
			}
			assert.True(t, strings.HasPrefix(nd.Message, "[TMPRL1100]") || strings.HasPrefix(nd.Message, "replay workflow doesn't return the same result"),
				"Message is Temporal's: %q", nd.Message)
			assert.Equal(t, tt.summary, strings.SplitN(err.Error(), "\n", 2)[0])
			assert.Contains(t, err.Error(), nd.Message)
		})
	}
}

func TestReplayMismatchTemporalTexts(t *testing.T) {
	t.Parallel()
	r := replayer(t, false, map[string]any{"Order": charge})
	err := r.ReplayWorkflowHistory(nil, chargeHistory("Refund", "4242", "ok"))
	var nd *replay.NondeterminismError
	require.ErrorAs(t, err, &nd)
	assert.Contains(t, nd.Message, "[TMPRL1100] nondeterministic workflow: history event is ActivityTaskScheduled: (ActivityId:5, ActivityType:(Name:Refund)")
	assert.Contains(t, nd.Message, ", replay command is ScheduleActivityTask: (ActivityId:5, ActivityType:(Name:Charge)")
	assert.Contains(t, err.Error(), "diff (-history +code):")
	assert.Contains(t, nd.Diff(), "Refund")
	assert.Contains(t, nd.Diff(), "Charge")
}

func TestReplayFinalCheck(t *testing.T) {
	t.Parallel()
	canHistory := newHistory("Order", "4242").completed()
	canHistory.add(&replay.Event{EventType: replay.EventTypeWorkflowExecutionContinuedAsNew,
		Attributes: &replay.WorkflowExecutionContinuedAsNewEventAttributes{WorkflowType: replay.WorkflowType{Name: "Order"}}})
	returns := func(ctx workflow.Context, card string) (string, error) { return "done", nil }
	continues := func(ctx workflow.Context, card string) (string, error) { return "", continueAsNew("Order", card) }
	tests := []struct {
		name     string
		workflow any
		history  *replay.History
		wantCode replay.CommandType // 0: accepted
	}{
		{"completed and completes", returns, newHistory("Order", "4242").completed().completeWorkflow("other result").history(), 0},
		{"continued and continues", continues, canHistory.history(), 0},
		{"continued but completes", returns, canHistory.history(), replay.CommandTypeCompleteWorkflowExecution},
		{"completed but continues", continues, newHistory("Order", "4242").completed().completeWorkflow("done").history(), replay.CommandTypeContinueAsNewWorkflowExecution},
		{"failed but completes: not checked", returns, newHistory("Order", "4242").completed().failWorkflow("no").history(), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := replayer(t, false, map[string]any{"Order": tt.workflow}).ReplayWorkflowHistory(nil, tt.history)
			if tt.wantCode == 0 {
				require.NoError(t, err)
				return
			}
			var nd *replay.NondeterminismError
			require.ErrorAs(t, err, &nd)
			require.NotNil(t, nd.Code)
			assert.Equal(t, tt.wantCode, nd.Code.Type)
			assert.Equal(t, int64(5), nd.EventID)
			assert.Contains(t, nd.Message, "replay workflow doesn't return the same result as the last event, resp: *workflowservice.RespondWorkflowTaskCompletedRequest")
		})
	}
}

func TestReplayStrict(t *testing.T) {
	t.Parallel()
	timerHistory := func(d time.Duration) *replay.History {
		b := newHistory("Order", "4242").completed()
		s := b.timer(d)
		b.after(d).timerFired(s).task().completeWorkflow("")
		return b.history()
	}
	queueHistory := chargeHistory("Charge", "4242", "ok")
	queueHistory.Events[4].GetActivityTaskScheduledEventAttributes().TaskQueue.Name = "elsewhere"
	returns := func(ctx workflow.Context, card string) (string, error) { return "done", nil }
	tests := []struct {
		name     string
		workflow any
		history  *replay.History
		eventID  int64
		differ   string // what the summary says differs; "" for accepted
	}{
		{"same everything", charge, chargeHistory("Charge", "4242", "ok"), 0, ""},
		{"activity input", charge, chargeHistory("Charge", "1111", "ok"), 5, "input"},
		{"activity task queue", charge, queueHistory, 5, "task queue"},
		{"timer duration", sleepHour, timerHistory(3 * time.Second), 5, "duration"},
		{"workflow result", returns, newHistory("Order", "4242").completed().completeWorkflow("other").history(), 5, "result"},
		{"failed but completes", returns, newHistory("Order", "4242").completed().failWorkflow("no").history(), 5, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			lenient := replayer(t, false, map[string]any{"Order": tt.workflow}).ReplayWorkflowHistory(nil, tt.history)
			require.NoError(t, lenient, "Temporal's replayer accepts this history")
			err := replayer(t, true, map[string]any{"Order": tt.workflow}).ReplayWorkflowHistory(nil, tt.history)
			if tt.eventID == 0 {
				require.NoError(t, err)
				return
			}
			var nd *replay.NondeterminismError
			require.ErrorAs(t, err, &nd)
			assert.True(t, nd.Strict)
			assert.Equal(t, tt.eventID, nd.EventID)
			require.NotNil(t, nd.History)
			require.NotNil(t, nd.Code)
			if tt.differ != "" {
				assert.Contains(t, err.Error(), "with a different "+tt.differ+" (strict mode)")
			}
			assert.NotEmpty(t, nd.Diff())
		})
	}
}

func TestReplayPartialHistory(t *testing.T) {
	t.Parallel()
	// A full run of chargeThenSleep.
	b := newHistory("Order", "4242").completed()
	s := b.activity("Charge", "4242")
	b.activityDone(s, "ok").started() // events 8, 9: the last task, still running
	partial := b.history()

	// Temporal's replayer does not run the last task and leaves out the
	// previous task's commands: code that now sleeps first is not caught.
	for name, w := range map[string]any{"same code": chargeThenSleep, "changed code": sleepHour} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			require.NoError(t, replayer(t, false, map[string]any{"Order": w}).ReplayWorkflowHistory(nil, partial))
		})
	}

	t.Run("cut from a file", func(t *testing.T) {
		t.Parallel()
		full := newHistory("Order", "4242").completed()
		s := full.activity("Charge", "4242")
		full.activityDone(s, "ok").task()
		tm := full.timer(time.Hour)
		full.after(time.Hour).timerFired(tm).task().completeWorkflow("ok")
		path := writeHistory(t, full.history())
		r := replayer(t, false, map[string]any{"Order": charge})
		// charge completes where chargeThenSleep sleeps: the full history
		// tells them apart, the history cut at event 9 does not.
		var nd *replay.NondeterminismError
		require.ErrorAs(t, r.ReplayWorkflowHistoryFromJSONFile(nil, path), &nd)
		assert.Equal(t, int64(11), nd.EventID)
		require.NoError(t, r.ReplayPartialWorkflowHistoryFromJSONFile(nil, path, 9))
		require.NoError(t, replayer(t, false, map[string]any{"Order": chargeThenSleep}).ReplayWorkflowHistoryFromJSONFile(nil, path))
	})
}

func TestReplayFailedWorkflowTaskFoldsIntoTheNext(t *testing.T) {
	t.Parallel()
	// The first attempt of the second task failed; its commands never
	// reached the history, and the events since fold into the retry.
	b := newHistory("Order", "4242").completed()
	s := b.activity("Charge", "4242")
	b.activityDone(s, "ok").started().failed().started().completed()
	tm := b.timer(time.Hour)
	b.after(time.Hour).timerFired(tm).task().completeWorkflow("ok")
	require.NoError(t, replayer(t, false, map[string]any{"Order": chargeThenSleep}).ReplayWorkflowHistory(nil, b.history()))
}

func TestReplayLeavesOutWhatTheBatchingSkips(t *testing.T) {
	t.Parallel()
	// The failed attempt's WorkflowTaskStarted and both
	// WorkflowTaskScheduled of the retried task are no events of it, as
	// Temporal's SDK batches it: neither checked nor delivered, so they
	// replay without attributes. The history's trailing ones too.
	b := newHistory("Order", "4242").completed()
	s := b.activity("Charge", "4242")
	b.activityDone(s, "ok").started().failed().started().completed()
	n := len(b.events)
	for _, i := range []int{n - 6, n - 5, n - 3} { // scheduled, started (failed), scheduled
		b.events[i].Attributes = nil
	}
	tm := b.timer(time.Hour)
	b.after(time.Hour).timerFired(tm).task().completeWorkflow("ok")
	require.NoError(t, replayer(t, false, map[string]any{"Order": chargeThenSleep}).ReplayWorkflowHistory(nil, b.history()))

	// Without attributes, the retry's own WorkflowTaskStarted is an error.
	b.events[n-2].Attributes = nil
	var he *replay.HistoryError
	require.ErrorAs(t, replayer(t, false, map[string]any{"Order": chargeThenSleep}).ReplayWorkflowHistory(nil, b.history()), &he)
	assert.Equal(t, int64(n-1), he.EventID)
	assert.ErrorIs(t, he, replay.ErrAttributes)
}

func TestReplayMarkerWithoutCommand(t *testing.T) {
	t.Parallel()
	b := newHistory("Order", "4242").completed().marker("Custom")
	s := b.activity("Charge", "4242")
	b.activityDone(s, "ok").task().completeWorkflow("ok")
	err := replayer(t, false, map[string]any{"Order": charge}).ReplayWorkflowHistory(nil, b.history())
	var nd *replay.NondeterminismError
	require.ErrorAs(t, err, &nd)
	assert.Equal(t, int64(5), nd.EventID)
	assert.Equal(t, &replay.Command{Type: replay.CommandTypeRecordMarker, Name: "Custom"}, nd.History)
	assert.Contains(t, err.Error(), `history records a "Custom" marker`)
}

func TestReplayHistoryErrors(t *testing.T) {
	t.Parallel()
	valid := func() *replay.History { return chargeHistory("Charge", "4242", "ok") }
	gap := valid()
	gap.Events = append(gap.Events[:5], gap.Events[6:]...)
	notStarted := valid()
	notStarted.Events[0] = &replay.Event{EventID: 1, EventType: replay.EventTypeWorkflowTaskScheduled, Attributes: &replay.WorkflowTaskScheduledEventAttributes{}}
	corrupted := valid()
	corrupted.Events[0] = &replay.Event{EventID: 1, EventType: replay.EventTypeWorkflowExecutionStarted}
	unknown := valid()
	unknown.Events[5] = &replay.Event{EventID: 6, EventType: replay.EventType(99)}
	ignorable := valid()
	ignorable.Events[5] = &replay.Event{EventID: 6, EventType: replay.EventType(99), WorkerMayIgnore: true}
	tests := []struct {
		name    string
		history *replay.History
		is      error // nil: accepted
		text    string
	}{
		{"nil", nil, replay.ErrEmptyHistory, "empty history"},
		{"no events", &replay.History{}, replay.ErrEmptyHistory, "empty history"},
		{"two events", &replay.History{Events: valid().Events[:2]}, replay.ErrShortHistory, "at least 3 events expected in the history"},
		{"first event", notStarted, replay.ErrFirstEvent, "first event is not WorkflowExecutionStarted"},
		{"started without attributes", corrupted, replay.ErrAttributes, "corrupted WorkflowExecutionStarted"},
		{"gap in event IDs", gap, replay.ErrEventIDs, "missing history events: expectedNextEventID=6 but receivedNextEventID=7"},
		{"unknown event", unknown, replay.ErrUnknownEventType, "unknown history event"},
		{"unknown event the worker may ignore", ignorable, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := replayer(t, false, map[string]any{"Order": charge}).ReplayWorkflowHistory(nil, tt.history)
			if tt.is == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.is)
			var he *replay.HistoryError
			assert.ErrorAs(t, err, &he)
			assert.Contains(t, err.Error(), tt.text)
			var nd *replay.NondeterminismError
			assert.False(t, errors.As(err, &nd), "a bad history is not nondeterminism")
		})
	}
}

func TestReplayUnknownWorkflowType(t *testing.T) {
	t.Parallel()
	r := replayer(t, false, map[string]any{"Refund": charge, "Audit": charge})
	err := r.ReplayWorkflowHistory(nil, chargeHistory("Charge", "4242", "ok"))
	var ut *replay.UnknownWorkflowTypeError
	require.ErrorAs(t, err, &ut)
	assert.Equal(t, replay.UnknownWorkflowTypeError{WorkflowType: "Order", Registered: []string{"Audit", "Refund"}}, *ut)
	assert.EqualError(t, err, "replay: unable to find workflow type: Order. Supported types: [Audit, Refund]")
}

func TestReplayUnknownSDKFlag(t *testing.T) {
	t.Parallel()
	b := newHistory("Order", "4242").completed(1, 77)
	s := b.activity("Charge", "4242")
	b.activityDone(s, "ok").task().completeWorkflow("ok")
	err := replayer(t, false, map[string]any{"Order": charge}).ReplayWorkflowHistory(nil, b.history())
	var uf *replay.UnknownSDKFlagError
	require.ErrorAs(t, err, &uf)
	assert.Equal(t, replay.UnknownSDKFlagError{EventID: 4, Flag: 77}, *uf)
	assert.EqualError(t, err, "replay: event 4: unknown SDK flag: 77")
}

func TestReplayPanic(t *testing.T) {
	t.Parallel()
	err := replayer(t, false, map[string]any{"Order": panics}).ReplayWorkflowHistory(nil, chargeHistory("Charge", "4242", "ok"))
	var pe *replay.PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "Order", pe.WorkflowType)
	assert.Equal(t, int64(3), pe.EventID)
	assert.Equal(t, "boom", pe.Value)
	var wp *wfsim.PanicError
	require.ErrorAs(t, err, &wp, "unwraps to the wfsim error")
	assert.Equal(t, "boom", wp.Value())
	var nd *replay.NondeterminismError
	assert.False(t, errors.As(err, &nd))
}

func TestReplayOriginalExecution(t *testing.T) {
	t.Parallel()
	// The workflow tells what it sees in its activity's input, which
	// strict mode compares.
	reportIDs := func(ctx workflow.Context, card string) (string, error) {
		info := workflow.GetInfo(ctx)
		ctx = workflow.WithActivityOptions(ctx, unitActivityOptions)
		return "", workflow.ExecuteActivity(ctx, "Charge", info.WorkflowExecution.ID+"/"+info.WorkflowExecution.RunID).Get(ctx, nil)
	}
	r := replayer(t, true, map[string]any{"Order": reportIDs})
	require.NoError(t, r.ReplayWorkflowHistory(nil, chargeHistory("Charge", "ReplayId/run-1", "")), "Temporal's defaults")
	err := r.ReplayWorkflowHistoryWithOptions(nil, chargeHistory("Charge", "order-7/run-9", ""),
		replay.ReplayWorkflowHistoryOptions{OriginalExecution: workflow.WorkflowExecution{ID: "order-7", RunID: "run-9"}})
	require.NoError(t, err)
}

func TestRegisterWorkflowPanics(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		do   func(r *replay.WorkflowReplayer)
		msg  string
	}{
		{"not a function", func(r *replay.WorkflowReplayer) { r.RegisterWorkflow("Order") }, "replay: workflow function must be a func, got string"},
		{"no workflow context", func(r *replay.WorkflowReplayer) { r.RegisterWorkflow(func(s string) error { return nil }) }, "replay: workflow function"},
		{"registered twice", func(r *replay.WorkflowReplayer) { r.RegisterWorkflow(charge); r.RegisterWorkflow(charge) }, `replay: workflow name "charge" is already registered`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := replay.NewWorkflowReplayer()
			defer func() {
				v := recover()
				require.NotNil(t, v, "want a panic")
				assert.Contains(t, v, tt.msg)
			}()
			tt.do(r)
		})
	}
	t.Run("registered twice with the check disabled", func(t *testing.T) {
		t.Parallel()
		r := replay.NewWorkflowReplayer()
		r.RegisterWorkflowWithOptions(sleepHour, workflow.RegisterOptions{Name: "Order"})
		r.RegisterWorkflowWithOptions(charge, workflow.RegisterOptions{Name: "Order", DisableAlreadyRegisteredCheck: true})
		require.NoError(t, r.ReplayWorkflowHistory(nil, chargeHistory("Charge", "4242", "ok")), "the last registration wins")
	})
}

func TestReplayEventReferringToUnknownCommand(t *testing.T) {
	t.Parallel()
	h := chargeHistory("Charge", "4242", "ok")
	h.Events[6].GetActivityTaskCompletedEventAttributes().ScheduledEventID = 99 // no such activity
	err := replayer(t, false, map[string]any{"Order": charge}).ReplayWorkflowHistory(nil, h)
	var nd *replay.NondeterminismError
	require.ErrorAs(t, err, &nd)
	assert.Equal(t, int64(7), nd.EventID)
	assert.Equal(t, replay.EventTypeActivityTaskCompleted, nd.EventType)
	assert.Nil(t, nd.History, "the event records no command")
	assert.Nil(t, nd.Code)
	assert.Contains(t, nd.Message, "[TMPRL1100]")
	assert.Contains(t, nd.Message, "99")
	assert.Equal(t, "replay: event 7: history has an ActivityTaskCompleted event, which refers to a command the code did not issue",
		strings.SplitN(err.Error(), "\n", 2)[0])
}
