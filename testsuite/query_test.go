package testsuite_test

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

// Counter adds the "add" signals it receives until "stop", answering the
// "count" query (with an optional offset) all along.
func Counter(ctx workflow.Context) (int, error) {
	count := 0
	if err := workflow.SetQueryHandler(ctx, "count", func(offset int) (int, error) {
		if offset < 0 {
			return 0, errors.New("negative offset")
		}
		return count + offset, nil
	}); err != nil {
		return 0, err
	}
	add := workflow.GetSignalChannel(ctx, "add")
	stop := workflow.GetSignalChannel(ctx, "stop")
	for done := false; !done; {
		workflow.NewSelector(ctx).
			AddReceive(add, func(c workflow.ReceiveChannel, _ bool) {
				var n int
				c.Receive(ctx, &n)
				count += n
			}).
			AddReceive(stop, func(c workflow.ReceiveChannel, _ bool) {
				c.Receive(ctx, nil)
				done = true
			}).
			Select(ctx)
	}
	return count, nil
}

func queryCount(t *testing.T, env *testsuite.TestWorkflowEnvironment, args ...any) int {
	t.Helper()
	v, err := env.QueryWorkflow("count", args...)
	require.NoError(t, err)
	var n int
	require.NoError(t, v.Get(&n))
	return n
}

func TestQuerySeesTheSignalSentJustBefore(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var seen []string
	env.RegisterDelayedCallback(func() {
		seen = append(seen, fmt.Sprintf("before %d", queryCount(t, env, 0)))
		env.SignalWorkflow("add", 5)
		seen = append(seen, fmt.Sprintf("after one %d", queryCount(t, env, 0)))
		env.SignalWorkflow("add", 2)
		env.SignalWorkflow("add", 3)
		seen = append(seen, fmt.Sprintf("after three %d", queryCount(t, env, 100)))
	}, time.Minute)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("stop", nil) }, 2*time.Minute)
	env.ExecuteWorkflow(Counter)
	var total int
	require.NoError(t, env.GetWorkflowResult(&total))
	assert.Equal(t, 10, total)
	assert.Equal(t, []string{"before 0", "after one 5", "after three 110"}, seen)
	assert.Equal(t, 10, queryCount(t, env, 0), "a completed workflow still answers")
	// The query ran the task of the first signal at once; the next two
	// signals went into a task of their own.
	assert.Equal(t, []string{
		"0s WorkflowExecutionStarted", "0s WorkflowTaskScheduled", "0s WorkflowTaskStarted", "0s WorkflowTaskCompleted",
		"1m0s WorkflowExecutionSignaled add", "1m0s WorkflowTaskScheduled", "1m0s WorkflowTaskStarted", "1m0s WorkflowTaskCompleted",
		"1m0s WorkflowExecutionSignaled add", "1m0s WorkflowTaskScheduled", "1m0s WorkflowExecutionSignaled add",
		"1m0s WorkflowTaskStarted", "1m0s WorkflowTaskCompleted",
		"2m0s WorkflowExecutionSignaled stop", "2m0s WorkflowTaskScheduled", "2m0s WorkflowTaskStarted", "2m0s WorkflowTaskCompleted",
		"2m0s WorkflowExecutionCompleted",
	}, msgEvents(env.History()))
}

func TestQueryAtTheStartRunsTheFirstTask(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var n int
	env.RegisterDelayedCallback(func() {
		n = queryCount(t, env, 7)
		env.SignalWorkflow("stop", nil)
	}, 0)
	env.ExecuteWorkflow(Counter)
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, 7, n, "the handler is registered by the first task, which the query runs")
}

// Misbehaving registers query handlers that break the rules.
func Misbehaving(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	pending, _ := workflow.NewFuture(ctx)
	handlers := map[string]any{
		"sleeps":    func() (string, error) { return "", workflow.Sleep(ctx, time.Second) },
		"waits":     func() (string, error) { return "", pending.Get(ctx, nil) },
		"awaits":    func() (string, error) { return "", workflow.Await(ctx, func() bool { return false }) },
		"activity":  func() (string, error) { workflow.ExecuteActivity(ctx, "Greet", "x"); return "", nil },
		"goroutine": func() (string, error) { workflow.Go(ctx, func(workflow.Context) {}); return "", nil },
		"panics":    func() (string, error) { panic("boom") },
		// A result type that can hold what no converter encodes (a handler
		// declared to return a chan is refused by SetQueryHandler).
		"unencodable": func() (any, error) {
			return make(chan int), nil
		},
		"fails": func() (string, error) { return "", errors.New("not now") },
	}
	for _, name := range workflow.DeterministicKeys(handlers) {
		if err := workflow.SetQueryHandler(ctx, name, handlers[name]); err != nil {
			return err
		}
	}
	return workflow.Sleep(ctx, time.Hour)
}

func TestQueryErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		query string
		args  []any
		check func(t *testing.T, err error)
	}{
		{"a handler that sleeps", "sleeps", nil, readOnly(`query handler "sleeps"`, "workflow.NewTimer")},
		{"a handler that waits on a future", "waits", nil, readOnly(`query handler "waits"`, "Future.Get")},
		{"a handler that awaits", "awaits", nil, readOnly(`query handler "awaits"`, "workflow.Await")},
		{"a handler that schedules an activity", "activity", nil, readOnly(`query handler "activity"`, "workflow.ExecuteActivity", "ScheduleActivityTask")},
		{"a handler that starts a coroutine", "goroutine", nil, readOnly(`query handler "goroutine"`, "workflow.Go")},
		{"a handler that panics", "panics", nil, func(t *testing.T, err error) {
			var pe *wfsim.PanicError
			require.ErrorAs(t, err, &pe)
			assert.Contains(t, err.Error(), `query handler "panics" panicked: boom`)
		}},
		{"a result that cannot be encoded", "unencodable", nil, func(t *testing.T, err error) {
			assert.ErrorContains(t, err, `query "unencodable": encoding its result`)
		}},
		{"a handler's own error", "fails", nil, func(t *testing.T, err error) {
			assert.EqualError(t, err, "not now")
		}},
		{"arguments beyond the handler's are ignored, as in Temporal", "fails", []any{1}, func(t *testing.T, err error) {
			assert.EqualError(t, err, "not now")
		}},
		{"an unknown query type lists the known ones", "nope", nil, func(t *testing.T, err error) {
			var uq *workflow.UnknownQueryError
			require.ErrorAs(t, err, &uq)
			assert.Equal(t, []string{"__stack_trace", "activity", "awaits", "fails", "goroutine", "panics", "sleeps", "unencodable", "waits"}, uq.Known)
			assert.EqualError(t, err, "unknown queryType nope. KnownQueryTypes=[__stack_trace activity awaits fails goroutine panics sleeps unencodable waits]")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			var err error
			env.RegisterDelayedCallback(func() { _, err = env.QueryWorkflow(tt.query, tt.args...) }, time.Minute)
			env.ExecuteWorkflow(Misbehaving)
			tt.check(t, err)
			// The workflow is unaffected: it slept its hour and completed,
			// with nothing recorded for the query.
			require.NoError(t, env.GetWorkflowError())
			assert.Equal(t, []string{
				"0s WorkflowExecutionStarted", "0s WorkflowTaskScheduled", "0s WorkflowTaskStarted", "0s WorkflowTaskCompleted",
				"0s TimerStarted 5", "1h0m0s TimerFired 5", "1h0m0s WorkflowTaskScheduled", "1h0m0s WorkflowTaskStarted",
				"1h0m0s WorkflowTaskCompleted", "1h0m0s WorkflowExecutionCompleted",
			}, msgEvents(env.History()))
		})
	}
}

// readOnly checks a *workflow.ReadOnlyError of handler, made by one of
// calls (the API, or the command it would issue).
func readOnly(handler string, calls ...string) func(t *testing.T, err error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var ro *workflow.ReadOnlyError
		require.ErrorAs(t, err, &ro)
		assert.Equal(t, handler, ro.Handler)
		assert.Contains(t, calls, ro.Call)
	}
}

func TestQueryArgumentMismatch(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var err error
	env.RegisterDelayedCallback(func() {
		_, err = env.QueryWorkflow("count", "not a number")
		env.SignalWorkflow("stop", nil)
	}, time.Minute)
	env.ExecuteWorkflow(Counter)
	var ae *wfsim.ArgumentError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "query", ae.Kind)
	assert.Equal(t, "count", ae.Name)
	assert.Equal(t, 1, ae.Position)
	assert.Equal(t, "int", ae.Expected)
	assert.Contains(t, ae.Got, `"not a number"`)
}

func TestQueryStackTrace(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var trace string
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(workflow.QueryTypeStackTrace)
		require.NoError(t, err)
		require.NoError(t, v.Get(&trace))
		env.SignalWorkflow("stop", nil)
	}, time.Minute)
	env.ExecuteWorkflow(Counter)
	assert.Contains(t, trace, `coroutine "root" blocked on selector.Select at `)
	assert.Contains(t, trace, "query_test.go:")
}

func TestQueryNotFound(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		query func(env *testsuite.TestWorkflowEnvironment) error
		known []string
	}{
		{"before ExecuteWorkflow", func(env *testsuite.TestWorkflowEnvironment) error {
			_, err := env.QueryWorkflow("count")
			return err
		}, nil},
		{"an unknown ID", func(env *testsuite.TestWorkflowEnvironment) error {
			env.SignalWorkflow("stop", nil)
			env.ExecuteWorkflow(Counter)
			_, err := env.QueryWorkflowByID("nope", "count")
			return err
		}, []string{"default-test-workflow-id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.query(msgEnv())
			var nf *testsuite.WorkflowNotFoundError
			require.ErrorAs(t, err, &nf)
			assert.Equal(t, tt.known, nf.Known)
		})
	}
}

func TestSetQueryHandlerErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		query   string
		handler any
		want    string
	}{
		{"reserved name", "__mine", func() (int, error) { return 0, nil }, `workflow: query type "__mine": names starting with __ are reserved`},
		{"not a function", "q", 42, `workflow: query handler "q": the handler must be a function, got int`},
		{"nil", "q", nil, `workflow: query handler "q": the handler must be a function, got nil`},
		{"only an error", "q", func() error { return nil }, `workflow: query handler "q": the handler must return (result, error), got func() error`},
		{"no error", "q", func() int { return 0 }, `workflow: query handler "q": the handler must return (result, error), got func() int`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
				err := workflow.SetQueryHandler(ctx, tt.query, tt.handler)
				if err == nil {
					return "", nil
				}
				return err.Error(), nil
			})
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
		})
	}
}
