package testsuite_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// logRecorder is a slog.Handler that keeps the messages logged at Warn
// and above, for the tests of an environment that reports through its
// logger.
type logRecorder struct {
	mu   sync.Mutex
	msgs []string
}

func (l *logRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (l *logRecorder) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *logRecorder) WithGroup(string) slog.Handler            { return l }

func (l *logRecorder) Handle(_ context.Context, r slog.Record) error {
	if r.Level >= slog.LevelWarn {
		l.mu.Lock()
		l.msgs = append(l.msgs, r.Message)
		l.mu.Unlock()
	}
	return nil
}

// warnings returns the messages logged at Warn and above.
func (l *logRecorder) warnings() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.msgs...)
}

// newSuiteEnv returns an environment of a WorkflowTestSuite, not bound to
// a test, whose logger the returned recorder receives.
func newSuiteEnv() (*testsuite.TestWorkflowEnvironment, *logRecorder) {
	rec := &logRecorder{}
	var s testsuite.WorkflowTestSuite
	s.SetLogger(slog.New(rec))
	return s.NewTestWorkflowEnvironment(), rec
}

// A suite's environment has the watchdog too: a busy loop that makes
// workflow calls is stopped as in an environment bound to a test, and
// ExecuteWorkflow returns with the same error. The report goes to the
// environment's logger, there being no test to fail.
func TestSuiteEnvBusyLoopIsStopped(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		wf   func(ctx workflow.Context) error
	}{
		{
			name: "a loop of Now waiting for a flag nothing sets",
			wf: func(ctx workflow.Context) error {
				done := false
				for !done {
					_ = workflow.Now(ctx)
				}
				return nil
			},
		},
		{
			name: "a Selector with AddDefault in a loop",
			wf: func(ctx workflow.Context) error {
				ch := workflow.NewChannel(ctx)
				for got := false; !got; {
					s := workflow.NewSelector(ctx)
					s.AddReceive(ch, func(c workflow.ReceiveChannel, _ bool) { got = c.ReceiveAsync(nil) })
					s.AddDefault(func() {})
					s.Select(ctx)
				}
				return nil
			},
		},
		{
			name: "after an activity and a timer",
			wf: func(ctx workflow.Context) error {
				ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
				if err := workflow.ExecuteActivity(ctx, Pause20ms).Get(ctx, nil); err != nil {
					return err
				}
				if err := workflow.Sleep(ctx, time.Hour); err != nil {
					return err
				}
				for {
					workflow.GetInfo(ctx)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env, logs := newSuiteEnv()
			env.SetTestTimeout(busyTimeout)
			env.RegisterActivity(Pause20ms)
			env.ExecuteWorkflow(tt.wf)

			require.True(t, env.IsWorkflowCompleted(), "the run ended")
			requirePotentialDeadlock(t, env.GetWorkflowError(), "root")
			requireTaskFailedOnPotentialDeadlock(t, env.History(), "root")
			warnings := logs.warnings()
			require.NotEmpty(t, warnings, "the report goes to the logger")
			assert.Contains(t, warnings[0], "did not finish within the test timeout of 200ms (real time)")
			assert.Contains(t, warnings[0], `coroutine "root" is running`)
		})
	}
}

// A child workflow's busy loop in a suite's environment fails the child,
// and the parent sees it, as in an environment bound to a test.
func TestSuiteEnvBusyLoopInAChildIsStopped(t *testing.T) {
	t.Parallel()
	env, logs := newSuiteEnv()
	env.SetTestTimeout(busyTimeout)
	env.RegisterWorkflowWithOptions(func(ctx workflow.Context) error {
		for {
			workflow.Now(ctx)
		}
	}, workflow.RegisterOptions{Name: "Spinner"})
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "spinning-child"})
		return workflow.ExecuteChildWorkflow(ctx, "Spinner").Get(ctx, nil)
	})
	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	var ce *wfsim.ChildWorkflowExecutionError
	require.ErrorAs(t, err, &ce)
	var pe *wfsim.PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, potentialDeadlock("root"), pe.Error())
	warnings := logs.warnings()
	require.NotEmpty(t, warnings)
	assert.Contains(t, warnings[0], `spinning-child: coroutine "root" is running`)
}

// A suite's environment whose run is slower than its test timeout but
// keeps yielding is reported through its logger, never interrupted: the
// run ends with its own result.
func TestSuiteEnvSlowRunThatYieldsIsNotInterrupted(t *testing.T) {
	t.Parallel()
	env, logs := newSuiteEnv()
	env.SetTestTimeout(250 * time.Millisecond)
	env.DisableReplayCheck() // one pass of the bursts is enough
	env.RegisterActivity(Pause20ms)
	env.ExecuteWorkflow(pauseThenBurst)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	warnings := logs.warnings()
	require.NotEmpty(t, warnings, "the slow run is reported")
	assert.Contains(t, warnings[0], "did not finish within the test timeout of 250ms (real time)")
}

// A run that ends within the test timeout never meets the watchdog,
// however much virtual time passes.
func TestSuiteEnvHealthyRunIsUntouched(t *testing.T) {
	t.Parallel()
	env, logs := newSuiteEnv()
	env.SetTestTimeout(busyTimeout)
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		for range 100 {
			if err := workflow.Sleep(ctx, 24*time.Hour); err != nil {
				return err
			}
		}
		return nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	assert.Empty(t, logs.warnings())
}

// SleepAnHour sleeps an hour of whatever clock its goroutine has: in a
// synctest bubble, the bubble's fake one.
func SleepAnHour(context.Context) error { time.Sleep(time.Hour); return nil }

// Inside the test's own synctest bubble the watchdog's timer runs on the
// bubble's fake clock, which moves only while the bubble is idle: when a
// real activity sleeps an hour there (on the simulation's goroutine, in an
// environment not bound to a test), the fake clock passes the test timeout
// many times over, and the watchdog, seeing its timer fire on fake time,
// neither reports nor interrupts anything. Nor does it keep the bubble
// alive once the run is over.
func TestSuiteEnvInsideSynctestBubble(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		env, logs := newSuiteEnv()
		env.SetTestTimeout(busyTimeout)
		env.RegisterActivity(SleepAnHour)
		start := time.Now()
		env.ExecuteWorkflow(func(ctx workflow.Context) (int, error) {
			ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 2 * time.Hour})
			n := 0
			for range 3 {
				if err := workflow.ExecuteActivity(ctx, SleepAnHour).Get(ctx, nil); err != nil {
					return n, err
				}
				n++
				for range 1000 {
					workflow.Now(ctx) // workflow calls while the fake clock stands still
				}
			}
			return n, nil
		})
		require.True(t, env.IsWorkflowCompleted())
		var n int
		require.NoError(t, env.GetWorkflowResult(&n))
		assert.Equal(t, 3, n)
		assert.GreaterOrEqual(t, time.Since(start), 3*time.Hour, "the activities slept on the bubble's clock")
		assert.Empty(t, logs.warnings(), "no report of fake time")
	})
}

// SetTestTimeout(0) turns the watchdog off: nothing is armed.
func TestSuiteEnvWithoutTestTimeout(t *testing.T) {
	t.Parallel()
	env, logs := newSuiteEnv()
	env.SetTestTimeout(0)
	env.RegisterActivity(Pause20ms)
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		return workflow.ExecuteActivity(ctx, Pause20ms).Get(ctx, nil)
	})
	require.NoError(t, env.GetWorkflowError())
	assert.Empty(t, logs.warnings())
	assert.False(t, strings.Contains(strings.Join(logs.warnings(), ""), "test timeout"))
}
