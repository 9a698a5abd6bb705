package examples_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Asynchronous activity completion, as in Temporal's documentation: the
// activity hands its task token to an external system and returns
// activity.ErrResultPending; the external system completes it later by
// that token (in a test, with env.CompleteActivity).

// ExternalSystem stands for the service that finishes the work: it
// receives task tokens.
type ExternalSystem struct {
	Tokens chan []byte
}

// Order is what the activity submits.
type Order struct {
	ID     string
	Amount int
}

// SubmitOrder sends its task token with the order and leaves the activity
// pending.
func (s *ExternalSystem) SubmitOrder(ctx context.Context, order Order) (string, error) {
	s.Tokens <- activity.GetInfo(ctx).TaskToken
	return "", activity.ErrResultPending
}

func OrderWorkflow(ctx workflow.Context, order Order) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 24 * time.Hour,
		// A pending activity is still bound by its timeouts.
		RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 1},
	})
	var s *ExternalSystem
	var confirmation string
	if err := workflow.ExecuteActivity(ctx, s.SubmitOrder, order).Get(ctx, &confirmation); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s at %v", confirmation, activityElapsed(ctx)), nil
}

// asyncEnvironment runs OrderWorkflow; two hours in, the external system
// answers with result or err.
func asyncEnvironment(result string, err error) *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	external := &ExternalSystem{Tokens: make(chan []byte, 1)}
	env.RegisterActivity(external)
	env.RegisterDelayedCallback(func() {
		token := <-external.Tokens
		if err := env.CompleteActivity(token, result, err); err != nil {
			fmt.Println("CompleteActivity:", err)
		}
	}, 2*time.Hour)
	env.ExecuteWorkflow(OrderWorkflow, Order{ID: "A-1", Amount: 30})
	return env
}

func Example_asyncCompletion() {
	env := asyncEnvironment("confirmed A-1", nil)
	var out string
	if err := env.GetWorkflowResult(&out); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(out)
	printActivityEvents(env.History())
	// Output:
	// confirmed A-1 at 2h0m0s
	//   0s   ActivityTaskScheduled
	//   0s   ActivityTaskStarted attempt 1
	//   2h0m0s ActivityTaskCompleted
}

func Example_asyncCompletionFailed() {
	env := asyncEnvironment("", wfsim.NewApplicationError("card declined", "PaymentError"))
	err := env.GetWorkflowError()
	var appErr *wfsim.ApplicationError
	if errors.As(err, &appErr) {
		fmt.Println(appErr.Type()+":", appErr.Message())
	}
	var activityErr *wfsim.ActivityError
	fmt.Println("wrapped in an ActivityError:", errors.As(err, &activityErr))
	printActivityEvents(env.History())
	// Output:
	// PaymentError: card declined
	// wrapped in an ActivityError: true
	//   0s   ActivityTaskScheduled
	//   0s   ActivityTaskStarted attempt 1
	//   2h0m0s ActivityTaskFailed card declined (MaximumAttemptsReached)
}

// Bound to a test, the external system can be a goroutine of its own: it
// runs in the test's synctest bubble, so its wait is virtual time too, and
// the completion takes effect at exactly that instant.
func TestAsyncCompletionByAnotherGoroutine(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	external := &ExternalSystem{Tokens: make(chan []byte, 1)}
	env.RegisterActivity(external)
	done := make(chan error, 1)
	env.SetOnActivityStartedListener(func(*activity.Info, context.Context, converter.EncodedValues) {
		go func() {
			token := <-external.Tokens
			time.Sleep(45 * time.Minute)
			done <- env.CompleteActivity(token, "confirmed by the other goroutine", nil)
		}()
	})
	env.ExecuteWorkflow(OrderWorkflow, Order{ID: "B-2", Amount: 12})
	require.NoError(t, <-done)
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "confirmed by the other goroutine at 45m0s", out)
}
