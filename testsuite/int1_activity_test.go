package testsuite_test

// Ports of the activity scenarios of Temporal's integration tests
// (go.temporal.io/sdk test/integration_test.go, first half): what a real
// server and worker do with activities, replayed in virtual time. Activity
// code here is real code (time.Sleep, heartbeats) run in the environment's
// synctest bubble.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// itActs is a set of activities that log their invocations, like the
// integration suite's activity struct.
type itActs struct {
	mu    sync.Mutex
	calls []string
}

func (a *itActs) note(name string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.calls = append(a.calls, name)
}

func (a *itActs) count(name string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := 0
	for _, c := range a.calls {
		if c == name {
			n++
		}
	}
	return n
}

func (a *itActs) invoked() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.calls...)
}

var itErrOnPurpose = temporal.NewApplicationError("failing on purpose", "")

func (a *itActs) Upper(_ context.Context, s string) (string, error) {
	a.note("toUpper")
	return strings.ToUpper(s), nil
}

func (a *itActs) UpperAfter(_ context.Context, s string, d time.Duration) (string, error) {
	a.note("toUpperWithDelay")
	time.Sleep(d)
	return strings.ToUpper(s), nil
}

func (a *itActs) AlwaysFail(context.Context) error {
	a.note("fail")
	return itErrOnPurpose
}

func (a *itActs) SleepFor(_ context.Context, d time.Duration) error {
	a.note("sleep")
	time.Sleep(d)
	return nil
}

func (a *itActs) HeartbeatThenSleep(ctx context.Context, seq int, d time.Duration) (int, error) {
	a.note("heartbeatAndSleep")
	if activity.HasHeartbeatDetails(ctx) {
		var prev int
		if activity.GetHeartbeatDetails(ctx, &prev) == nil {
			seq = prev
		}
	}
	seq++
	activity.RecordHeartbeat(ctx, seq)
	time.Sleep(d)
	return seq, nil
}

func (a *itActs) HeartbeatFor(ctx context.Context, total, every time.Duration) error {
	a.note("longRunningHeartbeat")
	end := time.Now().Add(total)
	for time.Now().Before(end) {
		activity.RecordHeartbeat(ctx)
		if errors.Is(ctx.Err(), context.Canceled) {
			return ctx.Err()
		}
		time.Sleep(every)
	}
	return nil
}

// HeartbeatTwiceFailing heartbeats a running count twice per attempt and
// fails its first `failures` attempts.
func (a *itActs) HeartbeatTwiceFailing(ctx context.Context, failures int, key string) (int, error) {
	n := 0
	if activity.HasHeartbeatDetails(ctx) {
		if err := activity.GetHeartbeatDetails(ctx, &n); err != nil {
			return 0, err
		}
	}
	n++
	activity.RecordHeartbeat(ctx, n)
	n++
	activity.RecordHeartbeat(ctx, n)
	a.note(key)
	if a.count(key) <= failures {
		return n, itErrOnPurpose
	}
	return n, nil
}

func itDefaultAO() workflow.ActivityOptions {
	return workflow.ActivityOptions{
		ScheduleToStartTimeout: 5 * time.Second,
		ScheduleToCloseTimeout: 5 * time.Second,
		StartToCloseTimeout:    9 * time.Second,
	}
}

func itDefaultRetry() *temporal.RetryPolicy {
	return &temporal.RetryPolicy{
		InitialInterval:    time.Second,
		BackoffCoefficient: 2,
		MaximumInterval:    time.Second,
		MaximumAttempts:    3,
	}
}

func itDefaultAOWithRetry() workflow.ActivityOptions {
	o := itDefaultAO()
	o.RetryPolicy = itDefaultRetry()
	return o
}

// itRunExpectingInvoked runs wf, whose result is the list of activities
// it expects to have been invoked (as Temporal's integration tests return
// it), and checks the activities invoked against it.
func itRunExpectingInvoked(t *testing.T, env *testsuite.TestWorkflowEnvironment, acts *itActs, wf func(workflow.Context) ([]string, error)) {
	t.Helper()
	env.ExecuteWorkflow(wf)
	var want []string
	require.NoError(t, env.GetWorkflowResult(&want))
	require.Equal(t, want, acts.invoked())
}

// newITEnv returns an environment bound to t with the activity set
// registered as the integration suite registers it.
func newITEnv(t *testing.T) (*testsuite.TestWorkflowEnvironment, *itActs) {
	env := testsuite.NewTestWorkflowEnvironment(t)
	acts := &itActs{}
	env.RegisterActivity(acts)
	env.RegisterActivityWithOptions(acts.AlwaysFail, activity.RegisterOptions{Name: "Fail"})
	return env, acts
}

// Temporal: test/integration_test.go TestBasic
func TestIntBasicTwoActivities(t *testing.T) {
	t.Parallel()
	env, acts := newITEnv(t)
	wf := func(ctx workflow.Context) ([]string, error) {
		ctx = workflow.WithActivityOptions(ctx, itDefaultAO())
		var a1, a2 string
		if err := workflow.ExecuteActivity(ctx, "UpperAfter", "hello", time.Second).Get(ctx, &a1); err != nil {
			return nil, err
		}
		if err := workflow.ExecuteActivity(ctx, "Upper", a1).Get(ctx, &a2); err != nil {
			return nil, err
		}
		if a2 != "HELLO" {
			return nil, fmt.Errorf("got %q", a2)
		}
		return []string{"toUpperWithDelay", "toUpper"}, nil
	}
	itRunExpectingInvoked(t, env, acts, wf)
}

// Temporal: test/integration_test.go TestPanicFailWorkflow
func TestIntWorkflowPanicFailsWorkflow(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	// Divergence (documented on worker.Options.WorkflowPanicPolicy): a
	// server with the FailWorkflow policy records the panic as an
	// ApplicationFailureInfo of type "PanicError", which its client decodes
	// into an *ApplicationError; wfsim, like Temporal's test environment,
	// ends the run with the *PanicError itself, whatever the policy.
	env.SetWorkerOptions(worker.Options{WorkflowPanicPolicy: worker.FailWorkflow})
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]string, error) { panic("simulated") })
	var panicErr *temporal.PanicError
	require.ErrorAs(t, env.GetWorkflowError(), &panicErr)
	require.Contains(t, panicErr.Error(), "simulated")
}

// Temporal: test/integration_test.go TestPanicActivityWorkflow
func TestIntActivityPanicIsPanicError(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	panicky := func(ctx context.Context) error {
		panic(fmt.Sprintf("simulated panic on attempt %v", activity.GetInfo(ctx).Attempt))
	}
	env.RegisterActivityWithOptions(panicky, activity.RegisterOptions{Name: "Panicked"})
	const maxAttempts = 2
	wf := func(ctx workflow.Context) ([]string, error) {
		rp := &temporal.RetryPolicy{InitialInterval: time.Nanosecond, MaximumAttempts: maxAttempts}
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 5 * time.Second, RetryPolicy: rp})
		ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: 5 * time.Second, RetryPolicy: rp})
		var p1, p2 *temporal.PanicError
		if err := workflow.ExecuteActivity(ctx, "Panicked").Get(ctx, nil); !errors.As(err, &p1) {
			return nil, fmt.Errorf("activity: %v", err)
		}
		if err := workflow.ExecuteLocalActivity(ctx, panicky).Get(ctx, nil); !errors.As(err, &p2) {
			return nil, fmt.Errorf("local activity: %v", err)
		}
		return []string{"act err: " + p1.Error(), "local act err: " + p2.Error()}, nil
	}
	env.ExecuteWorkflow(wf)
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, []string{
		"act err: simulated panic on attempt 2",
		"local act err: simulated panic on attempt 2",
	}, got)
}

// Temporal: test/integration_test.go TestLocalActivityRetryBehavior
func TestIntLocalActivityRetryHistory(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	attempts := 0
	la := func(ctx context.Context) error {
		attempts++
		if activity.GetInfo(ctx).Attempt <= 3 {
			return temporal.NewApplicationError("retry me", "MyApplicationError")
		}
		return nil
	}
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
			ScheduleToCloseTimeout: 10 * time.Second,
			RetryPolicy: &temporal.RetryPolicy{
				InitialInterval:    time.Second,
				MaximumInterval:    4 * time.Second,
				BackoffCoefficient: 2,
			},
		})
		return workflow.ExecuteLocalActivity(ctx, la).Get(ctx, nil)
	}
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{
		ID: "la-retry", WorkflowRunTimeout: 20 * time.Second, WorkflowTaskTimeout: 3 * time.Second,
	})
	env.DisableReplayCheck() // la counts its attempts
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, 4, attempts)
	require.Equal(t, []string{
		"WorkflowExecutionStarted",
		"WorkflowTaskScheduled",
		"WorkflowTaskStarted",
		"WorkflowTaskCompleted", // heartbeat of the task at 80% of its 3s timeout
		"WorkflowTaskScheduled",
		"WorkflowTaskStarted",
		"WorkflowTaskCompleted", // the 4s backoff goes to a server timer
		"MarkerRecorded",
		"TimerStarted",
		"TimerFired",
		"WorkflowTaskScheduled",
		"WorkflowTaskStarted",
		"WorkflowTaskCompleted",
		"MarkerRecorded",
		"WorkflowExecutionCompleted",
	}, itEventTypes(env))
}

func itEventTypes(env *testsuite.TestWorkflowEnvironment) []string {
	var out []string
	for _, e := range env.History().Events {
		out = append(out, e.EventType.String())
	}
	return out
}

// Temporal: test/integration_test.go TestLocalActivityNextRetryDelay
func TestIntLocalActivityNextRetryDelay(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	failing := func(_ context.Context, d time.Duration) error {
		return temporal.NewApplicationErrorWithOptions("error with next delay", "NextDelay",
			temporal.ApplicationErrorOptions{NextRetryDelay: d})
	}
	wf := func(ctx workflow.Context) (time.Duration, error) {
		ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
			ScheduleToCloseTimeout: time.Minute,
			RetryPolicy:            &temporal.RetryPolicy{MaximumAttempts: 8},
		})
		start := workflow.Now(ctx)
		_ = workflow.ExecuteLocalActivity(ctx, failing, time.Second).Get(ctx, nil)
		return workflow.Now(ctx).Sub(start), nil
	}
	env.ExecuteWorkflow(wf)
	var took time.Duration
	require.NoError(t, env.GetWorkflowResult(&took))
	// Eight attempts, seven one-second delays between them.
	require.Equal(t, 7*time.Second, took)
}

// Temporal: test/integration_test.go TestActivityRetryOnError
func TestIntActivityRetryOnError(t *testing.T) {
	t.Parallel()
	env, acts := newITEnv(t)
	wf := func(ctx workflow.Context) ([]string, error) {
		ctx = workflow.WithActivityOptions(ctx, itDefaultAOWithRetry())
		start := workflow.Now(ctx)
		err := workflow.ExecuteActivity(ctx, "Fail").Get(ctx, nil)
		if err == nil {
			return nil, errors.New("expected failure")
		}
		if workflow.Now(ctx).Sub(start) < 2*time.Second {
			return nil, errors.New("not retried")
		}
		var appErr *temporal.ApplicationError
		if !errors.As(err, &appErr) || appErr.Error() != itErrOnPurpose.Error() {
			return nil, fmt.Errorf("unexpected error: %v", err)
		}
		return []string{"fail", "fail", "fail"}, nil
	}
	itRunExpectingInvoked(t, env, acts, wf)
}

// Temporal: test/integration_test.go TestActivityNotRegisteredRetry
func TestIntUnregisteredActivityIsRetried(t *testing.T) {
	t.Parallel()
	env, _ := newITEnv(t)
	wf := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, itDefaultAOWithRetry())
		start := workflow.Now(ctx)
		err := workflow.ExecuteActivity(ctx, "Unknown").Get(ctx, nil)
		if err == nil {
			return "", errors.New("expected failure")
		}
		if workflow.Now(ctx).Sub(start) < 2*time.Second {
			return "", errors.New("not retried")
		}
		var appErr *temporal.ApplicationError
		if !errors.As(err, &appErr) {
			return "", fmt.Errorf("unexpected error: %v", err)
		}
		if !strings.HasPrefix(appErr.Error(), "unable to find activityType=Unknown") {
			return "", fmt.Errorf("unexpected message: %v", appErr.Error())
		}
		return "done", nil
	}
	env.ExecuteWorkflow(wf)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, "done", got)
}

// Temporal: test/integration_test.go TestActivityRetryOnTimeoutStableError
func TestIntActivityScheduleToCloseWrapsLastStartToClose(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	slowFail := func() error {
		time.Sleep(1100 * time.Millisecond)
		return itErrOnPurpose
	}
	env.RegisterActivityWithOptions(slowFail, activity.RegisterOptions{Name: "SlowFail"})
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			ScheduleToStartTimeout: time.Second,
			StartToCloseTimeout:    time.Second,
			ScheduleToCloseTimeout: 5 * time.Second,
			RetryPolicy:            &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 1, MaximumInterval: time.Second},
		})
		err := workflow.ExecuteActivity(ctx, "SlowFail").Get(ctx, nil)
		var outer, inner *temporal.TimeoutError
		if !errors.As(err, &outer) || outer.TimeoutType() != temporal.TimeoutTypeScheduleToClose {
			return fmt.Errorf("outer: %v", err)
		}
		if !errors.As(errors.Unwrap(outer), &inner) || inner.TimeoutType() != temporal.TimeoutTypeStartToClose {
			return fmt.Errorf("inner: %v", errors.Unwrap(outer))
		}
		return nil
	}
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
}

// Temporal: test/integration_test.go TestActivityRetryOptionsChange
func TestIntActivityRetryOptionsChangeOnReplay(t *testing.T) {
	t.Parallel()
	env, acts := newITEnv(t)
	wf := func(ctx workflow.Context) ([]string, error) {
		o := itDefaultAOWithRetry()
		o.RetryPolicy.MaximumAttempts = 2
		if workflow.IsReplaying(ctx) {
			o.RetryPolicy.MaximumAttempts = 3 // options are not part of determinism
		}
		ctx = workflow.WithActivityOptions(ctx, o)
		if workflow.ExecuteActivity(ctx, "Fail").Get(ctx, nil) == nil {
			return nil, errors.New("expected failure")
		}
		return []string{"fail", "fail"}, nil
	}
	itRunExpectingInvoked(t, env, acts, wf)
}

// Temporal: test/integration_test.go TestActivityRetryOnStartToCloseTimeout
func TestIntActivityRetryOnStartToCloseTimeout(t *testing.T) {
	t.Parallel()
	env, acts := newITEnv(t)
	wf := func(ctx workflow.Context) ([]string, error) {
		o := itDefaultAOWithRetry()
		o.StartToCloseTimeout = time.Second
		ctx = workflow.WithActivityOptions(ctx, o)
		start := workflow.Now(ctx)
		err := workflow.ExecuteActivity(ctx, "SleepFor", 2*time.Second).Get(ctx, nil)
		if err == nil {
			return nil, errors.New("expected failure")
		}
		if d := workflow.Now(ctx).Sub(start); d < 5*time.Second {
			return nil, fmt.Errorf("not retried: %v", d)
		}
		// The integration test (skipped upstream: "temporal server 1.26.2
		// has a bug reporting activity failures") wants StartToClose. The
		// third attempt starts at 4s, so its StartToClose and the
		// ScheduleToClose fall due together at 5s; on a server the attempt
		// starts a little after its dispatch and ScheduleToClose comes
		// first, which wfsim keeps for a tie: the activity closes with
		// ScheduleToClose ("Not enough time…"), the last StartToClose
		// timeout as its cause.
		var te, cause *temporal.TimeoutError
		if !errors.As(err, &te) || te.TimeoutType() != temporal.TimeoutTypeScheduleToClose {
			return nil, fmt.Errorf("unexpected error: %v", err)
		}
		if !errors.As(errors.Unwrap(te), &cause) || cause.TimeoutType() != temporal.TimeoutTypeStartToClose {
			return nil, fmt.Errorf("unexpected cause: %v", errors.Unwrap(te))
		}
		return []string{"sleep", "sleep", "sleep"}, nil
	}
	itRunExpectingInvoked(t, env, acts, wf)
}

// Temporal: test/integration_test.go TestActivityRetryOnHBTimeout
func TestIntActivityRetryOnHeartbeatTimeout(t *testing.T) {
	t.Parallel()
	env, acts := newITEnv(t)
	wf := func(ctx workflow.Context) ([]string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			ScheduleToStartTimeout: 5 * time.Second,
			ScheduleToCloseTimeout: 15 * time.Second,
			StartToCloseTimeout:    5 * time.Second,
			HeartbeatTimeout:       3 * time.Second,
			RetryPolicy:            &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 1, MaximumAttempts: 3},
		})
		var n int
		err := workflow.ExecuteActivity(ctx, "HeartbeatThenSleep", 0, 5*time.Second).Get(ctx, &n)
		var te *temporal.TimeoutError
		if !errors.As(err, &te) || te.TimeoutType() != temporal.TimeoutTypeHeartbeat {
			return nil, fmt.Errorf("unexpected error: %v", err)
		}
		if !te.HasLastHeartbeatDetails() {
			return nil, errors.New("no heartbeat details")
		}
		if err := te.LastHeartbeatDetails(&n); err != nil || n != 3 {
			return nil, fmt.Errorf("details %v, %v", n, err)
		}
		return []string{"heartbeatAndSleep", "heartbeatAndSleep", "heartbeatAndSleep"}, nil
	}
	itRunExpectingInvoked(t, env, acts, wf)
}

// Temporal: test/integration_test.go TestLongRunningActivityWithHB
func TestIntLongRunningActivityKeptAliveByHeartbeats(t *testing.T) {
	t.Parallel()
	env, acts := newITEnv(t)
	wf := func(ctx workflow.Context) ([]string, error) {
		o := itDefaultAOWithRetry()
		o.HeartbeatTimeout = 3 * time.Second
		o.ScheduleToCloseTimeout = 12 * time.Second
		o.StartToCloseTimeout = 12 * time.Second
		o.RetryPolicy = &temporal.RetryPolicy{MaximumAttempts: 1}
		ctx = workflow.WithActivityOptions(ctx, o)
		if err := workflow.ExecuteActivity(ctx, "HeartbeatFor", 8*time.Second, 200*time.Millisecond).Get(ctx, nil); err != nil {
			return nil, err
		}
		return []string{"longRunningHeartbeat"}, nil
	}
	itRunExpectingInvoked(t, env, acts, wf)
}

// Temporal: test/integration_test.go TestHeartbeatOnActivityFailure
func TestIntHeartbeatsOfFailedAttemptsAreKept(t *testing.T) {
	t.Parallel()
	env, _ := newITEnv(t)
	wf := func(ctx workflow.Context) (int, error) {
		o := itDefaultAO()
		o.RetryPolicy = &temporal.RetryPolicy{InitialInterval: 5 * time.Millisecond, BackoffCoefficient: 1}
		ctx = workflow.WithActivityOptions(ctx, o)
		var n int
		err := workflow.ExecuteActivity(ctx, "HeartbeatTwiceFailing", 2, "hb-"+workflow.GetInfo(ctx).WorkflowExecution.ID).Get(ctx, &n)
		return n, err
	}
	env.ExecuteWorkflow(wf)
	var n int
	require.NoError(t, env.GetWorkflowResult(&n))
	// Three attempts of two heartbeats each: a failing attempt's last
	// heartbeat is delivered with its failure, not dropped by throttling.
	require.Equal(t, 6, n)
}
