package examples_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Reproducing a failure from its seed: a loop over seeds finds a schedule
// that breaks a buggy saga, and that seed replays the very same run — the
// same choices, the same history, byte for byte — however often, wherever.

// LeakyOrderSaga is OrderSaga with a bug: it undoes the completed steps
// only when a step refuses for good (a non-retryable error), so a step whose
// retries run out leaves the earlier ones in place.
func LeakyOrderSaga(ctx workflow.Context, order string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Second,
		RetryPolicy:         &wfsim.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 3},
	})
	var undo []string
	for _, step := range orderSteps {
		if err := workflow.ExecuteActivity(ctx, step.do, order).Get(ctx, nil); err != nil {
			var appErr *wfsim.ApplicationError
			if errors.As(err, &appErr) && appErr.NonRetryable() {
				for i := len(undo) - 1; i >= 0; i-- {
					if err := workflow.ExecuteActivity(ctx, undo[i], order).Get(ctx, nil); err != nil {
						return "", err
					}
				}
			}
			return "", wfsim.NewApplicationErrorWithCause("order "+order+" canceled", "OrderCanceled", err)
		}
		if step.undo != "" {
			undo = append(undo, step.undo)
		}
	}
	return "shipped", nil
}

// leakyRun runs LeakyOrderSaga explored by seed, in an environment bound
// to t (nil for none), and returns it with the shop.
func leakyRun(t testsuite.TB, seed uint64) (*testsuite.TestWorkflowEnvironment, *shop) {
	var env *testsuite.TestWorkflowEnvironment
	if t != nil {
		env = testsuite.NewTestWorkflowEnvironment(t)
	} else {
		var s testsuite.WorkflowTestSuite
		env = s.NewTestWorkflowEnvironment()
	}
	s := &shop{}
	s.register(env)
	env.SetExplorer(testsuite.SeedExplorer(seed))
	env.SetFaults(testsuite.Faults{ActivityFailure: 0.3})
	env.ExecuteWorkflow(LeakyOrderSaga, "B-7")
	return env, s
}

// firstFailingSeed explores seeds from 0 and returns the first whose run
// breaks the saga's property.
func firstFailingSeed(t *testing.T) uint64 {
	for seed := range uint64(1000) {
		env, s := leakyRun(nil, seed)
		if sagaProperty(s, env.GetWorkflowError()) != nil {
			return seed
		}
	}
	t.Fatal("no seed in 1000 breaks the leaky saga")
	return 0
}

func TestReproduceFailureFromSeed(t *testing.T) {
	t.Parallel()
	seed := firstFailingSeed(t)
	first, s := leakyRun(nil, seed)
	broken := sagaProperty(s, first.GetWorkflowError())
	require.Error(t, broken)
	var want bytes.Buffer
	require.NoError(t, first.History().WriteJSON(&want))
	for range 3 {
		again, s := leakyRun(nil, seed)
		require.Equal(t, broken, sagaProperty(s, again.GetWorkflowError()), "the same failure")
		require.Equal(t, first.Choices(), again.Choices(), "the same choices")
		var got bytes.Buffer
		require.NoError(t, again.History().WriteJSON(&got))
		require.Equal(t, want.String(), got.String(), "the same history, byte for byte")
	}
}

// TestSeedLoop is the plain go test way to fuzz: one subtest per seed, in
// parallel, each bound to its own *testing.T. A failing seed would report
// itself (its subtest's name, and "explored with
// testsuite.SeedExplorer(n)" above the history).
func TestSeedLoop(t *testing.T) {
	t.Parallel()
	for seed := range uint64(50) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			s := &shop{}
			env := testsuite.NewTestWorkflowEnvironment(t)
			s.register(env)
			env.SetExplorer(testsuite.SeedExplorer(seed))
			env.SetFaults(sagaFaults)
			env.ExecuteWorkflow(OrderSaga, "C-3")
			require.NoError(t, sagaProperty(s, env.GetWorkflowError()))
		})
	}
}

// failedTB is a test handle whose test has failed: it prints what the
// environment reports, as go test would.
type failedTB struct{ cleanups []func() }

func (f *failedTB) Logf(format string, args ...any)   { fmt.Printf(format+"\n", args...) }
func (f *failedTB) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }
func (f *failedTB) Fatalf(format string, args ...any) { fmt.Printf(format+"\n", args...) }
func (f *failedTB) FailNow()                          {}
func (f *failedTB) Failed() bool                      { return true }
func (f *failedTB) Cleanup(fn func())                 { f.cleanups = append(f.cleanups, fn) }

func (f *failedTB) end() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

// A test that finds a failing schedule prints how it was explored — the
// seed, the faults, every choice in order — and the run's history; the
// seed is all it takes to run it again.
func Example_reproduceFromSeed() {
	tb := &failedTB{}
	env, s := leakyRun(tb, 161)
	fmt.Println("ledger:", strings.Join(s.ledger, ", "))
	fmt.Println("property:", sagaProperty(s, env.GetWorkflowError()))
	tb.end() // the test ends, failed: the environment reports
	// Output:
	// ledger: Reserve
	// property: canceled with the ledger [Reserve]; the steps done and their undoing are [Reserve Release]
	// explored with testsuite.SeedExplorer(161)
	// faults: testsuite.Faults{ActivityFailure: 0.3}
	// 4 choices, 3 faults, in order:
	//     1. +0s no fault: activity Reserve (scheduled by event 5) attempt 1 fails before it runs
	//     2. +0s FAULT: activity Charge (scheduled by event 11) attempt 1 fails before it runs
	//     3. +1s FAULT: activity Charge (scheduled by event 11) attempt 2 fails before it runs
	//     4. +3s FAULT: activity Charge (scheduled by event 11) attempt 3 fails before it runs
	// history of workflow "default-test-workflow-id":
	//  1  +0s  WorkflowExecutionStarted  workflowType=LeakyOrderSaga taskQueue=default-test-taskqueue input="B-7"
	//  2  +0s  WorkflowTaskScheduled
	//  3  +0s  WorkflowTaskStarted
	//  4  +0s  WorkflowTaskCompleted     sdkFlags=3
	//  5  +0s  ActivityTaskScheduled     activityType=Reserve activityId=5 input="B-7"
	//  6  +0s  ActivityTaskStarted       scheduledEventId=5
	//  7  +0s  ActivityTaskCompleted     scheduledEventId=5
	//  8  +0s  WorkflowTaskScheduled
	//  9  +0s  WorkflowTaskStarted
	// 10  +0s  WorkflowTaskCompleted
	// 11  +0s  ActivityTaskScheduled     activityType=Charge activityId=11 input="B-7"
	// 12  +3s  ActivityTaskStarted       scheduledEventId=11 attempt=3 lastFailure="injected fault: activity Charge (ID 11) attempt 2 failed before it ran (InjectedFailure)"
	// 13  +3s  ActivityTaskFailed        scheduledEventId=11 failure="injected fault: activity Charge (ID 11) attempt 3 failed before it ran (InjectedFailure)"
	// 14  +3s  WorkflowTaskScheduled
	// 15  +3s  WorkflowTaskStarted
	// 16  +3s  WorkflowTaskCompleted
	// 17  +3s  WorkflowExecutionFailed   failure="order B-7 canceled (OrderCanceled): activity error: injected fault: activity Charge (ID 11) attempt 3 failed before it r…"
}
