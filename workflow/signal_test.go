package workflow_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// runWithSignals runs wf in an environment bound to t, after send has
// arranged what the test sends it.
func runWithSignals(t *testing.T, wf any, send func(env *testsuite.TestWorkflowEnvironment)) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	env := testsuite.NewTestWorkflowEnvironment(t)
	send(env)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted(), "workflow did not complete")
	require.NoError(t, env.GetWorkflowError())
	return env
}

func TestSignalChannel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		wf   func(ctx workflow.Context) (trace, error)
		send func(env *testsuite.TestWorkflowEnvironment)
		want trace
	}{
		{
			name: "signals are buffered without bound, in the order sent",
			wf: func(ctx workflow.Context) (trace, error) {
				var tr trace
				_ = workflow.Sleep(ctx, time.Hour)
				ch := workflow.GetSignalChannel(ctx, "s")
				tr.add(ctx, "buffered %d", ch.Len())
				for ch.Len() > 0 {
					var v int
					ch.Receive(ctx, &v)
					tr.add(ctx, "got %d", v)
				}
				return tr, nil
			},
			send: func(env *testsuite.TestWorkflowEnvironment) {
				for i := range 5 {
					env.RegisterDelayedCallback(func() { env.SignalWorkflow("s", i) }, time.Duration(i)*time.Minute)
				}
			},
			want: trace{"1h0m0s buffered 5", "1h0m0s got 0", "1h0m0s got 1", "1h0m0s got 2", "1h0m0s got 3", "1h0m0s got 4"},
		},
		{
			name: "a value that does not fit the receiver is dropped",
			wf: func(ctx workflow.Context) (trace, error) {
				var tr trace
				var v int
				workflow.GetSignalChannel(ctx, "s").Receive(ctx, &v)
				tr.add(ctx, "got %d", v)
				return tr, nil
			},
			send: func(env *testsuite.TestWorkflowEnvironment) {
				env.RegisterDelayedCallback(func() { env.SignalWorkflow("s", "not a number") }, time.Minute)
				env.RegisterDelayedCallback(func() { env.SignalWorkflow("s", 7) }, 2*time.Minute)
			},
			want: trace{"2m0s got 7"},
		},
		{
			name: "one channel per name, the same for every coroutine",
			wf: func(ctx workflow.Context) (trace, error) {
				var tr trace
				wg := workflow.NewWaitGroup(ctx)
				for _, name := range []string{"a", "b"} {
					wg.Add(1)
					workflow.GoNamed(ctx, name, func(ctx workflow.Context) {
						defer wg.Done()
						var v string
						workflow.GetSignalChannel(ctx, "s").Receive(ctx, &v)
						tr.add(ctx, "%s got %s", name, v)
					})
				}
				wg.Wait(ctx)
				return tr, nil
			},
			send: func(env *testsuite.TestWorkflowEnvironment) {
				env.RegisterDelayedCallback(func() {
					env.SignalWorkflow("s", "x")
					env.SignalWorkflow("s", "y")
				}, time.Minute)
			},
			want: trace{"1m0s a got x", "1m0s b got y"},
		},
		{
			name: "a selector over two signal channels takes what arrived first",
			wf: func(ctx workflow.Context) (trace, error) {
				var tr trace
				a, b := workflow.GetSignalChannel(ctx, "a"), workflow.GetSignalChannel(ctx, "b")
				for range 3 {
					workflow.NewSelector(ctx).
						AddReceive(a, func(c workflow.ReceiveChannel, _ bool) { c.Receive(ctx, nil); tr.add(ctx, "a") }).
						AddReceive(b, func(c workflow.ReceiveChannel, _ bool) { c.Receive(ctx, nil); tr.add(ctx, "b") }).
						Select(ctx)
				}
				return tr, nil
			},
			send: func(env *testsuite.TestWorkflowEnvironment) {
				env.RegisterDelayedCallback(func() { env.SignalWorkflow("b", nil) }, time.Minute)
				env.RegisterDelayedCallback(func() {
					env.SignalWorkflow("b", nil)
					env.SignalWorkflow("a", nil)
				}, 2*time.Minute)
			},
			// At 2m the selector is already waiting: b's signal, applied
			// first, wakes it; a is taken by the next Select.
			want: trace{"1m0s b", "2m0s b", "2m0s a"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := runWithSignals(t, tt.wf, tt.send)
			var got trace
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestGetUnhandledSignalNamesAtTheEnd(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		workflow.GetSignalChannel(ctx, "z") // a channel with nothing in it is not listed
		_ = workflow.Sleep(ctx, time.Hour)
		return workflow.GetUnhandledSignalNames(ctx), nil
	}
	env := runWithSignals(t, wf, func(env *testsuite.TestWorkflowEnvironment) {
		env.RegisterDelayedCallback(func() {
			env.SignalWorkflow("late", 1)
			env.SignalWorkflow("early", 2)
		}, time.Minute)
	})
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"late", "early"}, got, "in the order their channels were created")
	assert.Equal(t, []string{
		"WorkflowExecutionStarted", "TimerStarted", "WorkflowExecutionSignaled", "WorkflowExecutionSignaled",
		"TimerFired", "WorkflowExecutionCompleted",
	}, eventTypes(env.History()))
}

func ExampleGetSignalChannel() {
	wf := func(ctx workflow.Context) (string, error) {
		var name string
		workflow.GetSignalChannel(ctx, "name").Receive(ctx, &name)
		return fmt.Sprintf("hello %s at %v", name, workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime)), nil
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("name", "ada") }, 90*time.Minute)
	env.ExecuteWorkflow(wf)
	var out string
	_ = env.GetWorkflowResult(&out)
	fmt.Println(out)
	// Output: hello ada at 1h30m0s
}

// TestManySignalChannels covers a run with more signal channels than it
// finds by scanning: each name still has one channel, and the unhandled
// names keep the order the channels were created.
func TestManySignalChannels(t *testing.T) {
	t.Parallel()
	const n = 20
	wf := func(ctx workflow.Context) ([]string, error) {
		for i := range n {
			workflow.GetSignalChannel(ctx, fmt.Sprintf("s%02d", n-1-i))
		}
		_ = workflow.Sleep(ctx, time.Hour)
		var v int
		workflow.GetSignalChannel(ctx, "s03").Receive(ctx, &v)
		if v != 3 {
			return nil, fmt.Errorf("s03 received %d", v)
		}
		return workflow.GetUnhandledSignalNames(ctx), nil
	}
	env := runWithSignals(t, wf, func(env *testsuite.TestWorkflowEnvironment) {
		env.RegisterDelayedCallback(func() {
			for _, i := range []int{3, 15, 0, 12} {
				env.SignalWorkflow(fmt.Sprintf("s%02d", i), i)
			}
		}, time.Minute)
	})
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"s15", "s12", "s00"}, got)
}
