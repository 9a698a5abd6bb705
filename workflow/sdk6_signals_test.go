package workflow_test

// Ports of the signal tests of Temporal's internal/internal_workflow_test.go:
// reading signals in several ways, and values that do not decode into the
// receiver ("corrupted signals"), which are dropped, logged and counted.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/metrics"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Temporal: internal/internal_workflow_test.go Test_SignalWorkflow
func TestSDK6SignalsReadAsyncBlockingAndThroughSelectors(t *testing.T) {
	t.Parallel()
	values := []string{
		"Sig1Value1;", "Sig1Value2;",
		"Sig2Value1;", "Sig2Value2;", "Sig2Value3;", "Sig2Value4;", "Sig2Value5;", "Sig2Value6;", "Sig2Value7;",
		"Sig3Value1;",
	}
	env := sdk6Env()
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("testSig1", values[0]) }, 0)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("testSig1", values[1]) }, time.Second)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("testSig3", values[9]) }, time.Hour)
	for _, v := range values[2:9] {
		env.RegisterDelayedCallback(func() { env.SignalWorkflow("testSig2", v) }, time.Hour)
	}
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		var out strings.Builder
		var v string
		sig1 := workflow.GetSignalChannel(ctx, "testSig1")
		if !sig1.ReceiveAsync(&v) {
			return "", fmt.Errorf("testSig1 was not there at the start")
		}
		out.WriteString(v)
		sig1.Receive(ctx, &v)
		out.WriteString(v)

		// One value per Select.
		sel := workflow.NewSelector(ctx)
		sel.AddReceive(workflow.GetSignalChannel(ctx, "testSig2"), func(c workflow.ReceiveChannel, _ bool) {
			c.Receive(ctx, &v)
			out.WriteString(v)
		})
		for range 3 {
			sel.Select(ctx)
		}
		// Several values read inside one branch.
		sel = workflow.NewSelector(ctx)
		sel.AddReceive(workflow.GetSignalChannel(ctx, "testSig2"), func(c workflow.ReceiveChannel, _ bool) {
			for range 4 {
				c.Receive(ctx, &v)
				out.WriteString(v)
			}
		})
		sel.Select(ctx)

		if got := workflow.GetUnhandledSignalNames(ctx); len(got) != 1 || got[0] != "testSig3" {
			return "", fmt.Errorf("unhandled signals %v, want [testSig3]", got)
		}
		workflow.GetSignalChannel(ctx, "testSig3").Receive(ctx, &v)
		out.WriteString(v)
		if got := workflow.GetUnhandledSignalNames(ctx); len(got) != 0 {
			return "", fmt.Errorf("unhandled signals %v, want none", got)
		}
		return out.String(), nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, strings.Join(values, ""), out)
}

type sdk6Message struct{ Value string }

// sdk6CorruptSignalsCounted returns an environment whose suite captures
// metrics, and the captured corrupted-signal count.
func sdk6MetricsEnv() (*testsuite.TestWorkflowEnvironment, *metrics.CapturingHandler) {
	h := metrics.NewCapturingHandler()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(nil) // corrupt values are logged as errors: expected here
	s.SetMetricsHandler(h)
	return s.NewTestWorkflowEnvironment(), h
}

// sdk6Counters sums the captured counters by name.
func sdk6Counters(h *metrics.CapturingHandler) map[string]int64 {
	out := map[string]int64{}
	for _, c := range h.Counters() {
		out[c.Name] += c.Value()
	}
	return out
}

// Temporal: internal/internal_workflow_test.go Test_CorruptedSignalWorkflow_ShouldLogMetricsAndNotPanic
// Temporal: internal/internal_workflow_test.go Test_CorruptedSignalWorkflow_OnSelectorRead_ShouldLogMetricsAndNotPanic
func TestSDK6CorruptSignalIsDroppedAndCounted(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name          string
		wrong, right  time.Duration
		throughSelect bool
	}{
		{name: "Receive", wrong: time.Millisecond, right: time.Second},
		{name: "Receive in a selector branch", wrong: time.Second, right: 3 * time.Second, throughSelect: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env, h := sdk6MetricsEnv()
			env.RegisterDelayedCallback(func() { env.SignalWorkflow("messages", "wrong") }, tc.wrong)
			env.RegisterDelayedCallback(func() { env.SignalWorkflow("messages", sdk6Message{Value: "the right interface"}) }, tc.right)
			env.ExecuteWorkflow(func(ctx workflow.Context) ([]sdk6Message, error) {
				ch := workflow.GetSignalChannel(ctx, "messages")
				var got []sdk6Message
				receive := func() {
					var m sdk6Message
					ch.Receive(ctx, &m)
					got = append(got, m)
				}
				if tc.throughSelect {
					workflow.NewSelector(ctx).AddReceive(ch, func(workflow.ReceiveChannel, bool) { receive() }).Select(ctx)
				} else {
					receive()
				}
				return got, nil
			})
			require.True(t, env.IsWorkflowCompleted())
			require.NoError(t, env.GetWorkflowError())
			var got []sdk6Message
			require.NoError(t, env.GetWorkflowResult(&got))
			require.Equal(t, []sdk6Message{{Value: "the right interface"}}, got)
			require.Equal(t, tc.right, env.Now().Sub(testsuite.DefaultStartTime))
			require.Equal(t, map[string]int64{"temporal_corrupted_signals": 1}, sdk6Counters(h))
		})
	}
}

// Temporal: internal/internal_workflow_test.go Test_CorruptedSignalWorkflow_ReceiveAsync_ShouldLogMetricsAndNotPanic
func TestSDK6ReceiveAsyncSkipsCorruptValues(t *testing.T) {
	t.Parallel()
	env, h := sdk6MetricsEnv()
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]sdk6Message, error) {
		ch := workflow.GetSignalChannel(ctx, "messages").(workflow.Channel)
		var got []sdk6Message
		var m sdk6Message
		ch.SendAsync("wrong")
		if ch.ReceiveAsync(&m) { // the only value does not fit: nothing received
			got = append(got, m)
		}
		ch.SendAsync("wrong again")
		ch.SendAsync(sdk6Message{Value: "the right interface"})
		if ch.ReceiveAsync(&m) { // skips the bad value, takes the good one
			got = append(got, m)
		}
		return got, nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var got []sdk6Message
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, []sdk6Message{{Value: "the right interface"}}, got)
	require.Equal(t, map[string]int64{"temporal_corrupted_signals": 2}, sdk6Counters(h))
}

// Temporal: internal/internal_workflow_test.go Test_CorruptedSignalOnClosedChannelWorkflow_ReceiveAsync_ShouldComplete
func TestSDK6ReceiveAsyncOnClosedChannelWithOnlyACorruptValue(t *testing.T) {
	t.Parallel()
	env, _ := sdk6MetricsEnv()
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]int, error) {
		ch := workflow.GetSignalChannel(ctx, "numbers").(workflow.Channel)
		var got []int
		var n int
		ch.SendAsync("wrong")
		ch.Close()
		if ch.ReceiveAsync(&n) {
			got = append(got, n)
		}
		return got, nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var got []int
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Empty(t, got)
}

// Temporal: internal/internal_workflow_test.go Test_CorruptedSignalOnClosedChannelWorkflow_Receive_ShouldComplete
func TestSDK6ReceiveOnClosedSignalChannelReportsNoMore(t *testing.T) {
	t.Parallel()
	env, _ := sdk6MetricsEnv()
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("messages", "wrong") }, time.Second)
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]sdk6Message, error) {
		ch := workflow.GetSignalChannel(ctx, "messages")
		ch.(workflow.Channel).Close()
		var m sdk6Message
		more := ch.Receive(ctx, &m)
		return []sdk6Message{{Value: fmt.Sprint(more)}}, nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var got []sdk6Message
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, []sdk6Message{{Value: "false"}}, got)
}
