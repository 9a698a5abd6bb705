package workflow_test

// Ports of Temporal's internal/internal_workflow_test.go tests of code that
// must not change workflow state (side effect functions, query handlers,
// update validators), of coroutines left behind by a completed workflow,
// and of the checks on query handler and update validator signatures.

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Temporal: internal/internal_workflow_test.go Test_MutatingFunctionsInSideEffect
// Temporal: internal/internal_workflow_test.go Test_MutatingFunctionsInMutableSideEffect
func TestSDK6BlockingInSideEffectFailsWorkflow(t *testing.T) {
	t.Parallel()
	sleepy := func(ctx workflow.Context) any {
		_ = workflow.Sleep(ctx, time.Minute)
		return nil
	}
	for _, tc := range []struct {
		name string
		wf   func(ctx workflow.Context) error
	}{
		{name: "SideEffect", wf: func(ctx workflow.Context) error {
			workflow.SideEffect(ctx, sleepy)
			return nil
		}},
		{name: "MutableSideEffect", wf: func(ctx workflow.Context) error {
			workflow.MutableSideEffect(ctx, "test-side-effect", sleepy, func(a, b any) bool { return false })
			return nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			s.SetLogger(nil)
			env := s.NewTestWorkflowEnvironment()
			env.RegisterWorkflow(tc.wf)
			env.ExecuteWorkflow(tc.wf)
			require.True(t, env.IsWorkflowCompleted())
			var panicErr *wfsim.PanicError
			require.ErrorAs(t, env.GetWorkflowError(), &panicErr)
			require.Contains(t, panicErr.Error(), "called workflow.NewTimer")
			require.NotContains(t, eventTypes(env.History()), "TimerStarted")
		})
	}
}

// Temporal: internal/internal_workflow_test.go Test_MutatingFunctionsInQueries
//
// (The query passes an argument the handler does not take: it is ignored,
// as Temporal's SDK ignores it.)
func TestSDK6BlockingInQueryHandlerFailsOnlyTheQuery(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(nil)
	env := s.NewTestWorkflowEnvironment()
	wf := func(ctx workflow.Context) error {
		state := "fail"
		if err := workflow.SetQueryHandler(ctx, "state", func() (string, error) {
			_ = workflow.Sleep(ctx, time.Minute)
			return state, nil
		}); err != nil {
			return err
		}
		return workflow.Sleep(ctx, time.Minute)
	}
	env.RegisterWorkflow(wf)
	var queryErr error
	queried := false
	env.RegisterDelayedCallback(func() {
		_, queryErr = env.QueryWorkflow("state", "test")
		queried = true
	}, time.Second)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	require.True(t, queried)
	var readOnly *workflow.ReadOnlyError
	require.ErrorAs(t, queryErr, &readOnly)
	// Only the workflow's own Sleep started a timer.
	require.Equal(t, 1, countOf(eventTypes(env.History()), "TimerStarted"))
}

// Temporal: internal/internal_workflow_test.go Test_MutatingFunctionsInUpdateValidator
//
// A validator that blocks breaks the workflow's state, so, unlike one that
// returns an error or panics otherwise, it fails the workflow instead of
// rejecting the update.
func TestSDK6BlockingInUpdateValidatorFailsWorkflow(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(nil)
	env := s.NewTestWorkflowEnvironment()
	wf := func(ctx workflow.Context) error {
		state := "fail"
		if err := workflow.SetUpdateHandlerWithOptions(ctx, "update", func(ctx workflow.Context) (string, error) {
			_ = workflow.Sleep(ctx, time.Minute)
			return state, nil
		}, workflow.UpdateHandlerOptions{
			Validator: func(ctx workflow.Context) error { return workflow.Sleep(ctx, time.Minute) },
		}); err != nil {
			return err
		}
		return workflow.Sleep(ctx, time.Minute)
	}
	env.RegisterWorkflow(wf)
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow("update", "testID", &testsuite.TestUpdateCallback{})
	}, time.Second)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	var panicErr *wfsim.PanicError
	require.ErrorAs(t, env.GetWorkflowError(), &panicErr)
	require.Contains(t, panicErr.Error(), `update validator "update" called workflow.NewTimer`)
	require.NotContains(t, eventTypes(env.History()), "WorkflowExecutionUpdateAccepted")
}

// Temporal: internal/internal_workflow_test.go Test_StaleGoroutinesAreShutDown
//
// A coroutine still blocked when the workflow returns is unwound: its
// deferred calls run, the code after its blocking call does not.
func TestSDK6StaleCoroutineIsUnwound(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	env.DisableReplayCheck() // count the first run only
	deferred, after := 0, 0
	wf := func(ctx workflow.Context) error {
		workflow.Go(ctx, func(ctx workflow.Context) {
			defer func() { deferred++ }()
			_ = workflow.Sleep(ctx, time.Hour) // outlives the workflow
			after++
		})
		return workflow.Sleep(ctx, time.Minute)
	}
	env.RegisterWorkflow(wf)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, 1, deferred, "the stale coroutine's deferred call")
	require.Equal(t, 0, after, "code after the stale coroutine's Sleep")
}

// sdk6SetQuery registers handler as a query handler and returns the error.
func sdk6SetQuery(t *testing.T, handler any) error {
	t.Helper()
	env := sdk6Env()
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		if err := workflow.SetQueryHandler(ctx, "q", handler); err != nil {
			return err.Error(), nil
		}
		return "", nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var msg string
	require.NoError(t, env.GetWorkflowResult(&msg))
	if msg == "" {
		return nil
	}
	return errors.New(msg)
}

// Temporal: internal/internal_workflow_test.go TestQueryFnValidation
func TestSDK6QueryHandlerSignatures(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		handler any
		ok      bool
	}{
		{handler: "not a function"},
		{handler: func() {}},
		{handler: func() error { return nil }},
		{handler: func(int) error { return nil }},
		{handler: func(int, int, string) error { return nil }},
		{handler: func(int) (chan int, error) { return nil, nil }},
		{handler: func(int) (int, error) { return 0, nil }, ok: true},
		{handler: func(int, int, string) (int, error) { return 0, nil }, ok: true},
	} {
		t.Run(fmt.Sprintf("%T", tc.handler), func(t *testing.T) {
			t.Parallel()
			err := sdk6SetQuery(t, tc.handler)
			if tc.ok {
				require.NoError(t, err)
			} else {
				require.Error(t, err)
			}
		})
	}
}

// sdk6SetUpdate registers an update handler with a validator and returns
// the error.
func sdk6SetUpdate(t *testing.T, handler, validator any) error {
	t.Helper()
	env := sdk6Env()
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		if err := workflow.SetUpdateHandlerWithOptions(ctx, "u", handler, workflow.UpdateHandlerOptions{Validator: validator}); err != nil {
			return err.Error(), nil
		}
		return "", nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var msg string
	require.NoError(t, env.GetWorkflowResult(&msg))
	if msg == "" {
		return nil
	}
	return errors.New(msg)
}

// Temporal: internal/internal_workflow_test.go TestParamValidator
//
// Temporal checks that an update validator takes the handler's parameters
// (either may leave out the leading Context) with an internal function;
// here the same pairs go through SetUpdateHandlerWithOptions, so each
// handler takes a Context and returns an error, and each validator returns
// an error, as those require.
func TestSDK6UpdateValidatorMustTakeTheHandlersParameters(t *testing.T) {
	t.Parallel()
	type ctx = workflow.Context
	for _, tc := range []struct {
		name               string
		handler, validator any
		ok                 bool
	}{
		{name: "no parameters", handler: func(ctx) error { return nil }, validator: func() error { return nil }, ok: true},
		{name: "one int", handler: func(ctx, int) error { return nil }, validator: func(int) error { return nil }, ok: true},
		{name: "validator with Context", handler: func(ctx, int) error { return nil }, validator: func(ctx, int) error { return nil }, ok: true},
		{name: "extra variadic", handler: func(ctx, int) error { return nil }, validator: func(int, ...struct{}) error { return nil }},
		{name: "error parameter", handler: func(ctx, error) error { return nil }, validator: func(error) error { return nil }, ok: true},
		{name: "other type", handler: func(ctx, int) error { return nil }, validator: func(string) error { return nil }},
		{name: "one more", handler: func(ctx, int) error { return nil }, validator: func(int, string) error { return nil }},
		{name: "differ in the middle", handler: func(ctx, int, chan struct{}, int) error { return nil }, validator: func(int, string, int) error { return nil }},
		{name: "any for int", handler: func(ctx, int) error { return nil }, validator: func(any) error { return nil }},
		{name: "validator not a function", handler: func(ctx, int) error { return nil }, validator: ""},
		{name: "handler not a function", handler: "", validator: func(int) error { return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := sdk6SetUpdate(t, tc.handler, tc.validator)
			if tc.ok {
				require.NoError(t, err)
			} else {
				require.Error(t, err)
			}
		})
	}
}

func countOf(xs []string, x string) int {
	n := 0
	for _, y := range xs {
		if y == x {
			n++
		}
	}
	return n
}

// Query and update arguments beyond the handler's parameters are ignored,
// as Temporal's SDK decodes a query's or an update's input.
func TestSDK6ExtraQueryAndUpdateArgumentsAreIgnored(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	wf := func(ctx workflow.Context) error {
		n := 0
		if err := workflow.SetQueryHandler(ctx, "n", func(k int) (int, error) { return n + k, nil }); err != nil {
			return err
		}
		if err := workflow.SetUpdateHandler(ctx, "add", func(ctx workflow.Context, k int) (int, error) { n += k; return n, nil }); err != nil {
			return err
		}
		return workflow.Sleep(ctx, time.Hour)
	}
	var updated any
	var updateErr, queryErr error
	var queried int
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow("add", "u1", &testsuite.TestUpdateCallback{
			OnReject:   func(err error) { updateErr = err },
			OnComplete: func(v any, err error) { updated, updateErr = v, err },
		}, 2, "extra")
	}, time.Minute)
	env.RegisterDelayedCallback(func() {
		var v interface{ Get(any) error }
		v, queryErr = env.QueryWorkflow("n", 3, "extra", 4)
		if queryErr == nil {
			queryErr = v.Get(&queried)
		}
	}, 2*time.Minute)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	require.NoError(t, updateErr)
	require.EqualValues(t, 2, updated)
	require.NoError(t, queryErr)
	require.Equal(t, 5, queried)
}

// Temporal: internal/internal_update_test.go TestUpdateHandlerFnValidation
// Temporal: internal/internal_update_test.go TestUpdateValidatorFnValidation
func TestSDK6UpdateHandlerAndValidatorSignatures(t *testing.T) {
	t.Parallel()
	type ctx = workflow.Context
	for _, tc := range []struct {
		handler, validator any
		ok                 bool
	}{
		// Handlers: a Context first; error, or an encodable result and error.
		{handler: "not a function"},
		{handler: func() {}},
		{handler: func() int { return 0 }},
		{handler: func(ctx, int) (int, int, error) { return 0, 0, nil }},
		{handler: func(int) (chan int, error) { return nil, nil }},
		{handler: func(ctx) (chan int, error) { return nil, nil }},
		{handler: func() error { return nil }},
		{handler: func(int, int, string) error { return nil }},
		{handler: func(int) error { return nil }},
		{handler: func(ctx, int) error { return nil }, ok: true},
		{handler: func(ctx, int, int, string) error { return nil }, ok: true},
		{handler: func(ctx) error { return nil }, ok: true},
		{handler: func(ctx) (int, error) { return 0, nil }, ok: true},
		// Validators: only an error.
		{handler: func(ctx) error { return nil }, validator: "not a function"},
		{handler: func(ctx) error { return nil }, validator: func() {}},
		{handler: func(ctx, int) error { return nil }, validator: func(int) (int, error) { return 0, nil }},
		{handler: func(ctx, int, int, string) error { return nil }, validator: func(int, int, string) (int, error) { return 0, nil }},
		{handler: func(ctx, int) error { return nil }, validator: func(int) (chan int, error) { return nil, nil }},
		{handler: func(ctx, int, int, string) error { return nil }, validator: func(int, int, string) error { return nil }, ok: true},
		{handler: func(ctx) error { return nil }, validator: func() error { return nil }, ok: true},
		{handler: func(ctx, int) error { return nil }, validator: func(int) error { return nil }, ok: true},
	} {
		t.Run(fmt.Sprintf("%T %T", tc.handler, tc.validator), func(t *testing.T) {
			t.Parallel()
			err := sdk6SetUpdate(t, tc.handler, tc.validator)
			if tc.ok {
				require.NoError(t, err)
			} else {
				require.Error(t, err)
			}
		})
	}
}

// Temporal: internal/internal_update_test.go TestUpdateHandlerPanicHandling
//
// A validator's panic rejects the update with a *wfsim.PanicError; a
// handler's panic is a panic of workflow code (which fails the workflow
// under the test environment's panic policy).
func TestSDK6UpdatePanics(t *testing.T) {
	t.Parallel()
	panicky := func(workflow.Context) error { panic("intentional") }
	for _, inValidator := range []bool{true, false} {
		t.Run(fmt.Sprintf("in validator %v", inValidator), func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			s.SetLogger(nil)
			env := s.NewTestWorkflowEnvironment()
			var opts workflow.UpdateHandlerOptions
			handler := panicky
			if inValidator {
				opts.Validator = panicky
				handler = func(workflow.Context) error { return nil }
			}
			var rejected error
			env.RegisterDelayedCallback(func() {
				env.UpdateWorkflow("u", "", &testsuite.TestUpdateCallback{OnReject: func(err error) { rejected = err }})
			}, time.Minute)
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				if err := workflow.SetUpdateHandlerWithOptions(ctx, "u", handler, opts); err != nil {
					return err
				}
				return workflow.Sleep(ctx, time.Hour)
			})
			require.True(t, env.IsWorkflowCompleted())
			var panicErr *wfsim.PanicError
			if inValidator {
				require.NoError(t, env.GetWorkflowError())
				require.ErrorAs(t, rejected, &panicErr)
			} else {
				require.ErrorAs(t, env.GetWorkflowError(), &panicErr)
				require.Equal(t, "intentional", panicErr.Error())
			}
		})
	}
}
