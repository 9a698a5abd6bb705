package workflow_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/workflow"
)

// TestSleepsInTurnAndAtOnce: Sleeps that follow one another (which share
// one timer between them), Sleeps of several coroutines at once, and a
// canceled Sleep among them all keep their own times, errors and events.
func TestSleepsInTurnAndAtOnce(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		sleep := func(ctx workflow.Context, who string, d time.Duration) {
			err := workflow.Sleep(ctx, d)
			var ce *wfsim.CanceledError
			tr.add(ctx, "%s slept %v, canceled %v", who, d, errors.As(err, &ce))
		}
		// a's canceled Sleep uses a Context of its own (blocking on one
		// derived from the root's would panic); b cancels it.
		var cancel workflow.CancelFunc
		done := workflow.NewChannel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			var child workflow.Context
			child, cancel = workflow.WithCancel(ctx)
			sleep(child, "a", time.Hour) // canceled at 2m
			sleep(ctx, "a", time.Minute)
			done.Send(ctx, true)
		})
		workflow.Go(ctx, func(ctx workflow.Context) {
			sleep(ctx, "b", time.Minute)
			sleep(ctx, "b", time.Minute)
			cancel()
			sleep(ctx, "b", time.Minute)
		})
		sleep(ctx, "root", 30*time.Second)
		sleep(ctx, "root", 0)
		done.Receive(ctx, nil)
		sleep(ctx, "root", time.Second)
		return tr, nil
	}
	env := execute(t, wf)
	var got trace
	assert.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, trace{
		"30s root slept 30s, canceled false",
		"30s root slept 0s, canceled false",
		"1m0s b slept 1m0s, canceled false",
		"2m0s b slept 1m0s, canceled false",
		"2m0s a slept 1h0m0s, canceled true",
		"3m0s a slept 1m0s, canceled false",
		"3m0s b slept 1m0s, canceled false",
		"3m1s root slept 1s, canceled false",
	}, got)
	assert.Equal(t, []string{
		"WorkflowExecutionStarted",
		"TimerStarted", "TimerStarted", "TimerStarted",
		"TimerFired", "TimerFired", "TimerStarted", "TimerFired",
		"TimerCanceled", "TimerStarted", "TimerStarted",
		"TimerFired", "TimerFired", "TimerStarted", "TimerFired",
		"WorkflowExecutionCompleted",
	}, eventTypes(env.History()))
}
