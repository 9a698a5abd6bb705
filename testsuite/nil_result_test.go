package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A workflow or activity function that returns a nil pointer or a nil
// interface as its result records no result, as Temporal's executeFunction
// drops it: GetWorkflowResult says converter.ErrNoData (zigflow's run task
// test asserts "no data available"), and a Get of the activity's or child's
// future leaves the caller's variable as it was. A nil map, or an interface
// holding a nil pointer, is a value (null), as in Temporal.

func nilAnyWorkflow(workflow.Context) (any, error)            { return nil, nil }
func nilPtrWorkflow(workflow.Context) (*int, error)           { return nil, nil }
func nilMapWorkflow(workflow.Context) (map[string]int, error) { return nil, nil }
func typedNilInAnyWorkflow(workflow.Context) (any, error) {
	var p *int
	return p, nil
}

func TestNilResultIsNoResult(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		wf     any
		noData bool
	}{
		{"nil interface", nilAnyWorkflow, true},
		{"nil pointer", nilPtrWorkflow, true},
		{"nil map", nilMapWorkflow, false},
		{"nil pointer in an interface", typedNilInAnyWorkflow, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.ExecuteWorkflow(tc.wf)
			require.NoError(t, env.GetWorkflowError())
			var got any = "untouched"
			err := env.GetWorkflowResult(&got)
			if tc.noData {
				require.ErrorIs(t, err, converter.ErrNoData)
				require.EqualError(t, err, "no data available")
				require.Equal(t, "untouched", got)
			} else {
				require.NoError(t, err)
				require.Nil(t, got)
			}
		})
	}
}

func nilPtrActivity(context.Context) (*int, error) { return nil, nil }

func nilResultCaller(ctx workflow.Context, mocked bool) ([]bool, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	seven := 7
	a, c, l := &seven, &seven, &seven
	if err := workflow.ExecuteActivity(ctx, nilPtrActivity).Get(ctx, &a); err != nil {
		return nil, err
	}
	if err := workflow.ExecuteChildWorkflow(ctx, nilPtrWorkflow).Get(ctx, &c); err != nil {
		return nil, err
	}
	lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	if err := workflow.ExecuteLocalActivity(lctx, nilPtrActivity).Get(ctx, &l); err != nil {
		return nil, err
	}
	if a == nil || c == nil || l == nil {
		return nil, errors.New("a Get of no result overwrote the variable")
	}
	return []bool{*a == 7, *c == 7, *l == 7}, nil
}

func TestNilResultOfActivityAndChildLeavesTheVariable(t *testing.T) {
	t.Parallel()
	for _, mocked := range []bool{false, true} {
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.RegisterActivity(nilPtrActivity)
		env.RegisterWorkflow(nilPtrWorkflow)
		if mocked {
			env.OnActivity(nilPtrActivity, mock.Anything).Return(nil, nil)
			env.OnWorkflow(nilPtrWorkflow, mock.Anything).Return(nil, nil)
		}
		env.ExecuteWorkflow(nilResultCaller, mocked)
		require.NoError(t, env.GetWorkflowError(), "mocked=%v", mocked)
		var got []bool
		require.NoError(t, env.GetWorkflowResult(&got))
		require.Equal(t, []bool{true, true, true}, got, "mocked=%v", mocked)
	}
}
