package testsuite

import (
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
)

// listeners are the callbacks a test sets to watch activities.
type listeners struct {
	started   func(info *activity.Info, args converter.EncodedValues)
	completed func(info *activity.Info, result converter.EncodedValue, err error)
	canceled  func(info *activity.Info)
	heartbeat func(info *activity.Info, details converter.EncodedValues)
}

func (t *activityTask) info() *activity.Info {
	return &activity.Info{
		TaskToken:         t.token,
		WorkflowType:      &activity.WorkflowType{Name: t.run.wfType},
		WorkflowNamespace: defaultNamespace,
		WorkflowExecution: activity.WorkflowExecution{ID: t.run.id, RunID: t.run.runID},
		ActivityID:        t.attrs.ActivityID,
		ActivityType:      activity.ActivityType{Name: t.attrs.ActivityType},
		TaskQueue:         t.attrs.TaskQueue,
		ScheduledTime:     t.scheduled,
		StartedTime:       t.attemptStarted,
		Attempt:           t.attempt,
	}
}

func (l *listeners) activityStarted(t *activityTask) {
	if l.started != nil {
		l.started(t.info(), converter.NewEncodedValues(t.attrs.Input, t.env.dc))
	}
}

func (l *listeners) activityCompleted(t *activityTask, result converter.Payloads, err error) {
	if l.completed != nil {
		l.completed(t.info(), converter.NewEncodedValue(result, t.env.dc), err)
	}
}

func (l *listeners) activityCanceled(t *activityTask) {
	if l.canceled != nil {
		l.canceled(t.info())
	}
}

func (l *listeners) activityHeartbeat(t *activityTask, details converter.Payloads) {
	if l.heartbeat != nil {
		l.heartbeat(t.info(), converter.NewEncodedValues(details, t.env.dc))
	}
}
