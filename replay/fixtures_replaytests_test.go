package replay_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the workflows of temporalio/sdk-go's test/replaytests
// (workflows.go) and of the integration-test workflows whose histories
// live there, written against wfsim's API. Activities are named by string:
// replay never runs them.

// register returns a fixture registration of workflow functions under the
// names the histories record.
func register(named map[string]any) func(r *replay.WorkflowReplayer) {
	return func(r *replay.WorkflowReplayer) {
		for name, w := range named {
			r.RegisterWorkflowWithOptions(w, workflow.RegisterOptions{Name: name})
		}
	}
}

// continueAsNew ends a run by continuing as new, as
// workflow.NewContinueAsNewError does.
func continueAsNew(wfType string, args ...any) error {
	input, err := converter.GetDefaultDataConverter().ToPayloads(args...)
	if err != nil {
		return err
	}
	return &wfsim.ContinueAsNewError{WorkflowType: &wfsim.WorkflowType{Name: wfType}, Input: input}
}

var replayTestActivityOptions = workflow.ActivityOptions{
	ScheduleToStartTimeout: time.Minute,
	StartToCloseTimeout:    time.Minute,
	HeartbeatTimeout:       20 * time.Second,
}

func emptyWorkflow(ctx workflow.Context, _ string) error { return nil }

// timerWf starts a timer, and another one when it ends, even canceled.
func timerWf(ctx workflow.Context) error {
	defer func() {
		newCtx, _ := workflow.NewDisconnectedContext(ctx)
		_ = workflow.NewTimer(newCtx, 10*time.Minute).Get(ctx, nil)
	}()
	return workflow.NewTimer(ctx, 10*time.Minute).Get(ctx, nil)
}

func cancelTimerAfterActivity(ctx workflow.Context) (string, error) {
	timerCtx, cancelTimer := workflow.WithCancel(ctx)
	_ = workflow.NewTimer(timerCtx, 3*time.Second)
	actCtx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		ScheduleToStartTimeout: time.Second,
		StartToCloseTimeout:    5 * time.Second,
	})
	f := workflow.ExecuteActivity(actCtx, "Prefix_ToUpper", "hello")
	cancelTimer()
	var res string
	err := f.Get(actCtx, &res)
	return res, err
}

// awaitWithTimeoutNoTimerCancel's history has no SDK flag 6: the
// timeout's timer is left running when the condition comes true.
func awaitWithTimeoutNoTimerCancel(ctx workflow.Context) (bool, error) {
	met := false
	workflow.Go(ctx, func(ctx workflow.Context) {
		_ = workflow.Sleep(ctx, 100*time.Millisecond)
		met = true
	})
	return workflow.AwaitWithTimeout(ctx, 10*time.Second, func() bool { return met })
}

// activityStartWhenTimerCancel schedules an activity and cancels a timer in
// the same workflow task (upstream's WorkflowWithLocalActivityStartWhenTimerCancel,
// which despite its name runs a normal activity).
func activityStartWhenTimerCancel(ctx workflow.Context) (bool, error) {
	timerCtx, cancelTimer := workflow.WithCancel(ctx)
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		ScheduleToStartTimeout: 5 * time.Second,
		ScheduleToCloseTimeout: 5 * time.Second,
		StartToCloseTimeout:    9 * time.Second,
	})
	_ = workflow.NewTimer(timerCtx, 3*time.Second)
	var signal string
	if workflow.GetSignalChannel(ctx, "signal").Receive(ctx, &signal) {
		f := workflow.ExecuteActivity(ctx, "Echo", 0, 0)
		cancelTimer()
		if err := f.Get(ctx, nil); err != nil {
			return false, err
		}
	}
	return true, nil
}

func tripWorkflow(ctx workflow.Context, tripCounter int) error {
	trips := workflow.GetSignalChannel(ctx, "trip_event")
	for range 10 {
		var trip int
		trips.Receive(ctx, &trip)
		tripCounter++
	}
	return continueAsNew("TripWorkflow", tripCounter)
}

// errUpsertNotPorted stands for upstream's UpsertSearchAttributes call,
// which package workflow does not offer yet; neither history takes that
// branch.
var errUpsertNotPorted = errors.New("UpsertSearchAttributes is not ported")

func cancelOrderSelect(ctx workflow.Context) error {
	timer := workflow.NewTimer(ctx, 5*time.Minute)
	var err error
	disCtx, _ := workflow.NewDisconnectedContext(ctx)
	s := workflow.NewSelector(ctx)
	s.AddFuture(timer, func(workflow.Future) {
		err = timer.Get(ctx, nil)
		if !wfsim.IsCanceledError(err) {
			err = errUpsertNotPorted
			return
		}
		var result string
		disCtx = workflow.WithActivityOptions(disCtx, replayTestActivityOptions)
		err = workflow.ExecuteActivity(disCtx, "helloworldActivity", "world").Get(ctx, &result)
	})
	s.AddReceive(ctx.Done(), func(c workflow.ReceiveChannel, more bool) {
		c.Receive(ctx, nil)
		err = workflow.Sleep(disCtx, time.Second)
	})
	s.Select(ctx)
	return err
}

func cancelActivityCompletionBeforeWorkflowTaskStarted(ctx workflow.Context) error {
	opts := replayTestActivityOptions
	opts.ActivityID = "custom-activity-id"
	ctx = workflow.WithActivityOptions(ctx, opts)
	return workflow.ExecuteActivity(ctx, "helloworldActivity", "world").Get(ctx, nil)
}

func continueAsNewWorkflow(ctx workflow.Context, again bool) error {
	if again {
		return continueAsNew("ContinueAsNewWorkflow", false)
	}
	return nil
}

func selectorBlockingDefault(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second})
	ch1, ch2 := workflow.NewChannel(ctx), workflow.NewChannel(ctx)
	workflow.Go(ctx, func(ctx workflow.Context) { ch1.Send(ctx, "one") })
	workflow.Go(ctx, func(ctx workflow.Context) { ch2.Send(ctx, "two") })
	s := workflow.NewSelector(ctx)
	var v string
	s.AddReceive(ch1, func(c workflow.ReceiveChannel, more bool) { c.Receive(ctx, &v) })
	s.AddDefault(func() { ch2.Receive(ctx, &v) })
	s.Select(ctx)
	if s.HasPending() {
		var result string
		_ = workflow.ExecuteActivity(ctx, "SelectorBlockingDefaultActivity", "Signal not lost").Get(ctx, &result)
	}
	return nil
}

func channelWorker(ctx workflow.Context) error {
	ch := workflow.NewChannel(ctx)
	var received []string
	workflow.Go(ctx, func(ctx workflow.Context) {
		ch.Send(ctx, "item-1")
		ch.Send(ctx, "item-2")
		ch.Close()
	})
	wg := workflow.NewWaitGroup(ctx)
	wg.Add(2)
	for range 2 {
		workflow.Go(ctx, func(ctx workflow.Context) {
			defer wg.Done()
			for done := false; !done; {
				s := workflow.NewSelector(ctx)
				s.AddReceive(ch, func(c workflow.ReceiveChannel, more bool) {
					if !more {
						done = true
						return
					}
					var v string
					c.Receive(ctx, &v)
					received = append(received, v)
				})
				s.Select(ctx)
			}
		})
	}
	wg.Wait(ctx)
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second})
	for _, item := range received {
		if item == "" {
			continue
		}
		if err := workflow.ExecuteActivity(ctx, "helloworldActivity", item).Get(ctx, nil); err != nil {
			return err
		}
	}
	return nil
}

func replayTestsFixtures() map[string]fixture {
	const dir = "temporal/sdk-go/replaytests/"
	return map[string]fixture{
		dir + "nexus-cancel-after-start.json": {skip: "Nexus operations"},

		dir + "bad-empty-workflow.json": {
			register: register(map[string]any{"EmptyWorkflow": emptyWorkflow}),
			check: func(t *testing.T, err error) {
				var nd *replay.NondeterminismError
				require.ErrorAs(t, err, &nd)
				assert.Equal(t, int64(7), nd.EventID)
				assert.Equal(t, replay.EventTypeActivityTaskScheduled, nd.EventType)
				assert.Equal(t, &replay.Command{Type: replay.CommandTypeScheduleActivityTask, ID: "7", Name: "helloworldActivity",
					TaskQueue: "replay-test", Input: `"Workflow1"`}, nd.History)
				assert.Nil(t, nd.Code, "the code scheduled nothing")
			},
		},
		dir + "unhandled_cmd_timer_cancel.json": {
			// The run's input holds an argument TimerWf does not take,
			// which replay ignores, as Temporal's SDK does.
			register: register(map[string]any{"TimerWf": timerWf}),
		},
		dir + "cancel-timer-after-activity.json": {
			register: register(map[string]any{"CancelTimerAfterActivity": cancelTimerAfterActivity}),
		},
		dir + "await-with-timeout-no-timer-cancel.json": {
			register: register(map[string]any{"AwaitWithTimeoutNoTimerCancelWorkflow": awaitWithTimeoutNoTimerCancel}),
		},
		dir + "activity-same-time-as-cancel.json": {
			register: register(map[string]any{"WorkflowWithLocalActivityStartWhenTimerCancel": activityStartWhenTimerCancel}),
		},
		dir + "partial-replay-non-command-event.json":         {register: register(map[string]any{"TripWorkflow": tripWorkflow})},
		dir + "replay-tests-cancel-order.json":                {register: register(map[string]any{"CancelOrderSelectWorkflow": cancelOrderSelect})},
		dir + "replay-tests-cancel-order-timer-resolved.json": {register: register(map[string]any{"CancelOrderSelectWorkflow": cancelOrderSelect})},
		dir + "cancel-activity-completion-before-workflow-task-started.json": {
			// The activity completes in the task in which the run's
			// cancellation requests its cancellation: the unsent
			// RequestCancelActivityTask is dropped.
			register: register(map[string]any{"CancelActivityCompletionBeforeWorkflowTaskStarted": cancelActivityCompletionBeforeWorkflowTaskStarted}),
		},
		dir + "continue-as-new.json":       {register: register(map[string]any{"ContinueAsNewWorkflow": continueAsNewWorkflow})},
		dir + "bad-continue-as-new.json":   {register: register(map[string]any{"ContinueAsNewWorkflow": continueAsNewWorkflow})},
		dir + "bad-continue-as-new-2.json": {register: register(map[string]any{"ContinueAsNewWorkflow": continueAsNewWorkflow})},
		dir + "selector-non-blocking.json": {
			// Under SDK flag 5 (BlockedSelectorSignalReceive) a value sent
			// on a selector's channel while its default branch blocks
			// stays pending, so HasPending reports it.
			register: register(map[string]any{"SelectorBlockingDefaultWorkflow": selectorBlockingDefault}),
		},
		dir + "channel-worker-blocked-selector.json": {
			// Without SDK flag 8 (WorkflowNewChannelLostMessages) the close
			// overwrites the item a blocked selector took: one of the two
			// items is lost, and one activity runs.
			register: register(map[string]any{"ChannelWorkerWorkflow": channelWorker}),
		},
		dir + "gogoproto-payload-workflow.json": {
			register: register(map[string]any{"ListAndDescribeWorkflow": listAndDescribe}),
			opts:     replay.WorkflowReplayerOptions{DataConverter: gogoConverter},
		},
		// Reading this history fails on its event of unknown type, before
		// any workflow code would run.
		dir + "workflow_with_bad_unknown_event.json": {},
	}
}
