package examples_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/suite"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A test written for Temporal's Go SDK, ported by changing its import
// paths: a testify suite that embeds testsuite.WorkflowTestSuite, as
// Temporal's samples do. The workflow is Temporal's timer sample: it
// processes an order and, if that takes longer than a threshold, emails
// the customer meanwhile. Its slow case mocks processing with a function
// that waits until the email has been sent — a mock function runs in a
// goroutine of its own, as in Temporal's test environment, so it may wait
// for another activity, a signal or a timer.

func ProcessOrderSlowly(ctx context.Context) error { return nil }
func SendDelayEmail(ctx context.Context) error     { return nil }

func SampleTimerWorkflow(ctx workflow.Context, threshold time.Duration) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Hour})
	timerCtx, cancelTimer := workflow.WithCancel(ctx)
	processed := false
	order := workflow.ExecuteActivity(ctx, ProcessOrderSlowly)
	s := workflow.NewSelector(ctx)
	s.AddFuture(order, func(workflow.Future) {
		processed = true
		cancelTimer()
	})
	s.AddFuture(workflow.NewTimer(timerCtx, threshold), func(workflow.Future) {
		if !processed {
			_ = workflow.ExecuteActivity(ctx, SendDelayEmail).Get(ctx, nil)
		}
		_ = order.Get(ctx, nil)
	})
	s.Select(ctx)
	return nil
}

type TimerSampleSuite struct {
	suite.Suite
	testsuite.WorkflowTestSuite
}

func TestTimerSampleSuite(t *testing.T) { suite.Run(t, new(TimerSampleSuite)) }

func (s *TimerSampleSuite) Test_FastProcessing() {
	env := s.NewTestWorkflowEnvironment()
	env.OnActivity(ProcessOrderSlowly, mock.Anything).Return(nil)
	env.OnActivity(SendDelayEmail, mock.Anything).Return(nil).Never()
	env.ExecuteWorkflow(SampleTimerWorkflow, time.Minute)
	s.True(env.IsWorkflowCompleted())
	s.NoError(env.GetWorkflowError())
	env.AssertExpectations(s.T())
}

func (s *TimerSampleSuite) Test_SlowProcessing() {
	env := slowProcessingEnv(&s.WorkflowTestSuite)
	env.ExecuteWorkflow(SampleTimerWorkflow, time.Minute)
	s.True(env.IsWorkflowCompleted())
	s.NoError(env.GetWorkflowError())
	env.AssertExpectations(s.T())
}

// slowProcessingEnv mocks processing with a function that returns only
// once the email has been sent.
func slowProcessingEnv(ts *testsuite.WorkflowTestSuite) *testsuite.TestWorkflowEnvironment {
	env := ts.NewTestWorkflowEnvironment()
	var emailed sync.WaitGroup
	emailed.Add(1)
	env.OnActivity(ProcessOrderSlowly, mock.Anything).Return(func(ctx context.Context) error {
		emailed.Wait()
		return nil
	})
	env.OnActivity(SendDelayEmail, mock.Anything).Return(func(ctx context.Context) error {
		emailed.Done()
		return nil
	})
	return env
}

// The slow case's history: the email goes out when the one-minute timer
// fires, and processing, released by it, completes at that same instant,
// first, as it was scheduled first. (A server writes a running activity's
// ActivityTaskStarted when the activity closes, with the time it started:
// event 12.)
func Example_portedTimerSample() {
	env := slowProcessingEnv(&testsuite.WorkflowTestSuite{})
	env.ExecuteWorkflow(SampleTimerWorkflow, time.Minute)
	fmt.Println(env.GetWorkflowError())
	fmt.Print(env.History())
	// Output:
	// <nil>
	//  1  +0s    WorkflowExecutionStarted    workflowType=SampleTimerWorkflow taskQueue=default-test-taskqueue input=60000000000
	//  2  +0s    WorkflowTaskScheduled
	//  3  +0s    WorkflowTaskStarted
	//  4  +0s    WorkflowTaskCompleted       sdkFlags=3
	//  5  +0s    ActivityTaskScheduled       activityType=ProcessOrderSlowly activityId=5
	//  6  +0s    TimerStarted                timerId=6 startToFireTimeout=1m0s
	//  7  +1m0s  TimerFired                  timerId=6
	//  8  +1m0s  WorkflowTaskScheduled
	//  9  +1m0s  WorkflowTaskStarted
	// 10  +1m0s  WorkflowTaskCompleted
	// 11  +1m0s  ActivityTaskScheduled       activityType=SendDelayEmail activityId=11
	// 12  +0s    ActivityTaskStarted         scheduledEventId=5
	// 13  +1m0s  ActivityTaskCompleted       scheduledEventId=5
	// 14  +1m0s  WorkflowTaskScheduled
	// 15  +1m0s  ActivityTaskStarted         scheduledEventId=11
	// 16  +1m0s  ActivityTaskCompleted       scheduledEventId=11
	// 17  +1m0s  WorkflowTaskStarted
	// 18  +1m0s  WorkflowTaskCompleted
	// 19  +1m0s  WorkflowExecutionCompleted
}
