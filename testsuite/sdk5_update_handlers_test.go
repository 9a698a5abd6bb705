package testsuite_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the tests of Temporal's internal/internal_update_test.go that a
// user reaches through the public API: which handler and validator
// functions SetUpdateHandler takes, panics in either, and what the update's
// caller learns in each case.

// sdk5UpdateOutcome is what an update's caller learned.
type sdk5UpdateOutcome struct {
	accepted bool
	rejected error
	done     bool
	result   any
	err      error
}

func (o *sdk5UpdateOutcome) callbacks() *testsuite.TestUpdateCallback {
	return &testsuite.TestUpdateCallback{
		OnAccept:   func() { o.accepted = true },
		OnReject:   func(err error) { o.rejected = err },
		OnComplete: func(v any, err error) { o.done, o.result, o.err = true, v, err },
	}
}

// sdk5SendUpdate runs a workflow that registers handler (with options) as
// "u", and sends it the update "u" with args a second in; the workflow
// then waits an hour. It returns the environment and the update's outcome.
func sdk5SendUpdate(t *testing.T, name string, handler any, options workflow.UpdateHandlerOptions, args ...any) (*testsuite.TestWorkflowEnvironment, *sdk5UpdateOutcome) {
	t.Helper()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	o := &sdk5UpdateOutcome{}
	env.RegisterDelayedCallback(func() { env.UpdateWorkflow(name, "testID", o.callbacks(), args...) }, time.Second)
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		if err := workflow.SetUpdateHandlerWithOptions(ctx, "u", handler, options); err != nil {
			return err
		}
		return workflow.Sleep(ctx, time.Hour)
	})
	return env, o
}

// Temporal: internal/internal_update_test.go TestUpdateHandlerPanicHandling
func TestSDK5UpdateValidatorPanicRejects(t *testing.T) {
	t.Parallel()
	panics := func(workflow.Context) error { panic("intentional") }
	env, o := sdk5SendUpdate(t, "u", panics, workflow.UpdateHandlerOptions{Validator: panics})
	require.NoError(t, env.GetWorkflowError())
	assert.False(t, o.accepted)
	var pe *temporal.PanicError
	require.ErrorAs(t, o.rejected, &pe, "a validator's panic rejects the update")
	assert.Contains(t, pe.Error(), "intentional")
}

// Temporal: internal/internal_update_test.go TestUpdateHandlerPanicHandling
func TestSDK5UpdateHandlerPanicFailsTheWorkflow(t *testing.T) {
	t.Parallel()
	panics := func(workflow.Context) error { panic("intentional") }
	env, o := sdk5SendUpdate(t, "u", panics, workflow.UpdateHandlerOptions{})
	// A handler's panic is a panic of workflow code, not the update's
	// error: it fails the workflow task, and the workflow does not go on.
	var pe *temporal.PanicError
	require.ErrorAs(t, env.GetWorkflowError(), &pe)
	assert.Contains(t, pe.Error(), "intentional")
	// Temporal's environment calls Accept before the handler runs. On a
	// server the acceptance travels with the task's completion, which the
	// panic prevents: the caller never sees the update accepted, and
	// learns it was abandoned with the workflow.
	assert.False(t, o.accepted)
	assert.False(t, o.done)
	var abandoned *testsuite.UpdateAbandonedError
	assert.ErrorAs(t, o.rejected, &abandoned)
}

// Temporal: internal/internal_update_test.go TestUpdateHandlerFnValidation
func TestSDK5UpdateHandlerShapes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		handler any
		ok      bool
	}{
		{"not a function", false},
		{func() {}, false},
		{func() int { return 0 }, false},
		{func(workflow.Context, int) (int, int, error) { return 0, 0, nil }, false},
		{func(int) (chan int, error) { return nil, nil }, false},
		{func(workflow.Context) (chan int, error) { return nil, nil }, false},
		{func() error { return nil }, false},
		{func(int, int, string) error { return nil }, false},
		{func(int) error { return nil }, false},
		{func(workflow.Context, int) error { return nil }, true},
		{func(workflow.Context, int, int, string) error { return nil }, true},
		{func(workflow.Context) error { return nil }, true},
		{func(workflow.Context) (string, error) { return "", nil }, true},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%T", tc.handler), func(t *testing.T) {
			t.Parallel()
			env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				return workflow.SetUpdateHandler(ctx, "u", tc.handler)
			})
			if tc.ok {
				assert.NoError(t, env.GetWorkflowError())
			} else {
				assert.Error(t, env.GetWorkflowError())
			}
		})
	}
}

// Temporal: internal/internal_update_test.go TestUpdateValidatorFnValidation
func TestSDK5UpdateValidatorShapes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		handler   any // takes the validator's parameters
		validator any
		ok        bool
	}{
		{"not a function", func(workflow.Context) error { return nil }, "not a function", false},
		{"no result", func(workflow.Context) error { return nil }, func() {}, false},
		{"a result and an error", func(workflow.Context, int) error { return nil }, func(int) (int, error) { return 0, nil }, false},
		{"three parameters, a result and an error", func(workflow.Context, int, int, string) error { return nil },
			func(int, int, string) (int, error) { return 0, nil }, false},
		{"a channel and an error", func(workflow.Context, int) error { return nil }, func(int) (chan int, error) { return nil, nil }, false},
		{"three parameters", func(workflow.Context, int, int, string) error { return nil }, func(int, int, string) error { return nil }, true},
		{"no parameters", func(workflow.Context) error { return nil }, func() error { return nil }, true},
		{"one parameter", func(workflow.Context, int) error { return nil }, func(int) error { return nil }, true},
		{"with the Context", func(workflow.Context, int) error { return nil }, func(workflow.Context, int) error { return nil }, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				return workflow.SetUpdateHandlerWithOptions(ctx, "u", tc.handler, workflow.UpdateHandlerOptions{Validator: tc.validator})
			})
			if tc.ok {
				assert.NoError(t, env.GetWorkflowError())
			} else {
				assert.Error(t, env.GetWorkflowError())
			}
		})
	}
}

// Temporal: internal/internal_update_test.go TestDefaultUpdateHandler
func TestSDK5UpdateOutcomes(t *testing.T) {
	t.Parallel()
	expected := errors.New("expected")
	mustNotRun := func(workflow.Context, string) error { panic("should not be called") }
	t.Run("no handler of that name", func(t *testing.T) {
		t.Parallel()
		_, o := sdk5SendUpdate(t, "will_not_be_found", mustNotRun, workflow.UpdateHandlerOptions{}, "arg")
		assert.False(t, o.accepted)
		assert.ErrorContains(t, o.rejected, "unknown update")
		assert.ErrorContains(t, o.rejected, "[u]", "the error lists the registered handlers")
	})
	t.Run("input the handler cannot decode", func(t *testing.T) {
		t.Parallel()
		_, o := sdk5SendUpdate(t, "u", func(workflow.Context, int) error { return nil }, workflow.UpdateHandlerOptions{}, "not a number")
		assert.False(t, o.accepted)
		assert.ErrorContains(t, o.rejected, "unable to decode")
		var ae *temporal.ArgumentError
		assert.ErrorAs(t, o.rejected, &ae)
	})
	t.Run("rejected by the validator", func(t *testing.T) {
		t.Parallel()
		_, o := sdk5SendUpdate(t, "u", mustNotRun, workflow.UpdateHandlerOptions{
			Validator: func(workflow.Context, string) error { return expected },
		}, "arg")
		assert.False(t, o.accepted)
		assert.Equal(t, expected, o.rejected, "the caller gets the validator's error itself")
	})
	t.Run("the handler's error", func(t *testing.T) {
		t.Parallel()
		_, o := sdk5SendUpdate(t, "u", func(workflow.Context, string) error { return expected }, workflow.UpdateHandlerOptions{}, "arg")
		assert.True(t, o.accepted)
		assert.True(t, o.done)
		assert.Equal(t, expected, o.err)
		assert.Nil(t, o.result)
	})
	t.Run("success", func(t *testing.T) {
		t.Parallel()
		_, o := sdk5SendUpdate(t, "u", func(_ workflow.Context, s string) (string, error) { return s + " success!", nil },
			workflow.UpdateHandlerOptions{}, "arg")
		assert.True(t, o.accepted)
		assert.NoError(t, o.err)
		assert.Equal(t, "arg success!", o.result)
	})
	t.Run("sent before the handler is registered", func(t *testing.T) {
		t.Parallel()
		// Sent before the run starts, the update is in the first workflow
		// task, before the workflow function has registered any handler.
		env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
		o := &sdk5UpdateOutcome{}
		env.UpdateWorkflow("u", "testID", o.callbacks(), "arg")
		env.ExecuteWorkflow(func(ctx workflow.Context) error {
			err := workflow.SetUpdateHandler(ctx, "u", func(_ workflow.Context, s string) (string, error) { return s + " success!", nil })
			if err != nil {
				return err
			}
			return workflow.Sleep(ctx, time.Hour)
		})
		require.NoError(t, env.GetWorkflowError())
		assert.True(t, o.accepted)
		assert.NoError(t, o.rejected)
		assert.NoError(t, o.err)
		assert.Equal(t, "arg success!", o.result)
	})
}
