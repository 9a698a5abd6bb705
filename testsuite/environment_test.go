package testsuite_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func NoContextWorkflow(name string) error                       { return nil }
func NoErrorWorkflow(ctx workflow.Context) string               { return "" }
func TooManyResultsWorkflow(workflow.Context) (int, int, error) { return 0, 0, nil }
func OrderWorkflow(ctx workflow.Context, id string, qty int) (string, error) {
	return strings.Repeat(id, qty), nil
}

func TestRegisterWorkflowRejectsBadFunctions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		fn   any
		want []string // substrings of the panic message
	}{
		{"not a function", 42, []string{"must be a func", "int"}},
		{"a name instead of a function", "OrderWorkflow", []string{"must be a func", "string"}},
		{"first parameter not workflow.Context", NoContextWorkflow, []string{"NoContextWorkflow", "must take workflow.Context as its first parameter, got string"}},
		{"last result not error", NoErrorWorkflow, []string{"NoErrorWorkflow", "must return error as its last result, got string"}},
		{"three results", TooManyResultsWorkflow, []string{"TooManyResultsWorkflow", "but returns 3 results"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			msg := panicMessage(func() { env.RegisterWorkflow(tt.fn) })
			require.NotEmpty(t, msg, "RegisterWorkflow did not panic")
			assert.True(t, strings.HasPrefix(msg, "testsuite: "), msg)
			for _, w := range tt.want {
				assert.Contains(t, msg, w)
			}
		})
	}
}

func TestExecuteUnregisteredName(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(OrderWorkflow)
	env.RegisterWorkflowWithOptions(sleepLoopWorkflow, workflow.RegisterOptions{Name: "sleeper"})
	env.ExecuteWorkflow("Shipping", 1)
	err := env.GetWorkflowError()
	var unknown *testsuite.UnknownWorkflowError
	require.ErrorAs(t, err, &unknown)
	assert.Equal(t, "Shipping", unknown.WorkflowType)
	assert.Equal(t, []string{"OrderWorkflow", "sleeper"}, unknown.Registered)
	assert.Equal(t, "unable to find workflow type: Shipping. Supported types: [OrderWorkflow, sleeper]", err.Error())
	assert.False(t, env.IsWorkflowCompleted())
}

func TestExecuteWithArgumentsThatDoNotFit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []any
		want wfsim.ArgumentError
		text string
	}{
		{
			name: "wrong type",
			args: []any{"A-1", "three"},
			want: wfsim.ArgumentError{Kind: "workflow", Name: "OrderWorkflow", Position: 2, Expected: "int", Got: "string"},
			text: `workflow "OrderWorkflow": argument 2: the function takes int, got string`,
		},
		{
			name: "nil for a value type",
			args: []any{nil, 3},
			want: wfsim.ArgumentError{Kind: "workflow", Name: "OrderWorkflow", Position: 1, Expected: "string", Got: "nil"},
			text: `workflow "OrderWorkflow": argument 1: the function takes string, got nil`,
		},
		{
			name: "too many",
			args: []any{"A-1", 3, true},
			want: wfsim.ArgumentError{Kind: "workflow", Name: "OrderWorkflow", WantCount: 2, GotCount: 3},
			text: `workflow "OrderWorkflow": takes 2 arguments, got 3`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			env.ExecuteWorkflow(OrderWorkflow, tt.args...)
			var ae *wfsim.ArgumentError
			require.ErrorAs(t, env.GetWorkflowError(), &ae)
			assert.Equal(t, tt.want, *ae)
			assert.Equal(t, tt.text, ae.Error())
			assert.Empty(t, env.History().Events, "nothing is recorded for a run that could not start")
		})
	}
}

func TestExecuteWorkflowTwicePanics(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(OrderWorkflow, "x", 2)
	msg := panicMessage(func() { env.ExecuteWorkflow(OrderWorkflow, "x", 2) })
	assert.True(t, strings.HasPrefix(msg, "testsuite: ExecuteWorkflow called twice"), msg)
}

func TestResultAndError(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	assert.ErrorIs(t, env.GetWorkflowResult(nil), testsuite.ErrNotCompleted, "before ExecuteWorkflow")
	env.ExecuteWorkflow(OrderWorkflow, "ab", 3)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	assert.Equal(t, "ababab", out)
	var wrong int
	assert.Error(t, env.GetWorkflowResult(&wrong), "a result that does not decode is an error")
}

func TestWorkflowPanic(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		_ = workflow.Sleep(ctx, time.Minute)
		m := noMap()
		m["boom"]++ // a nil map write: a runtime panic
		return nil
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	var wee *wfsim.WorkflowExecutionError
	require.ErrorAs(t, err, &wee)
	var pe *wfsim.PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "assignment to entry in nil map", pe.Error())
	assert.Contains(t, pe.StackTrace(), "environment_test.go", "the stack shows the workflow code")
	assert.True(t, errors.As(err, &pe))
}

func TestWorkflowPanicWithValue(t *testing.T) {
	t.Parallel()
	type custom struct{ Code int }
	wf := func(ctx workflow.Context) error { panic(custom{Code: 7}) }
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(wf)
	var pe *wfsim.PanicError
	require.ErrorAs(t, env.GetWorkflowError(), &pe)
	assert.Equal(t, "{7}", pe.Error())
	assert.NotEmpty(t, pe.StackTrace())
}

// noMap returns a nil map, for a workflow that panics writing to it.
func noMap() map[string]int { return nil }

// panicMessage runs f and returns what it panicked with, or "".
func panicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			if s, ok := r.(string); ok {
				msg = s
			} else if e, ok := r.(error); ok {
				msg = e.Error()
			} else {
				msg = "non-string panic"
			}
		}
	}()
	f()
	return ""
}
