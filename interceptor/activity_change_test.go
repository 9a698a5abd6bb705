package interceptor_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/interceptor"
	"github.com/wfsim/wfsim/log"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// inbound is a WorkerInterceptor whose inbound interceptor runs the given
// functions (nil ones pass through).
type inbound struct {
	interceptor.WorkerInterceptorBase
	init func(next interceptor.ActivityInboundInterceptor, outbound interceptor.ActivityOutboundInterceptor) error
	exec func(ctx context.Context, next interceptor.ActivityInboundInterceptor, in *interceptor.ExecuteActivityInput) (any, error)
}

func (w *inbound) InterceptActivity(_ context.Context, next interceptor.ActivityInboundInterceptor) interceptor.ActivityInboundInterceptor {
	return &inboundFuncs{ActivityInboundInterceptorBase: interceptor.ActivityInboundInterceptorBase{Next: next}, w: w}
}

type inboundFuncs struct {
	interceptor.ActivityInboundInterceptorBase
	w *inbound
}

func (i *inboundFuncs) Init(outbound interceptor.ActivityOutboundInterceptor) error {
	if i.w.init != nil {
		return i.w.init(i.Next, outbound)
	}
	return i.Next.Init(outbound)
}

func (i *inboundFuncs) ExecuteActivity(ctx context.Context, in *interceptor.ExecuteActivityInput) (any, error) {
	if i.w.exec != nil {
		return i.w.exec(ctx, i.Next, in)
	}
	return i.Next.ExecuteActivity(ctx, in)
}

func shout(_ context.Context, s string, n int) (string, error) {
	return strings.Repeat(s, n), nil
}

func shoutWorkflow(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: time.Minute, RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 1},
	})
	var s string
	err := workflow.ExecuteActivity(ctx, shout, "ab", 2).Get(ctx, &s)
	return s, err
}

// runShout runs shoutWorkflow with one interceptor and returns its result
// and the env, and its error.
func runShout(t *testing.T, w interceptor.WorkerInterceptor, setup func(*testsuite.TestWorkflowEnvironment)) (string, *testsuite.TestWorkflowEnvironment, error) {
	t.Helper()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetWorkerOptions(worker.Options{Interceptors: []interceptor.WorkerInterceptor{w}})
	env.RegisterActivity(shout)
	if setup != nil {
		setup(env)
	}
	env.ExecuteWorkflow(shoutWorkflow)
	var s string
	err := env.GetWorkflowError()
	if err == nil {
		require.NoError(t, env.GetWorkflowResult(&s))
	}
	return s, env, err
}

func TestInboundInterceptorChangesArgumentsAndResult(t *testing.T) {
	t.Parallel()
	got, env, err := runShout(t, &inbound{exec: func(ctx context.Context, next interceptor.ActivityInboundInterceptor, in *interceptor.ExecuteActivityInput) (any, error) {
		in.Args[1] = in.Args[1].(int) + 1
		r, err := next.ExecuteActivity(ctx, in)
		return strings.ToUpper(r.(string)), err
	}}, nil)
	require.NoError(t, err)
	require.Equal(t, "ABABAB", got)
	// The server records what the worker reported: the changed result,
	// and the input as the workflow scheduled it.
	for _, ev := range env.History().GetEvents() {
		if a := ev.GetActivityTaskCompletedEventAttributes(); a != nil {
			var s string
			require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(a.GetResult(), &s))
			require.Equal(t, "ABABAB", s)
		}
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
			var s string
			var n int
			require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(a.GetInput(), &s, &n))
			require.Equal(t, 2, n)
		}
	}
}

func TestInboundInterceptorResultAsPayloadsIsRecordedAsItIs(t *testing.T) {
	t.Parallel()
	got, _, err := runShout(t, &inbound{exec: func(ctx context.Context, next interceptor.ActivityInboundInterceptor, in *interceptor.ExecuteActivityInput) (any, error) {
		if _, err := next.ExecuteActivity(ctx, in); err != nil {
			return nil, err
		}
		return converter.GetDefaultDataConverter().ToPayloads("from payloads")
	}}, nil)
	require.NoError(t, err)
	require.Equal(t, "from payloads", got)
}

func TestInterceptorErrorsAndPanicsFailTheAttempt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		w     *inbound
		check func(t *testing.T, err error)
	}{
		{
			name: "ExecuteActivity error",
			w: &inbound{exec: func(context.Context, interceptor.ActivityInboundInterceptor, *interceptor.ExecuteActivityInput) (any, error) {
				return nil, wfsim.NewApplicationError("refused", "Refused")
			}},
			check: func(t *testing.T, err error) {
				var appErr *wfsim.ApplicationError
				require.ErrorAs(t, err, &appErr)
				require.Equal(t, "Refused", appErr.Type())
			},
		},
		{
			name: "panic",
			w: &inbound{exec: func(context.Context, interceptor.ActivityInboundInterceptor, *interceptor.ExecuteActivityInput) (any, error) {
				panic("interceptor broke")
			}},
			check: func(t *testing.T, err error) {
				var panicErr *wfsim.PanicError
				require.ErrorAs(t, err, &panicErr)
				require.Contains(t, panicErr.Error(), "interceptor broke")
			},
		},
		{
			name: "arguments that do not fit",
			w: &inbound{exec: func(ctx context.Context, next interceptor.ActivityInboundInterceptor, in *interceptor.ExecuteActivityInput) (any, error) {
				in.Args[1] = "two"
				return next.ExecuteActivity(ctx, in)
			}},
			check: func(t *testing.T, err error) {
				var appErr *wfsim.ApplicationError
				require.ErrorAs(t, err, &appErr)
				require.Contains(t, appErr.Error(), `activity "shout": argument 2: the function takes int, got string`)
			},
		},
		{
			name: "too few arguments",
			w: &inbound{exec: func(ctx context.Context, next interceptor.ActivityInboundInterceptor, in *interceptor.ExecuteActivityInput) (any, error) {
				in.Args = in.Args[:1]
				return next.ExecuteActivity(ctx, in)
			}},
			check: func(t *testing.T, err error) {
				require.ErrorContains(t, err, `activity "shout": takes 2 arguments, got 1`)
			},
		},
		{
			name: "Init error drops the task: StartToClose",
			w: &inbound{init: func(interceptor.ActivityInboundInterceptor, interceptor.ActivityOutboundInterceptor) error {
				return errors.New("no init")
			}},
			check: func(t *testing.T, err error) {
				var timeoutErr *wfsim.TimeoutError
				require.ErrorAs(t, err, &timeoutErr)
				require.Equal(t, wfsim.TimeoutTypeStartToClose, timeoutErr.TimeoutType())
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := runShout(t, tt.w, nil)
			var actErr *wfsim.ActivityError
			require.ErrorAs(t, err, &actErr)
			tt.check(t, err)
		})
	}
}

// recordingLogger is a log.Logger that is not a *slog.Logger.
type recordingLogger struct{ lines *[]string }

func (l recordingLogger) add(level, msg string, kv []any) {
	*l.lines = append(*l.lines, fmt.Sprint(level, " ", msg, " ", kv))
}
func (l recordingLogger) Debug(msg string, kv ...any) { l.add("DEBUG", msg, kv) }
func (l recordingLogger) Info(msg string, kv ...any)  { l.add("INFO", msg, kv) }
func (l recordingLogger) Warn(msg string, kv ...any)  { l.add("WARN", msg, kv) }
func (l recordingLogger) Error(msg string, kv ...any) { l.add("ERROR", msg, kv) }

// outboundOverride answers GetInfo, GetLogger and RecordHeartbeat itself.
type outboundOverride struct {
	interceptor.ActivityOutboundInterceptorBase
	lines *[]string
}

func (o *outboundOverride) GetInfo(ctx context.Context) activity.Info {
	info := o.Next.GetInfo(ctx)
	info.ActivityType.Name = "renamed:" + info.ActivityType.Name
	return info
}

func (o *outboundOverride) GetLogger(context.Context) log.Logger {
	return log.With(recordingLogger{lines: o.lines}, "via", "interceptor")
}

func (o *outboundOverride) RecordHeartbeat(ctx context.Context, details ...any) {
	o.Next.RecordHeartbeat(ctx, append([]any{"stamped"}, details...)...)
}

func reportingActivity(ctx context.Context) (string, error) {
	activity.GetLogger(ctx).Info("hello", "n", 1)
	activity.RecordHeartbeat(ctx, 42)
	return activity.GetInfo(ctx).ActivityType.Name, nil
}

func TestOutboundInterceptorAnswersActivityCalls(t *testing.T) {
	t.Parallel()
	var lines []string
	var beats [][]any
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetWorkerOptions(worker.Options{Interceptors: []interceptor.WorkerInterceptor{&inbound{
		init: func(next interceptor.ActivityInboundInterceptor, outbound interceptor.ActivityOutboundInterceptor) error {
			return next.Init(&outboundOverride{ActivityOutboundInterceptorBase: interceptor.ActivityOutboundInterceptorBase{Next: outbound}, lines: &lines})
		},
	}}})
	env.SetOnActivityHeartbeatListener(func(_ *activity.Info, details converter.EncodedValues) {
		var s string
		var n int
		require.NoError(t, details.Get(&s, &n))
		beats = append(beats, []any{s, n})
	})
	env.RegisterActivity(reportingActivity)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		var s string
		err := workflow.ExecuteActivity(ctx, reportingActivity).Get(ctx, &s)
		return s, err
	})
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, "renamed:reportingActivity", got)
	require.Equal(t, []string{"INFO hello [via interceptor n 1]"}, lines)
	require.Equal(t, [][]any{{"stamped", 42}}, beats)
}

func TestMocksAndInterceptors(t *testing.T) {
	t.Parallel()
	count := func(calls *[]string) *inbound {
		return &inbound{
			init: func(next interceptor.ActivityInboundInterceptor, outbound interceptor.ActivityOutboundInterceptor) error {
				*calls = append(*calls, "Init")
				return next.Init(outbound)
			},
			exec: func(ctx context.Context, next interceptor.ActivityInboundInterceptor, in *interceptor.ExecuteActivityInput) (any, error) {
				*calls = append(*calls, fmt.Sprint("ExecuteActivity ", in.Args))
				return next.ExecuteActivity(ctx, in)
			},
		}
	}
	t.Run("a mock's values bypass ExecuteActivity", func(t *testing.T) {
		t.Parallel()
		var calls []string
		got, _, err := runShout(t, count(&calls), func(env *testsuite.TestWorkflowEnvironment) {
			env.OnActivity(shout, mock.Anything, "ab", 2).Return("mocked", nil)
		})
		require.NoError(t, err)
		require.Equal(t, "mocked", got)
		require.Equal(t, []string{"Init"}, calls)
	})
	t.Run("a mock's function runs through it", func(t *testing.T) {
		t.Parallel()
		var calls []string
		got, _, err := runShout(t, count(&calls), func(env *testsuite.TestWorkflowEnvironment) {
			env.OnActivity(shout, mock.Anything, "ab", 2).Return(func(_ context.Context, s string, n int) (string, error) {
				return fmt.Sprint("mock fn ", s, n), nil
			})
		})
		require.NoError(t, err)
		require.Equal(t, "mock fn ab2", got)
		require.Equal(t, []string{"Init", "ExecuteActivity [ab 2]"}, calls)
	})
}
