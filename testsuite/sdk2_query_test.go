package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

const (
	s2StateWaitSignal   = "wait for signal"
	s2StateWaitActivity = "wait for activity"
	s2StateDone         = "done"
)

// s2StatefulWorkflow answers the "state" query with its input followed by
// where it is: waiting for the "query-signal" signal, then for an
// activity (given the signal's value), then done.
func s2StatefulWorkflow(ctx workflow.Context) error {
	state := ""
	if err := workflow.SetQueryHandler(ctx, "state", func(in string) (string, error) { return in + state, nil }); err != nil {
		return err
	}
	state = s2StateWaitSignal
	var sig string
	workflow.GetSignalChannel(ctx, "query-signal").Receive(ctx, &sig)
	state = s2StateWaitActivity
	// Temporal's test gives its one-hour mock the suite's options
	// (HeartbeatTimeout 20s, StartToClose 1m), which a server, and wfsim,
	// enforce on it: these leave it room (see sdk2_mocks_test.go).
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 2 * time.Hour})
	if err := workflow.ExecuteActivity(ctx, s2Hello, sig).Get(ctx, nil); err != nil {
		return err
	}
	state = s2StateDone
	return nil
}

// s2QueryState queries the "state" of workflowID ("" for the workflow
// under test) and checks it.
func s2QueryState(t *testing.T, env *testsuite.TestWorkflowEnvironment, workflowID, want string) {
	t.Helper()
	var v converter.EncodedValue
	var err error
	if workflowID == "" {
		v, err = env.QueryWorkflow("state", "input")
	} else {
		v, err = env.QueryWorkflowByID(workflowID, "state", "input")
	}
	require.NoError(t, err)
	require.NotNil(t, v)
	var got string
	require.NoError(t, v.Get(&got))
	assert.Equal(t, "input"+want, got)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_QueryWorkflow
// Temporal: internal/internal_workflow_testsuite_test.go Test_QueryChildWorkflow
func TestSDK2QueriesFollowTheWorkflowsState(t *testing.T) {
	t.Parallel()
	const childID = "test-query-child-workflow"
	parent := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowID:         childID,
			WorkflowRunTimeout: 3 * time.Hour,
			RetryPolicy:        &wfsim.RetryPolicy{InitialInterval: 3 * time.Second, MaximumInterval: 3 * time.Second, BackoffCoefficient: 1},
		})
		return workflow.ExecuteChildWorkflow(ctx, s2StatefulWorkflow).Get(ctx, nil)
	}
	cases := []struct {
		name   string
		target string // the queried and signalled workflow's ID; "" for the root
		run    any
	}{
		{name: "the workflow under test", run: s2StatefulWorkflow},
		{name: "a child by its ID", target: childID, run: parent},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflow(s2StatefulWorkflow)
			env.RegisterActivity(s2Hello)
			var queried []string // the states seen, in order
			env.RegisterDelayedCallback(func() {
				s2QueryState(t, env, tc.target, s2StateWaitSignal)
				queried = append(queried, s2StateWaitSignal)
				if tc.target == "" {
					env.SignalWorkflow("query-signal", "hello-query")
				} else {
					require.NoError(t, env.SignalWorkflowByID(tc.target, "query-signal", "hello-query"))
				}
			}, time.Hour)
			env.OnActivity(s2Hello, mock.Anything, mock.Anything).After(time.Hour).Return("hello_mock", nil)
			env.SetOnActivityStartedListener(func(*activity.Info, context.Context, converter.EncodedValues) {
				s2QueryState(t, env, tc.target, s2StateWaitActivity)
				queried = append(queried, s2StateWaitActivity)
			})
			env.ExecuteWorkflow(tc.run)

			require.True(t, env.IsWorkflowCompleted())
			require.NoError(t, env.GetWorkflowError())
			env.AssertExpectations(t)
			s2QueryState(t, env, tc.target, s2StateDone)
			assert.Equal(t, []string{s2StateWaitSignal, s2StateWaitActivity}, queried)
		})
	}
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_QueryWorkflow_NilArgsAndResult
func TestSDK2QueryWithNilArgumentAndResult(t *testing.T) {
	t.Parallel()
	var handlerGot []*string
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		return workflow.SetQueryHandler(ctx, "nil_response", func(in *string) (*string, error) {
			handlerGot = append(handlerGot, in)
			return nil, nil
		})
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())

	v, err := env.QueryWorkflow("nil_response", nil)
	require.NoError(t, err)
	require.NotNil(t, v)
	resp := new(string)
	require.NoError(t, v.Get(&resp))
	assert.Nil(t, resp)
	require.Len(t, handlerGot, 1)
	assert.Nil(t, handlerGot[0])
}
