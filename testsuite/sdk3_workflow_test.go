package testsuite_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of workflow primitive tests of Temporal's
// internal/internal_workflow_testsuite_test.go: channels fanned out to
// coroutines, a Context used by the wrong coroutine, draining a signal
// channel, and the run timeout of a workflow that never ends.

// Temporal: internal/internal_workflow_testsuite_test.go Test_Channel
func TestSDK3SignalsFannedOutToCoroutinesThenContinueAsNew(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		signals := workflow.GetSignalChannel(ctx, "test-signal")
		done := workflow.NewBufferedChannel(ctx, 100)
		sel := workflow.NewSelector(ctx).
			AddReceive(signals, func(workflow.ReceiveChannel, bool) {}).
			AddReceive(done, func(c workflow.ReceiveChannel, _ bool) { c.Receive(ctx, nil) })
		fanout := []workflow.Channel{workflow.NewBufferedChannel(ctx, 100), workflow.NewBufferedChannel(ctx, 100)}
		processed, running := 0, 0
		for {
			sel.Select(ctx)
			var signal string
			if !signals.ReceiveAsync(&signal) {
				if running > 0 || processed < 4 {
					continue
				}
				return workflow.NewContinueAsNewError(ctx, "this-workflow")
			}
			for _, ch := range fanout {
				ch.SendAsync(signal)
				processed++
				running++
				workflow.Go(ctx, func(workflow.Context) {
					done.SendAsync("done")
					running--
				})
			}
		}
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow("test-signal", "s1")
		env.SignalWorkflow("test-signal", "s2")
	}, time.Minute)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	var wfErr *temporal.WorkflowExecutionError
	require.ErrorAs(t, err, &wfErr)
	var can *temporal.ContinueAsNewError
	assert.ErrorAs(t, errors.Unwrap(wfErr), &can)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ContextMisuse
func TestSDK3BlockingOnAnotherCoroutinesContextFails(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		ch := workflow.NewChannel(ctx)
		workflow.Go(ctx, func(workflow.Context) {
			// Wrong: the root coroutine's ctx, not the one Go passes.
			_ = workflow.Sleep(ctx, time.Hour)
			ch.Send(ctx, "done")
		})
		ch.Receive(ctx, nil)
		return nil
	}
	var s testsuite.WorkflowTestSuite // not bound to t: the failure is the point
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.Error(t, env.GetWorkflowError())
	assert.Contains(t, env.GetWorkflowError().Error(), "block on coroutine which is already blocked")
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_DrainSignalChannel
func TestSDK3SignalSkippingWorkflowTaskArrivesWithTheNext(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (string, error) {
		ch := workflow.GetSignalChannel(ctx, "test-signal")
		var s1, s2 string
		ch.Receive(ctx, &s1)
		// Both signals came in one workflow task.
		if !ch.ReceiveAsync(&s2) {
			return "", errors.New("expected a second signal")
		}
		if ch.ReceiveAsync(nil) {
			return "", errors.New("unexpected third signal")
		}
		return s1 + s2, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflowSkippingWorkflowTask("test-signal", "s1")
		env.SignalWorkflow("test-signal", "s2")
	}, time.Minute)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	assert.Equal(t, "s1s2", out)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_TestWorkflowTimeoutInBusyLoop
func TestSDK3RunTimeoutEndsNeverEndingWorkflow(t *testing.T) {
	t.Parallel()
	forever := func(ctx workflow.Context) error {
		for {
			_ = workflow.Sleep(ctx, time.Hour)
		}
	}
	var s testsuite.WorkflowTestSuite // not bound to t: the timeout is the point
	env := s.NewTestWorkflowEnvironment()
	env.SetWorkflowRunTimeout(10*time.Hour + time.Minute)
	fired := 0
	env.SetOnTimerFiredListener(func(string) { fired++ })
	env.RegisterWorkflow(forever)
	env.ExecuteWorkflow(forever)
	assert.Equal(t, 10, fired)
	err := env.GetWorkflowError()
	var wfErr *temporal.WorkflowExecutionError
	require.ErrorAs(t, err, &wfErr)
	var timeout *temporal.TimeoutError
	require.ErrorAs(t, errors.Unwrap(wfErr), &timeout)
}
