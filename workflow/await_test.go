package workflow_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func TestAwait(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		count := 0
		workflow.Go(ctx, func(ctx workflow.Context) {
			for range 3 {
				_ = workflow.Sleep(ctx, time.Minute)
				count++
			}
		})
		err := workflow.Await(ctx, func() bool { return count == 2 })
		tr.add(ctx, "count=%d err=%v", count, err)
		err = workflow.Await(ctx, func() bool { return true })
		tr.add(ctx, "already true: err=%v", err)
		return tr, nil
	}
	assert.Equal(t, trace{"2m0s count=2 err=<nil>", "2m0s already true: err=<nil>"}, result[trace](t, wf))
}

func TestAwaitCanceled(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		awaitCtx, cancel := workflow.WithCancel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, time.Minute)
			cancel()
		})
		err := workflow.Await(awaitCtx, func() bool { return false })
		tr.add(ctx, "Await: %v", err)
		err = workflow.Await(awaitCtx, func() bool { return false })
		tr.add(ctx, "on a canceled context: %v", err)
		err = workflow.Await(awaitCtx, func() bool { return true })
		tr.add(ctx, "true condition wins over cancellation: %v", err)
		return tr, nil
	}
	assert.Equal(t, trace{
		"1m0s Await: canceled",
		"1m0s on a canceled context: canceled",
		"1m0s true condition wins over cancellation: <nil>",
	}, result[trace](t, wf))
}

func TestAwaitWithTimeout(t *testing.T) {
	t.Parallel()
	type outcome struct {
		OK  bool
		Err string
		At  time.Duration
	}
	tests := []struct {
		name        string
		setAfter    time.Duration
		cancelFirst bool
		want        outcome
		events      []string
	}{
		{
			name:     "condition before the timeout",
			setAfter: time.Minute,
			want:     outcome{OK: true, At: time.Minute},
			events:   []string{"WorkflowExecutionStarted", "TimerStarted", "TimerStarted", "TimerFired", "TimerCanceled", "WorkflowExecutionCompleted"},
		},
		{
			name:     "timeout first",
			setAfter: 2 * time.Hour,
			want:     outcome{OK: false, At: time.Hour},
			events:   []string{"WorkflowExecutionStarted", "TimerStarted", "TimerStarted", "TimerFired", "WorkflowExecutionCompleted"},
		},
		{
			name:        "canceled",
			setAfter:    time.Minute,
			cancelFirst: true,
			want:        outcome{OK: false, Err: "canceled", At: time.Minute},
			events:      []string{"WorkflowExecutionStarted", "TimerStarted", "TimerStarted", "TimerFired", "TimerCanceled", "WorkflowExecutionCompleted"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wf := func(ctx workflow.Context) (outcome, error) {
				flag := false
				awaitCtx, cancel := workflow.WithCancel(ctx)
				defer cancel()
				workflow.Go(ctx, func(ctx workflow.Context) {
					_ = workflow.Sleep(ctx, tt.setAfter)
					if tt.cancelFirst {
						cancel()
						return
					}
					flag = true
				})
				ok, err := workflow.AwaitWithTimeout(awaitCtx, time.Hour, func() bool { return flag })
				return outcome{OK: ok, Err: errString(err), At: elapsed(ctx)}, nil
			}
			env := execute(t, wf)
			var got outcome
			assert.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.events, eventTypes(env.History()))
		})
	}
}

// A condition that receives (as real workflows' signal loops do) must be
// called once per pass, as Temporal's SDK calls it: calling it again after it
// held loses the value it received.
func TestAwaitConditionThatReceives(t *testing.T) {
	t.Parallel()
	type outcome struct {
		Got   bool
		Value string
		Err   string
	}
	awaits := []struct {
		name  string
		await func(ctx workflow.Context, condition func() bool) error
	}{
		{"Await", workflow.Await},
		{"AwaitWithTimeout", func(ctx workflow.Context, condition func() bool) error {
			_, err := workflow.AwaitWithTimeout(ctx, time.Hour, condition)
			return err
		}},
	}
	for _, tt := range awaits {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wf := func(ctx workflow.Context) (outcome, error) {
				ch := workflow.NewBufferedChannel(ctx, 1)
				workflow.Go(ctx, func(ctx workflow.Context) {
					_ = workflow.Sleep(ctx, time.Minute)
					ch.Send(ctx, "sent")
				})
				var out outcome
				err := tt.await(ctx, func() bool {
					out.Got = ch.ReceiveAsync(&out.Value)
					return out.Got
				})
				out.Err = errString(err)
				return out, nil
			}
			assert.Equal(t, outcome{Got: true, Value: "sent"}, result[outcome](t, wf))
		})
	}
}

// A canceled Await or AwaitWithTimeout returns Temporal's error: a
// *wfsim.CanceledError whose details are the arguments Temporal's SDK
// passes to NewCanceledError ("Await context canceled"; the format text and
// the function's name for AwaitWithTimeout), which a workflow that returns
// it records in its WorkflowExecutionCanceled event.
func TestAwaitCanceledErrorDetails(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		ctx, cancel := workflow.WithCancel(ctx)
		var got []string
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, time.Minute)
			cancel()
		})
		detailsOf := func(err error, n int) []string {
			var ce *wfsim.CanceledError
			if !errors.As(err, &ce) {
				return []string{"not a CanceledError: " + fmt.Sprint(err)}
			}
			vals := make([]string, n)
			ptrs := make([]any, n)
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := ce.Details(ptrs...); err != nil {
				return []string{err.Error()}
			}
			return vals
		}
		err := workflow.Await(ctx, func() bool { return false })
		got = append(got, detailsOf(err, 1)...)
		_, err = workflow.AwaitWithTimeout(ctx, time.Hour, func() bool { return false })
		got = append(got, detailsOf(err, 2)...)
		return got, nil
	}
	env := execute(t, wf)
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"Await context canceled", "%s context canceled", "AwaitWithTimeout"}, got)
}

// A condition that panics while Await waits (it is then asked outside the
// waiting coroutine) fails the workflow with a PanicError, as a panic in
// workflow code does, rather than crashing the test binary.
func TestAwaitConditionPanics(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		calls := 0
		workflow.Go(ctx, func(ctx workflow.Context) { _ = workflow.Sleep(ctx, time.Minute) })
		return workflow.Await(ctx, func() bool {
			calls++
			if calls > 1 {
				panic("condition broke")
			}
			return false
		})
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(wf)
	var pe *wfsim.PanicError
	require.ErrorAs(t, env.GetWorkflowError(), &pe)
	assert.Contains(t, pe.Error(), "condition broke")
}
