package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// An attempt's context, and contexts derived from it with the standard
// library, are live while the attempt runs and canceled when it ends.
func TestAttemptContextCancelsDerivedContexts(t *testing.T) {
	t.Parallel()
	var (
		ctx, child, timed, stopped context.Context
		afterRan                   = make(chan struct{})
		stoppedEarly               bool
		during                     []error
		keep                       []context.CancelFunc
	)
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivityWithOptions(func(c context.Context, name string) (string, error) {
		ctx = c
		var cancels [3]context.CancelFunc
		child, cancels[0] = context.WithCancel(c)
		timed, cancels[1] = context.WithTimeout(c, time.Hour)
		stopped, cancels[2] = context.WithCancel(context.Background())
		keep = cancels[:] // canceled through their parent, or never
		context.AfterFunc(c, func() { close(afterRan) })
		stop := context.AfterFunc(c, func() { panic("stopped AfterFunc ran") })
		stoppedEarly = stop()
		during = []error{c.Err(), child.Err(), timed.Err(), context.Cause(c)}
		select {
		case <-c.Done():
			return "", errors.New("done while running")
		default:
		}
		if _, ok := c.Deadline(); ok {
			return "", errors.New("a deadline outside a bubble")
		}
		if activity.GetInfo(c).ActivityType.Name != "Ctx" {
			return "", errors.New("no activity info")
		}
		return "Hello " + name, nil
	}, activity.RegisterOptions{Name: "Ctx"})
	env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Ctx", Input: "x", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Minute}})
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, []error{nil, nil, nil, nil}, during)
	require.True(t, stoppedEarly)
	<-ctx.Done()
	<-child.Done()
	<-timed.Done()
	<-afterRan
	require.ErrorIs(t, ctx.Err(), context.Canceled)
	require.ErrorIs(t, context.Cause(ctx), context.Canceled)
	require.ErrorIs(t, child.Err(), context.Canceled)
	require.ErrorIs(t, timed.Err(), context.Canceled)
	require.NoError(t, stopped.Err())
	require.Equal(t, "Ctx", activity.GetInfo(ctx).ActivityType.Name)
	require.Len(t, keep, 3)

	// Registered after the cancellation, an AfterFunc runs at once.
	late := make(chan struct{})
	context.AfterFunc(ctx, func() { close(late) })
	<-late
	later, cancel := context.WithCancel(ctx)
	defer cancel()
	<-later.Done()
}

// The Info activity code reads is the one the started listener gets, for
// every attempt, and changing it changes nothing the simulator holds.
func TestAttemptInfoIsTheListenersInfo(t *testing.T) {
	t.Parallel()
	var listened, read []activity.Info
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetOnActivityStartedListener(func(info *activity.Info, ctx context.Context, args converter.EncodedValues) {
		listened = append(listened, *info)
	})
	env.RegisterActivityWithOptions(func(c context.Context, name string) (string, error) {
		info := activity.GetInfo(c)
		read = append(read, info)
		info.WorkflowType.Name = "changed"
		info.TaskToken[0] = '!'
		if info.Attempt < 3 {
			return "", errors.New("again")
		}
		return name, nil
	}, activity.RegisterOptions{Name: "Info"})
	env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Info", Input: "x", Options: workflow.ActivityOptions{
		StartToCloseTimeout: time.Minute, ScheduleToCloseTimeout: time.Hour, HeartbeatTimeout: time.Second,
	}})
	require.NoError(t, env.GetWorkflowError())
	require.Len(t, listened, 3)
	for i := range read {
		read[i].WorkflowType.Name = listened[i].WorkflowType.Name
		read[i].TaskToken = listened[i].TaskToken
	}
	require.Equal(t, listened, read)
	require.NotEqual(t, "changed", listened[2].WorkflowType.Name)
	require.NotEqual(t, byte('!'), listened[2].TaskToken[0])
}

// A call testify refuses is reported with the caller information of the
// simulation's stack, which names the test.
func TestMockMisuseNamesTheTest(t *testing.T) {
	t.Parallel()
	var tb fakeTB
	env := testsuite.NewTestWorkflowEnvironment(&tb)
	env.RegisterActivity(Echo)
	env.OnActivity(Echo, mock.Anything, "x").Return("x", nil).Once()
	env.ExecuteWorkflow(callTwice, "Echo")
	tb.finish()
	require.Contains(t, tb.report(), "The method has been called over 1 times")
	require.Contains(t, tb.report(), "activity_context_test.go")
	require.Equal(t, 1, countCalls(env, "Echo"))
}

func countCalls(env *testsuite.TestWorkflowEnvironment, name string) int {
	var tb fakeTB
	for n := range 10 {
		if env.AssertNumberOfCalls(&tb, name, n) {
			return n
		}
	}
	return -1
}
