package testsuite

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/actenv"
	"github.com/wfsim/wfsim/internal/fn"
)

var contextType = reflect.TypeFor[context.Context]()

// hasWorker reports whether a worker polls queue for activityType. An
// activity restricted with SetActivityTaskQueue runs only on that queue; any
// other runs on the workflow's own task queue.
func (e *environment) hasWorker(queue, activityType string) bool {
	if q, ok := e.activityQueues[activityType]; ok {
		return q == queue
	}
	return queue == e.root.queue
}

// attemptContext builds the context an activity attempt runs with.
func (e *environment) attemptContext(t *activityTask, gen int) (context.Context, context.CancelFunc) {
	now := e.clock.Now()
	info := activity.Info{
		TaskToken:              t.token,
		WorkflowType:           &activity.WorkflowType{Name: t.run.wfType},
		WorkflowNamespace:      defaultNamespace,
		WorkflowExecution:      activity.WorkflowExecution{ID: t.run.id, RunID: t.run.runID},
		ActivityID:             t.attrs.ActivityID,
		ActivityType:           activity.ActivityType{Name: t.attrs.ActivityType},
		TaskQueue:              t.attrs.TaskQueue,
		HeartbeatTimeout:       t.attrs.HeartbeatTimeout,
		ScheduleToCloseTimeout: t.attrs.ScheduleToCloseTimeout,
		StartToCloseTimeout:    t.attrs.StartToCloseTimeout,
		ScheduledTime:          t.scheduled,
		StartedTime:            now,
		Attempt:                t.attempt,
	}
	info.Deadline = now.Add(t.attrs.StartToCloseTimeout)
	if t.attrs.ScheduleToCloseTimeout > 0 {
		if d := t.scheduled.Add(t.attrs.ScheduleToCloseTimeout); t.attrs.StartToCloseTimeout <= 0 || d.Before(info.Deadline) {
			info.Deadline = d
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.cancel = cancel
	logger := e.logger.With("ActivityID", info.ActivityID, "ActivityType", info.ActivityType.Name, "Attempt", info.Attempt,
		"WorkflowType", t.run.wfType, "WorkflowID", t.run.id, "RunID", t.run.runID)
	ctx = actenv.WithEnv(ctx, &actenv.Env{
		Info:             info,
		Logger:           logger,
		DataConverter:    e.dc,
		HeartbeatDetails: t.heartbeatDetails,
		Heartbeat: func(details converter.Payloads) {
			e.post(func() { t.recordHeartbeat(gen, details) })
		},
	})
	return ctx, cancel
}

// cancelAttempt cancels the running attempt's context.
func (e *environment) cancelAttempt(t *activityTask) {
	if t.cancel != nil {
		t.cancel()
	}
}

// outcome is what one activity attempt produced.
type outcome struct {
	result  converter.Payloads
	err     error
	pending bool
	after   time.Duration
}

// execute runs an attempt: a mock if one matches the activity, otherwise the
// registered function. Its outcome is applied in virtual time.
func (e *environment) execute(t *activityTask, gen int) {
	ctx, cancel := e.attemptContext(t, gen)
	o := e.invoke(ctx, t)
	if !o.pending {
		cancel()
	}
	apply := func() {
		switch {
		case o.pending:
		case o.err != nil:
			t.failed(gen, o.err)
		default:
			t.completed(gen, o.result)
		}
	}
	if o.after > 0 {
		t.finish = e.clock.AfterFunc(o.after, apply)
		return
	}
	apply()
}

// invoke calls the mock or the function and converts its results.
func (e *environment) invoke(ctx context.Context, t *activityTask) outcome {
	name := t.attrs.ActivityType
	af := e.reg.activities[name]
	if e.mocks.has(name) {
		return e.mocks.call(ctx, e, t, af)
	}
	if af == nil {
		return outcome{err: wfsim.NewApplicationError((&UnknownActivityError{ActivityType: name, Registered: e.knownActivities()}).Error(), "ActivityNotRegisteredError")}
	}
	args, err := e.activityArgs(ctx, af.fn.Type(), name, t.attrs.Input)
	if err != nil {
		return outcome{err: err}
	}
	return e.callActivity(af.fn, args)
}

func (e *environment) knownActivities() []string {
	names := e.reg.activityNames()
	for _, m := range e.mocks.names() {
		if _, ok := e.reg.activities[m]; !ok {
			names = append(names, m)
		}
	}
	return names
}

// activityArgs decodes an activity's input for a function of type ft,
// putting ctx first if the function takes a context.
func (e *environment) activityArgs(ctx context.Context, ft reflect.Type, name string, input converter.Payloads) ([]reflect.Value, error) {
	skip := 0
	if ft.NumIn() > 0 && ft.In(0) == contextType {
		skip = 1
	}
	args, err := fn.DecodeArgs(e.dc, "activity", name, ft, skip, input)
	if err != nil {
		return nil, wfsim.NewApplicationErrorWithOptions(err.Error(), "ArgumentError", wfsim.ApplicationErrorOptions{NonRetryable: true, Cause: err})
	}
	if skip == 1 {
		args = append([]reflect.Value{reflect.ValueOf(ctx)}, args...)
	}
	return args, nil
}

// callActivity calls an activity function, recovering a panic into a
// *wfsim.PanicError, and encodes its result.
func (e *environment) callActivity(f reflect.Value, args []reflect.Value) outcome {
	out, pv, stack, panicked := fn.Call(f, args)
	if panicked {
		return outcome{err: wfsim.NewPanicError(pv, stack)}
	}
	return e.resultOutcome(out)
}

func (e *environment) resultOutcome(out []reflect.Value) outcome {
	if errv := out[len(out)-1]; !errv.IsNil() {
		err := errv.Interface().(error)
		if errors.Is(err, activity.ErrResultPending) {
			return outcome{pending: true}
		}
		return outcome{err: err}
	}
	if len(out) == 1 {
		return outcome{}
	}
	p, err := e.dc.ToPayloads(out[0].Interface())
	if err != nil {
		return outcome{err: fmt.Errorf("encoding the activity's result: %w", err)}
	}
	return outcome{result: p}
}
