package testsuite

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/wfsim/wfsim/converter"
)

// ActivityCompletionError reports a CompleteActivity or
// RecordActivityHeartbeat call that cannot be applied.
type ActivityCompletionError struct {
	TaskToken []byte
	Reason    string // "unknown task token", "already completed", …
}

func (e *ActivityCompletionError) Error() string {
	return fmt.Sprintf("testsuite: activity task token %q: %s", e.TaskToken, e.Reason)
}

// ErrUnknownTaskToken, ErrActivityAlreadyClosed are the causes an
// ActivityCompletionError matches with errors.Is.
var (
	ErrUnknownTaskToken      = errors.New("unknown task token")
	ErrActivityAlreadyClosed = errors.New("activity already completed, failed or timed out")
)

func (e *ActivityCompletionError) Is(target error) bool {
	switch target {
	case ErrUnknownTaskToken:
		return e.Reason == ErrUnknownTaskToken.Error()
	case ErrActivityAlreadyClosed:
		return e.Reason == ErrActivityAlreadyClosed.Error()
	}
	return false
}

// CompleteActivity completes a pending activity (one that returned
// activity.ErrResultPending) by its task token, with a result or an error
// (a *wfsim.CanceledError cancels it). It is safe from any goroutine; made
// from a delayed callback, listener or activity, it takes effect at that
// virtual instant.
func (env *TestWorkflowEnvironment) CompleteActivity(taskToken []byte, result any, err error) error {
	e := env.e
	t, cerr := e.pendingByToken(taskToken)
	if cerr != nil {
		return cerr
	}
	var payloads converter.Payloads
	if err == nil && result != nil {
		p, perr := e.dc.ToPayloads(result)
		if perr != nil {
			return perr
		}
		payloads = p
	}
	gen := t.gen
	e.post(func() {
		if err != nil {
			t.failed(gen, err)
		} else {
			t.completed(gen, payloads)
		}
	})
	return nil
}

// CompleteActivityByID is CompleteActivity for the activity of a workflow
// run with the given activity ID.
func (env *TestWorkflowEnvironment) CompleteActivityByID(workflowID, runID, activityID string, result any, err error) error {
	e := env.e
	e.mu.Lock()
	var token []byte
	if r := e.runs[workflowID]; r != nil && (runID == "" || r.runID == runID) {
		for _, t := range r.activities {
			if t.attrs.ActivityID == activityID {
				token = t.token
			}
		}
	}
	e.mu.Unlock()
	if token == nil {
		return &ActivityCompletionError{TaskToken: []byte(workflowID + "/" + runID + "/" + activityID), Reason: ErrUnknownTaskToken.Error()}
	}
	return env.CompleteActivity(token, result, err)
}

// RecordActivityHeartbeat records a heartbeat for a pending activity, which
// keeps it alive against its heartbeat timeout.
func (env *TestWorkflowEnvironment) RecordActivityHeartbeat(taskToken []byte, details ...any) error {
	e := env.e
	t, cerr := e.pendingByToken(taskToken)
	if cerr != nil {
		return cerr
	}
	p, err := e.dc.ToPayloads(details...)
	if err != nil {
		return err
	}
	gen := t.gen
	e.post(func() { t.recordHeartbeat(gen, p) })
	return nil
}

func (e *environment) pendingByToken(token []byte) (*activityTask, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	t, ok := e.tokens[string(token)]
	if !ok {
		return nil, &ActivityCompletionError{TaskToken: token, Reason: ErrUnknownTaskToken.Error()}
	}
	if t.closed {
		return nil, &ActivityCompletionError{TaskToken: token, Reason: ErrActivityAlreadyClosed.Error()}
	}
	return t, nil
}

// PendingActivity describes an activity that is scheduled and not closed.
type PendingActivity struct {
	TaskToken     []byte
	WorkflowID    string
	ActivityID    string
	ActivityType  string
	Attempt       int32
	ScheduledTime time.Time
}

// PendingActivities lists the pending activities, in schedule order.
func (env *TestWorkflowEnvironment) PendingActivities() []PendingActivity {
	e := env.e
	var out []PendingActivity
	for _, id := range sortedKeys(e.runs) {
		r := e.runs[id]
		ids := make([]int64, 0, len(r.activities))
		for sid := range r.activities {
			ids = append(ids, sid)
		}
		slices.Sort(ids)
		for _, sid := range ids {
			t := r.activities[sid]
			out = append(out, PendingActivity{TaskToken: t.token, WorkflowID: r.id, ActivityID: t.attrs.ActivityID, ActivityType: t.attrs.ActivityType, Attempt: t.attempt, ScheduledTime: t.scheduled})
		}
	}
	return out
}

// post queues f to run on the simulation's goroutine at the current virtual
// instant. It is how calls from other goroutines reach the simulation.
func (e *environment) post(f func()) {
	e.mu.Lock()
	e.inbox = append(e.inbox, f)
	e.mu.Unlock()
}

// drain runs what was posted, in the order it was posted.
func (e *environment) drain() bool {
	e.mu.Lock()
	fs := e.inbox
	e.inbox = nil
	e.mu.Unlock()
	for _, f := range fs {
		f()
	}
	return len(fs) > 0
}
