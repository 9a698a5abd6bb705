package testsuite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the second half of Temporal's test/integration_test.go about
// workflow primitives: selectors, reserved signal names, panics.

func int2ToUpper(_ context.Context, s string) (string, error) { return strings.ToUpper(s), nil }

// int2SelectorDefault: the selector's default runs first (no sender is
// ready yet) and takes ch2's value; ch1's sender is then pending, which
// HasPending sees.
func int2SelectorDefault(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	ch1 := workflow.NewChannel(ctx)
	ch2 := workflow.NewChannel(ctx)
	workflow.Go(ctx, func(ctx workflow.Context) { ch1.Send(ctx, "one") })
	workflow.Go(ctx, func(ctx workflow.Context) { ch2.Send(ctx, "two") })
	var got string
	sel := workflow.NewSelector(ctx)
	sel.AddReceive(ch1, func(c workflow.ReceiveChannel, more bool) { c.Receive(ctx, &got) })
	sel.AddDefault(func() { ch2.Receive(ctx, &got) })
	sel.Select(ctx)
	if got != "two" {
		return "", temporal.NewApplicationError("the default did not run first, got "+got, "")
	}
	if !sel.HasPending() {
		return "hello", nil // the signal in ch1 would be lost
	}
	var out string
	err := workflow.ExecuteActivity(ctx, "Prefix_ToUpper", "hello").Get(ctx, &out)
	return out, err
}

// Temporal: test/integration_test.go TestSelectorNoBlock
func TestInt2SelectorDefaultLeavesTheOtherSenderPending(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(int2SelectorDefault)
	env.RegisterActivityWithOptions(int2ToUpper, activityName("Prefix_ToUpper"))
	env.ExecuteWorkflow(int2SelectorDefault)
	require.NoError(t, env.GetWorkflowError())
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "HELLO", got)
}

// Temporal: test/integration_test.go TestTemporalPrefixSignal
func TestInt2ReservedSignalNameFailsTheWorkflow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		signal string
		fails  bool
	}{
		{name: "reserved prefix", signal: "__temporal_signal", fails: true},
		{name: "workflow stream names stay open", signal: "__temporal_workflow_stream_x"},
		{name: "double underscore alone is allowed", signal: "__signal"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			wf := func(ctx workflow.Context) error {
				workflow.GetSignalChannel(ctx, tc.signal).Receive(ctx, nil)
				return nil
			}
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.SetWorkerOptions(worker.Options{WorkflowPanicPolicy: worker.FailWorkflow})
			env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "WorkflowTemporalPrefixSignal"})
			env.RegisterDelayedCallback(func() { env.SignalWorkflow(tc.signal, nil) }, time.Second)
			env.ExecuteWorkflow("WorkflowTemporalPrefixSignal")
			err := env.GetWorkflowError()
			if !tc.fails {
				require.NoError(t, err)
				return
			}
			var pe *temporal.PanicError
			require.ErrorAs(t, err, &pe)
			assert.Contains(t, pe.Error(), "__temporal_ is a reserved prefix")
		})
	}
}

// Temporal: test/integration_test.go TestPanicWithDeferredYield. There the
// worker's policy is BlockWorkflow: the server retries the failed task,
// whose second attempt (the counter now 2) completes the workflow. wfsim
// does not retry a failed workflow task (a test wants the panic at once),
// so this runs under FailWorkflow: the run fails with the first panic.
// (Temporal's worker also refuses to let the deferred activity block while
// the panic unwinds; wfsim lets it, so its history schedules the cleanup
// activity before failing — see the int2 report.)
func TestInt2PanicWithADeferredYieldFailsTheTask(t *testing.T) {
	t.Parallel()
	attempts := 0
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{ScheduleToCloseTimeout: 10 * time.Second})
		defer func() {
			dctx, _ := workflow.NewDisconnectedContext(ctx)
			_ = workflow.ExecuteActivity(dctx, "Prefix_ToUpper", "cleanup").Get(dctx, nil)
		}()
		if !workflow.IsReplaying(ctx) {
			attempts++
		}
		if attempts == 1 {
			panic("transient failure on first attempt")
		}
		return workflow.ExecuteActivity(ctx, "Prefix_ToUpper", "x").Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetWorkerOptions(worker.Options{WorkflowPanicPolicy: worker.FailWorkflow})
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "PanicWithDeferYield"})
	env.RegisterActivityWithOptions(int2ToUpper, activityName("Prefix_ToUpper"))
	env.ExecuteWorkflow("PanicWithDeferYield")
	err := env.GetWorkflowError()
	var pe *temporal.PanicError
	require.ErrorAs(t, err, &pe)
	assert.Contains(t, pe.Error(), "transient failure on first attempt")
}

func int2HeartbeatEvery(ctx context.Context, interval time.Duration, count int) error {
	for range count {
		time.Sleep(interval)
		activity.RecordHeartbeat(ctx)
	}
	return nil
}

// Temporal: test/integration_test.go TestHeartbeatThrottleDisabled (there it
// counts RecordActivityTaskHeartbeat requests; here the heartbeats that
// reach the server, which the heartbeat listener sees)
func TestInt2HeartbeatThrottleSendsTheFirstOrAll(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts worker.Options
		want int
	}{
		{name: "default throttle sends the first only", want: 1},
		{name: "throttling effectively disabled sends all", opts: worker.Options{MaxHeartbeatThrottleInterval: time.Nanosecond}, want: 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			wf := func(ctx workflow.Context) error {
				ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
					ScheduleToStartTimeout: 5 * time.Second, ScheduleToCloseTimeout: 5 * time.Second, StartToCloseTimeout: 9 * time.Second,
					RetryPolicy: &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: time.Second},
				})
				return workflow.ExecuteActivity(ctx, int2HeartbeatEvery, 100*time.Millisecond, 4).Get(ctx, nil)
			}
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.SetWorkerOptions(tc.opts)
			env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "HeartbeatSpecificCount"})
			env.RegisterActivity(int2HeartbeatEvery)
			sent := 0
			env.SetOnActivityHeartbeatListener(func(*activity.Info, converter.EncodedValues) { sent++ })
			env.ExecuteWorkflow("HeartbeatSpecificCount")
			require.NoError(t, env.GetWorkflowError())
			assert.Equal(t, tc.want, sent)
		})
	}
}
