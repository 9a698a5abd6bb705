package testsuite

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/actchain"
	"github.com/wfsim/wfsim/internal/actenv"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/metrics"
)

// activityEnvTimeout is the ScheduleToClose and StartToClose timeout of an
// activity run by TestActivityEnvironment.ExecuteActivity, as in Temporal's
// test environment.
const activityEnvTimeout = 10 * time.Minute

// TestActivityEnvironment runs one activity at a time, outside any
// workflow, the way a worker runs an activity task: activity.GetInfo,
// heartbeats and heartbeat details work inside it.
//
// Bound to a *testing.T (NewTestActivityEnvironment(t)), each execution runs
// inside a testing/synctest bubble (or the test's own bubble), so
// time.Sleep, timers and the context's deadline follow virtual time: an
// activity that sleeps past its 10-minute StartToClose timeout fails at once
// with a TimeoutError. Created by a WorkflowTestSuite, the activity runs in
// real time and its context has no deadline.
type TestActivityEnvironment struct {
	t                TB
	logger           *slog.Logger
	reg              *registry
	dc               converter.DataConverter
	fc               wfsim.FailureConverter // nil: the default over dc
	heartbeatDetails *converter.Payloads
	onHeartbeat      func(info *activity.Info, details converter.EncodedValues)
	testTimeout      time.Duration
	workerStop       chan struct{}
	metrics          metrics.Handler
	workerOpts       *workerSettings // SetWorkerOptions, SetIdentity (worker_options.go)
	seq              int
	standalone       bool // SetExecuteActivitiesInWorkflow(false)
}

// NewTestActivityEnvironment returns an activity environment not bound to
// a test.
func (s *WorkflowTestSuite) NewTestActivityEnvironment() *TestActivityEnvironment {
	env := newActivityEnvironment(nil, s.logger)
	env.metrics = s.metrics
	s.configure(env.reg)
	return env
}

// NewTestActivityEnvironment returns an activity environment bound to t:
// activity logs go to t.Logf, and executions run in virtual time.
func NewTestActivityEnvironment(t TB) *TestActivityEnvironment {
	if t == nil {
		panic("testsuite: NewTestActivityEnvironment of a nil test handle")
	}
	return newActivityEnvironment(t, slog.New(slog.NewTextHandler(tbWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug})))
}

func newActivityEnvironment(t TB, logger *slog.Logger) *TestActivityEnvironment {
	if logger == nil {
		logger = slog.New(discardHandler{})
	}
	return &TestActivityEnvironment{t: t, logger: logger, reg: newRegistry(), dc: converter.GetDefaultDataConverter(), testTimeout: 10 * time.Second}
}

// RegisterActivity registers an activity function, or a struct whose
// exported methods are activities.
func (env *TestActivityEnvironment) RegisterActivity(a any) {
	env.reg.registerActivity(a, activity.RegisterOptions{DisableAlreadyRegisteredCheck: true})
}

// RegisterActivityWithOptions registers activities with options.
func (env *TestActivityEnvironment) RegisterActivityWithOptions(a any, options activity.RegisterOptions) {
	options.DisableAlreadyRegisteredCheck = true
	env.reg.registerActivity(a, options)
}

// RegisterDynamicActivity registers the dynamic activity, which
// ExecuteActivity and ExecuteLocalActivity run for an activity named by a
// string that no function is registered under, as Temporal's does: a takes
// a context.Context and a converter.EncodedValues holding all the
// arguments, and activity.GetInfo(ctx).ActivityType.Name is the name
// given. It panics if a has another shape or a dynamic activity is
// registered already.
func (env *TestActivityEnvironment) RegisterDynamicActivity(a any, options activity.DynamicRegisterOptions) {
	env.reg.registerDynamicActivity(a)
}

// SetDataConverter sets the converter of arguments, results and details.
func (env *TestActivityEnvironment) SetDataConverter(dc converter.DataConverter) *TestActivityEnvironment {
	env.dc = dc
	return env
}

// SetHeartbeatDetails sets the details of a previous attempt's last
// heartbeat, which the next executions see with
// activity.GetHeartbeatDetails.
func (env *TestActivityEnvironment) SetHeartbeatDetails(details any) {
	p, err := env.dc.ToPayloads(details)
	if err != nil {
		panic(fmt.Sprintf("testsuite: SetHeartbeatDetails: %v", err))
	}
	env.heartbeatDetails = p
}

// SetOnActivityHeartbeatListener sets a callback run (on the activity's
// goroutine, one call at a time) when a heartbeat of the activity would
// reach the server. As in Temporal, the worker throttles heartbeats (see
// the package doc), so not every activity.RecordHeartbeat call reaches it:
// the first; the latest of each batch when the batch ends, which is
// noticed at the next heartbeat or when the activity returns; and, when
// the activity fails, the one held back.
func (env *TestActivityEnvironment) SetOnActivityHeartbeatListener(listener func(activityInfo *activity.Info, details converter.EncodedValues)) *TestActivityEnvironment {
	env.onHeartbeat = listener
	return env
}

// SetTestTimeout sets how long an execution may take in real time before
// the bound test is told that it hangs. It only reports; for a local
// activity it is also the ScheduleToClose timeout, as in Temporal's test
// environment.
func (env *TestActivityEnvironment) SetTestTimeout(d time.Duration) *TestActivityEnvironment {
	env.testTimeout = d
	return env
}

// SetWorkerStopChannel sets the channel activity.GetWorkerStopChannel
// returns, which a test closes to simulate the worker stopping.
func (env *TestActivityEnvironment) SetWorkerStopChannel(c chan struct{}) {
	env.workerStop = c
}

// ExecuteActivity runs activityFn (a function, or a registered name) once
// with args, as an activity task with a 10-minute StartToClose and
// ScheduleToClose timeout, and returns its result. A failure comes back as
// a *wfsim.ActivityError wrapping the activity's error as the workflow
// would see it (an *wfsim.ApplicationError, *wfsim.PanicError,
// *wfsim.CanceledError, or a *wfsim.TimeoutError when its context's
// deadline passed); an activity that returns activity.ErrResultPending
// gives activity.ErrResultPending. Arguments that do not fit the function
// give a *wfsim.ArgumentError.
func (env *TestActivityEnvironment) ExecuteActivity(activityFn any, args ...any) (converter.EncodedValue, error) {
	return env.execute(activityFn, args, false)
}

// ExecuteLocalActivity runs activityFn once as a local activity, with the
// test timeout as its ScheduleToClose timeout, and returns its result; its
// error is returned as the activity returned it (as a workflow sees a local
// activity's error).
func (env *TestActivityEnvironment) ExecuteLocalActivity(activityFn any, args ...any) (converter.EncodedValue, error) {
	return env.execute(activityFn, args, true)
}

func (env *TestActivityEnvironment) execute(activityFn any, args []any, local bool) (converter.EncodedValue, error) {
	name := activityName(activityFn, env.aliases())
	af, err := env.function(activityFn, name, args)
	if err != nil {
		return nil, err
	}
	input, err := fn.EncodeArgs(env.dc, args)
	if err != nil {
		return nil, fmt.Errorf("testsuite: activity %q: encoding its arguments: %w", name, err)
	}
	env.seq++
	id := strconv.Itoa(env.seq)
	var (
		val converter.EncodedValue
		out error
	)
	run := func(inBubble bool) { val, out = env.run(af, name, id, input, local, inBubble) }
	env.bound(run)
	return val, out
}

// function resolves the activity: the function registered under its name,
// or the function itself, or, for a name nothing is registered under, the
// dynamic activity.
func (env *TestActivityEnvironment) function(activityFn any, name string, args []any) (*activityFunc, error) {
	if af := env.reg.activity(name); af != nil {
		if err := fn.CheckArgs("activity", name, af.fn.Type(), fn.ActivitySkip(af.fn.Type()), args); err != nil {
			return nil, err
		}
		return af, nil
	}
	v := reflect.ValueOf(activityFn)
	if v.Kind() != reflect.Func {
		if af := env.reg.dynamicActivity(); af != nil {
			return af, nil
		}
		return nil, wfsim.NewApplicationError((&UnknownActivityError{ActivityType: name, Registered: env.reg.activityNames()}).Error(), "ActivityNotRegisteredError")
	}
	if err := fn.ValidateActivity(v.Type()); err != nil {
		return nil, fmt.Errorf("testsuite: %s is not an activity: %w", name, err)
	}
	if err := fn.CheckArgs("activity", name, v.Type(), fn.ActivitySkip(v.Type()), args); err != nil {
		return nil, err
	}
	return &activityFunc{fn: v}, nil
}

// activityArgs returns the arguments af is called with: the context and
// the decoded input, or, for the dynamic activity, the context and the
// whole input undecoded.
func activityArgs(ctx context.Context, dc converter.DataConverter, af *activityFunc, name string, input *converter.Payloads) ([]reflect.Value, error) {
	if af.dynamic {
		return []reflect.Value{reflect.ValueOf(ctx), reflect.ValueOf(converter.NewEncodedValues(input, dc))}, nil
	}
	t := af.fn.Type()
	args, err := fn.DecodeArgs(dc, "activity", name, t, fn.ActivitySkip(t), input)
	if err != nil {
		return nil, err
	}
	if fn.ActivitySkip(t) == 1 {
		args = append([]reflect.Value{reflect.ValueOf(ctx)}, args...)
	}
	return args, nil
}

// bound runs f inside a bubble when bound to a *testing.T, watched by the
// real-time watchdog.
func (env *TestActivityEnvironment) bound(f func(inBubble bool)) {
	t, ok := env.t.(*testing.T)
	if !ok {
		env.watch(func() { f(false) })
		return
	}
	nested := false
	env.watch(func() { nested = !tryBubble(t, func() { f(true) }) })
	if nested {
		f(true)
	}
}

func (env *TestActivityEnvironment) watch(f func()) {
	if env.t == nil || env.testTimeout <= 0 {
		f()
		return
	}
	timer := time.AfterFunc(env.testTimeout, func() {
		env.t.Errorf("%v", &HungError{Timeout: env.testTimeout})
	})
	defer timer.Stop()
	f()
}

// run executes one attempt. In a bubble, time.Now is virtual time and the
// context carries the deadline.
func (env *TestActivityEnvironment) run(af *activityFunc, name, id string, input *converter.Payloads, local, inBubble bool) (converter.EncodedValue, error) {
	now := DefaultStartTime
	if inBubble {
		now = time.Now().UTC()
	}
	timeout := activityEnvTimeout
	if local {
		timeout = env.testTimeout
	}
	info := activity.Info{
		TaskToken:              []byte("test-activity/" + id),
		WorkflowNamespace:      defaultNamespace,
		ActivityID:             id,
		ActivityType:           activity.ActivityType{Name: name},
		TaskQueue:              defaultTaskQueue,
		Namespace:              defaultNamespace,
		ScheduleToCloseTimeout: timeout,
		StartToCloseTimeout:    timeout,
		ScheduledTime:          now,
		StartedTime:            now,
		Deadline:               now.Add(timeout),
		Attempt:                1,
		IsLocalActivity:        local,
	}
	env.fillStarter(&info, id)
	ctx, cancel := context.WithCancel(env.workerOpts.activityEnvParent(inBubble))
	defer cancel()
	if inBubble {
		ctx, cancel = context.WithDeadline(ctx, info.Deadline)
		defer cancel()
	}
	beats := env.heartbeats(info, inBubble)
	var heartbeater actenv.Heartbeater
	if beats != nil {
		heartbeater = beats
	}
	ctx = actenv.WithEnv(ctx, &actenv.Env{
		Info:             info,
		Logger:           env.logger.With("ActivityID", id, "ActivityType", name, "Attempt", 1),
		DataConverter:    env.dc,
		HeartbeatDetails: env.heartbeatDetails,
		Heartbeat:        heartbeater,
		Worker:           &actenv.Worker{Stop: env.workerStop, Metrics: env.metrics},
	})
	if env.workerOpts.intercepting() {
		// The worker's interceptors, before the header is extracted, as
		// a worker builds them (interceptors.go).
		var err error
		if ctx, _, err = actchain.Start(ctx, env.workerOpts.interceptors(), env.reg.startHeader()); err != nil {
			return nil, err
		}
	}
	if props := env.reg.propagators(); len(props) > 0 {
		// The header set with SetHeader, extracted as a worker does.
		pctx, err := extract(ctx, props, env.reg.startHeader())
		if err != nil {
			return nil, err
		}
		ctx = pctx
	}
	args, err := activityArgs(ctx, env.dc, af, name, input)
	if err != nil {
		return nil, err
	}
	call := func() outcome { return callActivity(env.dc, af.fn, args) }
	if ch := actchain.From(ctx); ch != nil {
		call = func() outcome { return callThrough(env.dc, ctx, ch, name, af.fn, args) }
	}
	var o outcome
	if local {
		// A local activity ends at its deadline, whatever its code does.
		done := make(chan outcome, 1)
		go func() { done <- call() }()
		select {
		case o = <-done:
			if ctx.Err() == context.Canceled {
				// The background activity context was canceled and the
				// code returned too: the cancellation wins whichever
				// reached this select first (Temporal's picks at random).
				o = outcome{err: wfsim.NewCanceledError()}
			}
		case <-ctx.Done():
			o = outcome{err: deadlineExceeded(wfsim.TimeoutTypeScheduleToClose)}
			if ctx.Err() == context.Canceled { // by the background activity context
				o = outcome{err: wfsim.NewCanceledError()}
			}
			if inBubble {
				<-done // the bubble cannot end before the code returns
			}
		}
	} else {
		o = call()
		if beats != nil {
			// What a completed execution held back is dropped.
			beats.close(o.err != nil || o.pending || ctx.Err() == context.DeadlineExceeded)
		}
		if ctx.Err() == context.DeadlineExceeded {
			// As Temporal's test environment reports it: the context's
			// error is the cause, not converted.
			return nil, wfsim.NewActivityError(0, 0, env.workerIdentity(), name, id, wfsim.RetryStateTimeout,
				wfsim.NewTimeoutError(wfsim.TimeoutTypeStartToClose, context.DeadlineExceeded))
		}
	}
	fc := env.failureConverter()
	switch {
	case o.pending && local:
		return nil, errors.New("activity.ErrResultPending is not supported by local activities")
	case o.pending:
		return nil, activity.ErrResultPending
	case o.err != nil && local:
		return nil, o.err
	case o.err != nil:
		cause := fc.FailureToError(fc.ErrorToFailure(o.err))
		return nil, wfsim.NewActivityError(0, 0, env.workerIdentity(), name, id, wfsim.RetryStateUnspecified, cause)
	}
	return converter.NewEncodedValue(o.result, env.dc), nil
}

// heartbeats returns the throttle of an execution's heartbeats, which
// passes them to the heartbeat listener as a worker passes them to the
// server (heartbeat_throttle.go), or nil when no listener is set (nothing
// receives them) or the activity is local. Its clock is the bubble's, or outside a bubble one
// that stands still at the execution's start (as the activity's Info does),
// so that only the first heartbeat, and the last one of a failed
// execution, pass.
func (env *TestActivityEnvironment) heartbeats(info activity.Info, inBubble bool) *envHeartbeats {
	listener := env.onHeartbeat
	if listener == nil || info.IsLocalActivity {
		return nil // a local activity does not heartbeat
	}
	now := func() time.Time { return info.StartedTime }
	if inBubble {
		now = time.Now
	}
	return &envHeartbeats{
		now:      now,
		interval: heartbeatThrottleInterval(info.HeartbeatTimeout, env.workerOpts),
		stop:     env.workerStop,
		send: func(details *converter.Payloads) {
			hb := info
			listener(&hb, converter.NewEncodedValues(details, env.dc))
		},
	}
}
