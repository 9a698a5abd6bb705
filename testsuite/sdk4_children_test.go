package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the child workflow tests of Temporal's
// internal/internal_workflow_testsuite_test.go.

// Temporal: internal/internal_workflow_testsuite_test.go Test_MockChildWorkflowAlreadyRunning
//
// Temporal's environment hands the error the mock returns,
// serviceerror.WorkflowExecutionAlreadyStarted with a run ID, to the parent
// as it is. A server that finds the child's ID taken records
// StartChildWorkflowExecutionFailed, and the parent's SDK reports a
// ChildWorkflowExecutionError caused by ChildWorkflowExecutionAlreadyStartedError,
// which names no run. wfsim plays a mock returning
// *temporal.WorkflowExecutionAlreadyStartedError (wfsim's
// WorkflowExecutionAlreadyStarted) as that start failure.
func TestSDK4MockedChildAlreadyRunning(t *testing.T) {
	t.Parallel()
	child := func(ctx workflow.Context) error { return nil }
	parent := func(ctx workflow.Context) (bool, error) {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowExecutionTimeout: time.Minute})
		err := workflow.ExecuteChildWorkflow(ctx, child).Get(ctx, nil)
		var already *temporal.ChildWorkflowExecutionAlreadyStartedError
		return errors.As(err, &already) && temporal.IsWorkflowExecutionAlreadyStartedError(err), nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(child)
	env.OnWorkflow(child, mock.Anything).Return(&temporal.WorkflowExecutionAlreadyStartedError{RunID: "run-id"})
	env.ExecuteWorkflow(parent)
	var already bool
	require.NoError(t, env.GetWorkflowResult(&already))
	assert.True(t, already, "the parent sees the child already started")
	failed := 0
	for _, ev := range env.History().Events {
		if ev.EventType == replay.EventTypeStartChildWorkflowExecutionFailed {
			failed++
		}
	}
	assert.Equal(t, 1, failed, "the parent's history records the start failure")
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflowAlreadyRunning
//
// Temporal's environment returns serviceerror.WorkflowExecutionAlreadyStarted
// itself; a server records StartChildWorkflowExecutionFailed and the SDK
// reports a ChildWorkflowExecutionError caused by
// ChildWorkflowExecutionAlreadyStartedError, which wfsim follows.
func TestSDK4ChildIDOfACompletedChildIsNotReusedUnderFailedOnly(t *testing.T) {
	t.Parallel()
	var secondErr error
	parent := func(ctx workflow.Context) (string, error) {
		ctx1 := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowID:            "Test_ChildWorkflowAlreadyRunning",
			WorkflowRunTimeout:    time.Minute,
			WorkflowIDReusePolicy: temporal.WorkflowIDReusePolicyAllowDuplicateFailedOnly,
		})
		var result1, result2 string
		if err := workflow.ExecuteChildWorkflow(ctx1, sdk4HeartbeatingWorkflow, "child1", time.Millisecond).Get(ctx1, &result1); err != nil {
			return "", err
		}
		secondErr = workflow.ExecuteChildWorkflow(ctx1, sdk4HeartbeatingWorkflow, "child2", time.Second).Get(ctx1, &result2)
		return result1 + " " + result2, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(sdk4HeartbeatingWorkflow)
	env.RegisterActivity(sdk4Heartbeating)
	env.ExecuteWorkflow(parent)

	require.True(t, env.IsWorkflowCompleted())
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, "heartbeat_child1 ", result)
	require.Error(t, secondErr)
	var childErr *temporal.ChildWorkflowExecutionError
	require.True(t, errors.As(secondErr, &childErr), "got %T: %v", secondErr, secondErr)
	var already *temporal.ChildWorkflowExecutionAlreadyStartedError
	assert.True(t, errors.As(secondErr, &already), "got %v", secondErr)
	assert.True(t, temporal.IsWorkflowExecutionAlreadyStartedError(secondErr))
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflowActivityInfo
func TestSDK4ActivityOfAChildSeesTheChildsWorkflowID(t *testing.T) {
	t.Parallel()
	type res struct {
		ParentWorkflowID     string
		ChildWorkflowID      string
		WorkflowIDInActivity string
	}
	act := func(ctx context.Context) (res, error) {
		return res{WorkflowIDInActivity: activity.GetInfo(ctx).WorkflowExecution.ID}, nil
	}
	child := func(ctx workflow.Context) (r res, err error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			ScheduleToStartTimeout: time.Minute,
			StartToCloseTimeout:    time.Minute,
			HeartbeatTimeout:       20 * time.Second,
		})
		err = workflow.ExecuteActivity(ctx, act).Get(ctx, &r)
		r.ChildWorkflowID = workflow.GetInfo(ctx).WorkflowExecution.ID
		return r, err
	}
	parent := func(ctx workflow.Context) (r res, err error) {
		err = workflow.ExecuteChildWorkflow(ctx, child).Get(ctx, &r)
		r.ParentWorkflowID = workflow.GetInfo(ctx).WorkflowExecution.ID
		return r, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(child)
	env.RegisterWorkflow(parent)
	env.RegisterActivity(act)
	env.ExecuteWorkflow(parent)
	require.True(t, env.IsWorkflowCompleted())
	var r res
	require.NoError(t, env.GetWorkflowResult(&r))
	assert.NotEmpty(t, r.ParentWorkflowID)
	assert.NotEmpty(t, r.ChildWorkflowID)
	assert.NotEqual(t, r.ParentWorkflowID, r.ChildWorkflowID)
	assert.Equal(t, r.ChildWorkflowID, r.WorkflowIDInActivity)
}

// sdk4Key is the context key sdk4KeysPropagator stores a header field's
// value under.
type sdk4Key string

// sdk4KeysPropagator carries string values under the given keys in headers,
// as the keys propagator of Temporal's tests does.
type sdk4KeysPropagator []string

func (p sdk4KeysPropagator) Inject(ctx context.Context, w workflow.HeaderWriter) error {
	return p.inject(ctx.Value, w)
}

func (p sdk4KeysPropagator) InjectFromWorkflow(ctx workflow.Context, w workflow.HeaderWriter) error {
	return p.inject(ctx.Value, w)
}

func (p sdk4KeysPropagator) inject(value func(any) any, w workflow.HeaderWriter) error {
	for _, k := range p {
		v, ok := value(sdk4Key(k)).(string)
		if !ok {
			return errors.New("no value for " + k)
		}
		payload, err := converter.GetDefaultDataConverter().ToPayload(v)
		if err != nil {
			return err
		}
		w.Set(k, payload)
	}
	return nil
}

func (p sdk4KeysPropagator) Extract(ctx context.Context, r workflow.HeaderReader) (context.Context, error) {
	for _, k := range p {
		if v, ok, err := p.read(r, k); err != nil {
			return ctx, err
		} else if ok {
			ctx = context.WithValue(ctx, sdk4Key(k), v)
		}
	}
	return ctx, nil
}

func (p sdk4KeysPropagator) ExtractToWorkflow(ctx workflow.Context, r workflow.HeaderReader) (workflow.Context, error) {
	for _, k := range p {
		if v, ok, err := p.read(r, k); err != nil {
			return ctx, err
		} else if ok {
			ctx = workflow.WithValue(ctx, sdk4Key(k), v)
		}
	}
	return ctx, nil
}

func (sdk4KeysPropagator) read(r workflow.HeaderReader, k string) (string, bool, error) {
	payload, ok := r.Get(k)
	if !ok {
		return "", false, nil
	}
	var v string
	err := converter.GetDefaultDataConverter().FromPayload(payload, &v)
	return v, err == nil, err
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_OnWorkflowMockSeesHeaderContext
func TestSDK4ChildMockSeesThePropagatedHeader(t *testing.T) {
	t.Parallel()
	child := func(ctx workflow.Context) error { return nil }
	parent := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Hour})
		return workflow.ExecuteChildWorkflow(ctx, child).Get(ctx, nil)
	}
	payload, err := converter.GetDefaultDataConverter().ToPayload("test-data")
	require.NoError(t, err)

	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetHeader(&replay.Header{Fields: map[string]*converter.Payload{"test-header": payload}})
	env.SetContextPropagators([]workflow.ContextPropagator{sdk4KeysPropagator{"test-header"}})
	env.RegisterWorkflow(child)
	seen := false
	env.OnWorkflow(child, mock.MatchedBy(func(ctx workflow.Context) bool {
		if v, ok := ctx.Value(sdk4Key("test-header")).(string); ok && v == "test-data" {
			seen = true
		}
		return true
	})).Return(nil)
	env.ExecuteWorkflow(parent)

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	assert.True(t, seen, "the mock's matcher sees the header propagated into the child's context")
	env.AssertExpectations(t)
}
