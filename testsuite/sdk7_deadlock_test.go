package testsuite_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Temporal: internal/internal_coroutines_test.go TestDeadlockDetectorStackTrace
//
// Temporal's deadlock detector fails the workflow task when a coroutine runs
// for a second of wall time without yielding ([TMPRL1101], with the stack of
// the coroutine that runs). wfsim's test-timeout watchdog reports which
// coroutine is running and where the others wait; it stops the running one
// only at its next workflow call (deadlock_interrupt_test.go), and one stuck
// in native code makes none, so the run goes on. The scenario is Temporal's:
// a coroutine blocked forever on a channel, and one stuck in native code.
func TestSDK7WatchdogNamesTheCoroutineThatDoesNotYield(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	reported := make(chan string, 1)
	var once sync.Once
	rec := &recordingTB{onError: func(msg string) {
		// The first report is the watchdog's; the deadlock that ends the
		// run reports too.
		once.Do(func() {
			reported <- msg
			close(release)
		})
	}}
	env := testsuite.NewTestWorkflowEnvironment(rec)
	env.SetTestTimeout(300 * time.Millisecond) // the run reaches the sleeper first even on a loaded machine
	var blockedLine string
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		c := workflow.NewNamedChannel(ctx, "forever_blocked")
		workflow.GoNamed(ctx, "blocked", func(ctx workflow.Context) {
			blockedLine = lineOf()
			c.Receive(ctx, nil)
		})
		workflow.GoNamed(ctx, "sleeper", func(workflow.Context) {
			<-release // native code that does not yield to the dispatcher
		})
		c.Receive(ctx, nil)
		return nil
	})
	var msg string
	select {
	case msg = <-reported:
	default:
		t.Fatal("the watchdog did not report")
	}
	assert.Contains(t, msg, `coroutine "sleeper" is running (it has not reached a blocking workflow call)`)
	assert.Contains(t, msg, `coroutine "blocked" blocked on forever_blocked.Receive at `+blockedLine)
	assert.Contains(t, msg, `coroutine "root" blocked on forever_blocked.Receive`)
	// Once the sleeper returns, every coroutine waits on the channel for
	// ever: the run ends as a deadlock, not as Temporal's task failure.
	var dl *testsuite.DeadlockError
	require.ErrorAs(t, env.GetWorkflowError(), &dl)
}

// Temporal: internal/internal_coroutines_test.go TestDeadlockDetectorAndAwaitRace
//
// An Await condition stuck in native code: Temporal's detector fails the
// task without a data race; wfsim's watchdog reports it (run with -race)
// and the run goes on once the condition returns.
func TestSDK7WatchdogWhileAnAwaitConditionHangs(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	reported := make(chan string, 1)
	var once sync.Once
	rec := &recordingTB{onError: func(msg string) {
		once.Do(func() {
			reported <- msg
			close(release)
		})
	}}
	env := testsuite.NewTestWorkflowEnvironment(rec)
	// Long enough that a loaded -race run resumes the released condition
	// before the watchdog's next look would interrupt it.
	env.SetTestTimeout(250 * time.Millisecond)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		calls := 0
		err := workflow.Await(ctx, func() bool {
			calls++
			// The root calls it first, itself; later calls (once per pass,
			// while it waits) come from the dispatcher.
			if calls == 1 {
				<-release
			}
			return calls >= 2
		})
		return "finished", err
	})
	var msg string
	select {
	case msg = <-reported:
	default:
		t.Fatal("the watchdog did not report")
	}
	assert.Contains(t, msg, "did not finish within the test timeout of 250ms (real time)")
	// As Temporal names the root as the coroutine that did not yield.
	assert.Contains(t, msg, `coroutine "root" is running (it has not reached a blocking workflow call)`)
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	assert.Equal(t, "finished", out)
}

// Temporal: internal/internal_coroutines_test.go TestDispatcherDeadlockedDefer
//
// Temporal closes a dispatcher without waiting for the coroutines' deferred
// functions (they unwind on a goroutine of their own), so a deferred call
// that blocks in native code does not hold it up. wfsim unwinds every
// coroutine before ExecuteWorkflow returns, so that no goroutine outlives a
// run and what deferred functions do is done by then: such a deferred call
// holds the test up, and the watchdog reports it.
func TestSDK7DeferredCallThatBlocksWhileUnwindingIsReported(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var once sync.Once
	rec := &recordingTB{onError: func(string) { once.Do(func() { close(release) }) }}
	env := testsuite.NewTestWorkflowEnvironment(rec)
	env.SetTestTimeout(50 * time.Millisecond)
	deferred := false
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		workflow.Go(ctx, func(ctx workflow.Context) {
			defer func() {
				<-release // native code, blocking while the run ends
				deferred = true
			}()
			workflow.NewChannel(ctx).Receive(ctx, nil)
		})
		return nil
	})
	require.True(t, deferred, "the deferred call ran to its end before ExecuteWorkflow returned")
	require.NoError(t, env.GetWorkflowError())
	errs := rec.errors()
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0], "did not finish within the test timeout of 50ms (real time)")
}
