package testsuite

import (
	"context"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
)

// listeners are the callbacks a test sets to watch activities. They run on
// the simulation goroutine, at the virtual instant of what they report.
type listeners struct {
	started   func(info *activity.Info, ctx context.Context, args converter.EncodedValues)
	completed func(info *activity.Info, result converter.EncodedValue, err error)
	canceled  func(info *activity.Info)
	heartbeat func(info *activity.Info, details converter.EncodedValues)

	localStarted   func(info *activity.Info, ctx context.Context, args []any)
	localCompleted func(info *activity.Info, result converter.EncodedValue, err error)
	localCanceled  func(info *activity.Info)
}

// SetOnActivityStartedListener sets a callback run when an activity attempt
// starts, with the attempt's context and arguments. It is not called for an
// attempt of a type nothing is registered or mocked for (that attempt fails
// with ActivityNotRegisteredError without running).
func (env *TestWorkflowEnvironment) SetOnActivityStartedListener(listener func(activityInfo *activity.Info, ctx context.Context, args converter.EncodedValues)) *TestWorkflowEnvironment {
	env.e.listeners.started = listener
	return env
}

// SetOnActivityCompletedListener sets a callback run when an activity
// attempt returns (with its result, or its error; a failed attempt that is
// retried is reported too) or is completed by CompleteActivity.
func (env *TestWorkflowEnvironment) SetOnActivityCompletedListener(listener func(activityInfo *activity.Info, result converter.EncodedValue, err error)) *TestWorkflowEnvironment {
	env.e.listeners.completed = listener
	return env
}

// SetOnActivityCanceledListener sets a callback run when an activity is
// canceled (ActivityTaskCanceled), or when its workflow run closes after
// requesting its cancellation without waiting for it.
func (env *TestWorkflowEnvironment) SetOnActivityCanceledListener(listener func(activityInfo *activity.Info)) *TestWorkflowEnvironment {
	env.e.listeners.canceled = listener
	return env
}

// SetOnActivityHeartbeatListener sets a callback run when a heartbeat of
// an activity reaches the server. As in Temporal, the worker throttles
// heartbeats, so not every activity.RecordHeartbeat call reaches it: the
// first of a batch and, when the batch ends, the latest one held back;
// when an attempt fails, the one it held back (see the package doc).
// Heartbeats of RecordActivityHeartbeat are not throttled.
func (env *TestWorkflowEnvironment) SetOnActivityHeartbeatListener(listener func(activityInfo *activity.Info, details converter.EncodedValues)) *TestWorkflowEnvironment {
	env.e.listeners.heartbeat = listener
	return env
}

// SetOnLocalActivityStartedListener sets a callback run when a local
// activity attempt starts, with its context and decoded arguments.
func (env *TestWorkflowEnvironment) SetOnLocalActivityStartedListener(listener func(activityInfo *activity.Info, ctx context.Context, args []any)) *TestWorkflowEnvironment {
	env.e.listeners.localStarted = listener
	return env
}

// SetOnLocalActivityCompletedListener sets a callback run when a local
// activity attempt returns.
func (env *TestWorkflowEnvironment) SetOnLocalActivityCompletedListener(listener func(activityInfo *activity.Info, result converter.EncodedValue, err error)) *TestWorkflowEnvironment {
	env.e.listeners.localCompleted = listener
	return env
}

// SetOnLocalActivityCanceledListener sets a callback run when a local
// activity is canceled.
func (env *TestWorkflowEnvironment) SetOnLocalActivityCanceledListener(listener func(activityInfo *activity.Info)) *TestWorkflowEnvironment {
	env.e.listeners.localCanceled = listener
	return env
}

// any reports whether a listener is set.
func (l *listeners) any() bool {
	return l.started != nil || l.completed != nil || l.canceled != nil || l.heartbeat != nil ||
		l.localStarted != nil || l.localCompleted != nil || l.localCanceled != nil
}

// info returns the activity.Info of the current attempt, in virtual time.
func (t *activityTask) info() *activity.Info {
	info := new(activity.Info)
	t.fillInfo(info)
	return info
}

// fillInfo fills in the activity.Info of the current attempt.
func (t *activityTask) fillInfo(info *activity.Info) {
	*info = attemptInfo(t.ref(), t.attemptStarted(), t.attempt)
}

func (l *listeners) activityStarted(t *activityTask, ctx context.Context) {
	if l.started != nil && t.run.env.hasCode(t.attrs().ActivityType.Name) {
		l.started(t.info(), ctx, converter.NewEncodedValues(t.attrs().Input, t.run.env.dc))
	}
}

func (l *listeners) activityCompleted(t *activityTask, result *converter.Payloads, err error) {
	if l.completed != nil {
		l.completed(t.info(), converter.NewEncodedValue(result, t.run.env.dc), err)
	}
}

func (l *listeners) activityCanceled(t *activityTask) {
	if l.canceled != nil {
		l.canceled(t.info())
	}
}

func (l *listeners) activityHeartbeat(t *activityTask, details *converter.Payloads) {
	if l.heartbeat != nil {
		l.heartbeat(t.info(), converter.NewEncodedValues(details, t.run.env.dc))
	}
}
