package testsuite_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

type woKey struct{}

// woDep reads the dependency the background activity context carries, and
// whether its context is canceled.
func woDep(ctx context.Context) (string, error) {
	v, _ := ctx.Value(woKey{}).(string)
	if ctx.Err() != nil {
		return "", fmt.Errorf("canceled while running: %w", ctx.Err())
	}
	if activity.GetInfo(ctx).ActivityType.Name != "woDep" {
		return "", errors.New("no activity info")
	}
	return v, nil
}

// woDepWorkflow runs woDep as an activity and as a local activity.
func woDepWorkflow(ctx workflow.Context) ([]string, error) {
	var a, l string
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	if err := workflow.ExecuteActivity(ctx, woDep).Get(ctx, &a); err != nil {
		return nil, err
	}
	lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	if err := workflow.ExecuteLocalActivity(lctx, woDep).Get(ctx, &l); err != nil {
		return nil, err
	}
	return []string{a, l}, nil
}

// The background activity context's values reach activity and local
// activity contexts; its cancellation does not.
func TestSetWorkerOptionsBackgroundActivityContext(t *testing.T) {
	t.Parallel()
	canceled, cancel := context.WithCancel(context.WithValue(context.Background(), woKey{}, "dep"))
	cancel()
	for _, tc := range []struct {
		name string
		bg   context.Context
		want []string
	}{
		{"unset", nil, []string{"", ""}},
		{"value", context.WithValue(context.Background(), woKey{}, "dep"), []string{"dep", "dep"}},
		{"canceled background", canceled, []string{"dep", "dep"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.SetWorkerOptions(worker.Options{BackgroundActivityContext: tc.bg})
			env.RegisterActivity(woDep)
			env.ExecuteWorkflow(woDepWorkflow)
			require.NoError(t, env.GetWorkflowError())
			var got []string
			require.NoError(t, env.GetWorkflowResult(&got))
			require.Equal(t, tc.want, got)
		})
	}
}

// TestActivityEnvironment derives activity contexts from the background
// activity context: its values, and whether it is canceled.
func TestActivityEnvironmentSetWorkerOptionsBackgroundActivityContext(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		local    bool
		bound    bool
		canceled bool
	}{
		{name: "activity"},
		{name: "local activity", local: true},
		{name: "activity in a bubble", bound: true},
		{name: "local activity in a bubble", local: true, bound: true},
		{name: "canceled background", canceled: true},
		{name: "canceled background, local activity", local: true, canceled: true},
		{name: "canceled background in a bubble", bound: true, canceled: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var env *testsuite.TestActivityEnvironment
			if tc.bound {
				env = testsuite.NewTestActivityEnvironment(t)
			} else {
				var s testsuite.WorkflowTestSuite
				env = s.NewTestActivityEnvironment()
			}
			bg, cancel := context.WithCancel(context.WithValue(context.Background(), woKey{}, "dep"))
			defer cancel()
			if tc.canceled {
				cancel()
			}
			require.Same(t, env, env.SetWorkerOptions(worker.Options{BackgroundActivityContext: bg}))
			env.RegisterActivity(woDep)
			execute := env.ExecuteActivity
			if tc.local {
				execute = env.ExecuteLocalActivity
			}
			v, err := execute(woDep)
			switch {
			case tc.canceled && tc.local:
				var ce *wfsim.CanceledError
				require.ErrorAs(t, err, &ce)
				return
			case tc.canceled:
				require.ErrorContains(t, err, "context canceled")
				return
			}
			require.NoError(t, err)
			var got string
			require.NoError(t, v.Get(&got))
			require.Equal(t, "dep", got)
		})
	}
}

// Outside a bubble, canceling the background activity context cancels a
// running activity, as in Temporal's test environment (the pickfirst
// sample relies on it).
func TestActivityEnvironmentBackgroundCancelReachesRunningActivity(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	bg, cancel := context.WithCancel(context.Background())
	env.SetWorkerOptions(worker.Options{BackgroundActivityContext: bg})
	started := make(chan struct{})
	env.RegisterActivityWithOptions(func(ctx context.Context) error {
		close(started)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Minute):
			return errors.New("not canceled")
		}
	}, activity.RegisterOptions{Name: "Wait"})
	go func() {
		<-started
		cancel()
	}()
	_, err := env.ExecuteActivity("Wait")
	require.ErrorContains(t, err, "context canceled")
}

func woFail(context.Context) error { return errors.New("boom") }

func woIdentityWorkflow(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute,
		RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 1}})
	_ = workflow.ExecuteActivity(ctx, woDep).Get(ctx, nil)
	timerCtx, cancel := workflow.WithCancel(ctx)
	f := workflow.NewTimer(timerCtx, time.Hour)
	_ = workflow.Sleep(ctx, time.Second)
	cancel()
	_ = f.Get(ctx, nil)
	return workflow.ExecuteActivity(ctx, woFail).Get(ctx, nil)
}

// woIdentities returns the identity of every worker-caused event of h, by
// event type, and checks that they agree.
func woIdentities(t *testing.T, h *replay.History) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, e := range h.Events {
		var id string
		switch a := e.Attributes.(type) {
		case *replay.WorkflowTaskStartedEventAttributes:
			id = a.Identity
		case *replay.WorkflowTaskCompletedEventAttributes:
			id = a.Identity
		case *replay.ActivityTaskStartedEventAttributes:
			id = a.Identity
		case *replay.ActivityTaskCompletedEventAttributes:
			id = a.Identity
		case *replay.ActivityTaskFailedEventAttributes:
			id = a.Identity
		case *replay.TimerCanceledEventAttributes:
			id = a.Identity
		default:
			continue
		}
		if prev, ok := got[e.EventType.String()]; ok && prev != id {
			t.Fatalf("%s events have identities %q and %q", e.EventType, prev, id)
		}
		got[e.EventType.String()] = id
	}
	return got
}

// The worker identity goes in the events the worker causes and in activity
// errors; the default is unchanged when none is set.
func TestSetWorkerOptionsIdentity(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		set  func(env *testsuite.TestWorkflowEnvironment)
		want string
	}{
		{"default", func(*testsuite.TestWorkflowEnvironment) {}, "wfsim-worker"},
		{"options without identity", func(env *testsuite.TestWorkflowEnvironment) {
			env.SetWorkerOptions(worker.Options{MaxConcurrentActivityExecutionSize: 3})
		}, "wfsim-worker"},
		{"options", func(env *testsuite.TestWorkflowEnvironment) {
			env.SetWorkerOptions(worker.Options{Identity: "opts@host"})
		}, "opts@host"},
		{"SetIdentity", func(env *testsuite.TestWorkflowEnvironment) { env.SetIdentity("set@host") }, "set@host"},
		{"SetIdentity then options without identity", func(env *testsuite.TestWorkflowEnvironment) {
			env.SetIdentity("set@host").SetWorkerOptions(worker.Options{EnableSessionWorker: true})
		}, "set@host"},
		{"options then SetIdentity", func(env *testsuite.TestWorkflowEnvironment) {
			env.SetWorkerOptions(worker.Options{Identity: "opts@host"}).SetIdentity("set@host")
		}, "set@host"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			tc.set(env)
			env.RegisterActivity(woDep)
			env.RegisterActivity(woFail)
			env.ExecuteWorkflow(woIdentityWorkflow)
			var ae *wfsim.ActivityError
			require.ErrorAs(t, env.GetWorkflowError(), &ae)
			require.Equal(t, tc.want, ae.Identity())
			got := woIdentities(t, env.History())
			require.Equal(t, map[string]string{
				"WorkflowTaskStarted":   tc.want,
				"WorkflowTaskCompleted": tc.want,
				"ActivityTaskStarted":   tc.want,
				"ActivityTaskCompleted": tc.want,
				"ActivityTaskFailed":    tc.want,
				"TimerCanceled":         tc.want,
			}, got)
		})
	}
}

func TestActivityEnvironmentIdentity(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		set  func(env *testsuite.TestActivityEnvironment)
		want string
	}{
		{"default", func(*testsuite.TestActivityEnvironment) {}, "wfsim-worker"},
		{"options", func(env *testsuite.TestActivityEnvironment) {
			env.SetWorkerOptions(worker.Options{Identity: "opts@host"})
		}, "opts@host"},
		{"SetIdentity", func(env *testsuite.TestActivityEnvironment) { env.SetIdentity("set@host") }, "set@host"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			env := s.NewTestActivityEnvironment()
			tc.set(env)
			env.RegisterActivity(woFail)
			_, err := env.ExecuteActivity(woFail)
			var ae *wfsim.ActivityError
			require.ErrorAs(t, err, &ae)
			require.Equal(t, tc.want, ae.Identity())
		})
	}
}

// woLogger is a log.Logger that is not a *slog.Logger.
type woLogger struct {
	mu    sync.Mutex
	lines []string
}

func (l *woLogger) add(level, msg string, kv []any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprint(level, " ", msg, " ", kv))
}
func (l *woLogger) Debug(msg string, kv ...any) { l.add("DEBUG", msg, kv) }
func (l *woLogger) Info(msg string, kv ...any)  { l.add("INFO", msg, kv) }
func (l *woLogger) Warn(msg string, kv ...any)  { l.add("WARN", msg, kv) }
func (l *woLogger) Error(msg string, kv ...any) { l.add("ERROR", msg, kv) }

func woLoggingActivity(ctx context.Context) error {
	activity.GetLogger(ctx).Warn("from activity", "n", 1)
	return nil
}

func woLoggingWorkflow(ctx workflow.Context) error {
	workflow.GetLogger(ctx).Info("from workflow", "k", "v")
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	return workflow.ExecuteActivity(ctx, woLoggingActivity).Get(ctx, nil)
}

// SetLogger takes any log.Logger: the environments' workflow and activity
// logs reach it, with their attributes.
func TestSuiteSetLoggerTakesLogLogger(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	l := &woLogger{}
	s.SetLogger(l)
	require.NotNil(t, s.GetLogger())
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(woLoggingActivity)
	env.ExecuteWorkflow(woLoggingWorkflow)
	require.NoError(t, env.GetWorkflowError())
	require.Len(t, l.lines, 2)
	require.Regexp(t, `^INFO from workflow \[WorkflowType woLoggingWorkflow WorkflowID \S+ RunID \S+ k v\]$`, l.lines[0])
	require.Regexp(t, `^WARN from activity \[ActivityID \S+ ActivityType woLoggingActivity .* n 1\]$`, l.lines[1])

	s.SetLogger(nil)
	require.Nil(t, s.GetLogger())
}
