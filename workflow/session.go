package workflow

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/session"
)

// Sessions, as Temporal's: a session pins a sequence of activities to one
// worker. The workflow side is built from public pieces — a side effect
// for the session's ID, a creation activity, a signal, a selector — issuing
// exactly the commands Temporal's SDK issues, so that histories replay in
// both directions; the session worker is the simulator's (testsuite).

// SessionState is the state of a session, as Temporal's workflow.SessionState.
type SessionState int

const (
	// SessionStateOpen: the session was created and neither completed nor failed.
	SessionStateOpen SessionState = iota
	// SessionStateFailed: the session's worker stopped heartbeating (it went
	// down or shut down) or its ExecutionTimeout passed. Activities on the
	// session's context are canceled, and new ones fail with ErrSessionFailed.
	SessionStateFailed
	// SessionStateClosed: CompleteSession ended the session.
	SessionStateClosed
)

// ErrSessionFailed is the error of an activity executed on the context of a
// session that has failed: the activity is not scheduled. Its text is
// Temporal's.
var ErrSessionFailed = errors.New("session has failed")

// errFoundExistingOpenSession is CreateSession's error on a context that
// holds an open session (with Temporal's text, typo included).
var errFoundExistingOpenSession = errors.New("found exisiting open session in the context")

// SessionOptions configure a session, as Temporal's workflow.SessionOptions.
type SessionOptions struct {
	// ExecutionTimeout bounds the session's life: it is the creation
	// activity's StartToCloseTimeout, so a session still open after it
	// fails. Required: without it (and with no workflow run timeout)
	// CreateSession fails at once, as the activity it schedules has no
	// StartToClose or ScheduleToClose timeout.
	ExecutionTimeout time.Duration
	// CreationTimeout bounds the wait for a session worker: it is the
	// creation activity's ScheduleToStartTimeout. With no worker taking
	// sessions (testsuite's worker without EnableSessionWorker),
	// CreateSession fails after it with an *wfsim.ActivityError wrapping a
	// ScheduleToStart *wfsim.TimeoutError.
	CreationTimeout time.Duration
	// HeartbeatTimeout is the creation activity's HeartbeatTimeout: a
	// session worker that does not heartbeat within it is taken for dead
	// and the session fails. Zero means 20s. The simulated worker
	// heartbeats every third of it (at most every 10s) while it runs.
	HeartbeatTimeout time.Duration
}

// defaultSessionHeartbeatTimeout is Temporal's default HeartbeatTimeout.
const defaultSessionHeartbeatTimeout = 20 * time.Second

// SessionInfo describes a session, as Temporal's workflow.SessionInfo; the
// context CreateSession returns carries it (GetSessionInfo).
type SessionInfo struct {
	// SessionID identifies the session: a UUID, recorded with a side
	// effect. The simulation derives it from the run ID and the side
	// effect's place, so it is the same on every run of a test.
	SessionID string
	// HostName is the host of the worker running the session.
	HostName string
	// SessionState is the session's state as the workflow last saw it: a
	// worker that went down is seen only when its heartbeat timeout fires.
	SessionState SessionState

	resourceID string
	taskQueue  string // the session worker's own task queue
	cancel     CancelFunc
	// completionCtx holds the session but is not canceled with it, for
	// CompleteSession's activity.
	completionCtx Context
}

// recreateParams is what a recreate token holds, in Temporal's JSON form.
type recreateParams struct {
	Taskqueue string
}

// GetRecreateToken returns the token RecreateSession takes to create a new
// session on the same worker (as Temporal's, JSON naming the worker's task
// queue).
func (s *SessionInfo) GetRecreateToken() []byte {
	token, err := json.Marshal(recreateParams{Taskqueue: s.taskQueue})
	if err != nil {
		panic(fmt.Sprintf("workflow: encoding a session's recreate token: %v", err))
	}
	return token
}

// sessionKey is the Context key of a *SessionInfo.
type sessionKey struct{}

func sessionInfo(ctx Context) *SessionInfo {
	info, _ := ctx.Value(sessionKey{}).(*SessionInfo)
	return info
}

// CreateSession creates a session and returns a context for it: activities
// executed with that context run on the session's worker, on its own task
// queue. As in Temporal, the session is created by an activity,
// internalSessionCreationActivity, scheduled on the task queue of ctx's
// activity options (by default the workflow's) suffixed with
// "__internal_session_creation", with CreationTimeout as its
// ScheduleToStartTimeout, ExecutionTimeout as its StartToCloseTimeout and
// HeartbeatTimeout; a session worker takes it, signals the workflow (a
// signal named after the session's ID, carrying the worker's task queue and
// host name) and runs, heartbeating, until CompleteSession. In testsuite, the
// worker takes sessions only when worker.Options.EnableSessionWorker is set
// (TestWorkflowEnvironment.SetWorkerOptions).
//
// CreateSession fails when ctx holds a session still open, when the
// creation activity fails or times out (no worker took it within
// CreationTimeout: an *wfsim.ActivityError wrapping a *wfsim.TimeoutError),
// and on a canceled ctx. Without a session worker, it fails as with a
// Temporal server — after CreationTimeout, with a ScheduleToStart timeout —
// where Temporal's test environment fails at once ("unable to find
// activityType=internalSessionCreationActivity").
//
// The returned context is canceled when the session fails or completes,
// which cancels the activities executed with it. An activity executed with
// it after the session failed fails at once with ErrSessionFailed. A nil
// options panics.
func CreateSession(ctx Context, options *SessionOptions) (Context, error) {
	queue := ""
	if o := activityOptions(ctx); o != nil {
		queue = o.TaskQueue
	}
	if queue == "" {
		queue = getState(ctx).start.TaskQueue
	}
	return createSession(ctx, session.CreationQueue(queue), options)
}

// RecreateSession creates a session on the worker that ran the session
// whose GetRecreateToken returned recreateToken (its creation activity goes
// to that worker's own task queue), for a workflow that continues as new.
// It fails as CreateSession does, and on a token it cannot decode.
func RecreateSession(ctx Context, recreateToken []byte, options *SessionOptions) (Context, error) {
	var params recreateParams
	if err := json.Unmarshal(recreateToken, &params); err != nil {
		return nil, fmt.Errorf("failed to deserilalize recreate token: %v", err)
	}
	return createSession(ctx, params.Taskqueue, options)
}

func createSession(ctx Context, creationQueue string, options *SessionOptions) (Context, error) {
	if options == nil {
		panic("workflow: CreateSession: nil *SessionOptions")
	}
	if prev := sessionInfo(ctx); prev != nil && prev.SessionState == SessionStateOpen {
		return nil, errFoundExistingOpenSession
	}
	s := getState(ctx)
	s.sessions = true
	var sessionID string
	if err := SideEffect(ctx, func(Context) any { return newSessionID(s) }).Get(&sessionID); err != nil {
		return nil, err
	}
	responses := GetSignalChannel(ctx, sessionID)

	heartbeat := options.HeartbeatTimeout
	if heartbeat == 0 {
		heartbeat = defaultSessionHeartbeatTimeout
	}
	creation := ActivityOptions{
		TaskQueue:              creationQueue,
		ScheduleToStartTimeout: options.CreationTimeout,
		StartToCloseTimeout:    options.ExecutionTimeout,
		HeartbeatTimeout:       heartbeat,
		// Retries are for a worker that has too many sessions; a worker
		// that stops heartbeating, or a session past its time, is not
		// retried elsewhere.
		RetryPolicy: &wfsim.RetryPolicy{
			InitialInterval:        time.Second,
			BackoffCoefficient:     1.1,
			MaximumInterval:        10 * time.Second,
			NonRetryableErrorTypes: []string{"TemporalTimeout:StartToClose", "TemporalTimeout:Heartbeat"},
		},
	}
	info := &SessionInfo{SessionID: sessionID, SessionState: SessionStateOpen}
	completionCtx := WithValue(ctx, sessionKey{}, info)
	info.completionCtx = completionCtx
	// The session's context is a child of completionCtx, so that
	// CompleteSession cancels the session's activities (the creation
	// activity among them) and still runs its own with the session.
	sessionCtx, cancel := WithCancel(completionCtx)
	creationCtx := WithActivityOptions(sessionCtx, creation)
	created := ExecuteActivity(creationCtx, session.CreationActivity, sessionID)

	var creationErr error
	var response session.Response
	sel := NewSelector(creationCtx)
	sel.AddReceive(responses, func(c ReceiveChannel, more bool) { c.Receive(creationCtx, &response) })
	sel.AddFuture(created, func(f Future) {
		// The activity ended before its worker signaled: it timed out
		// waiting for one, or failed.
		creationErr = f.Get(creationCtx, nil)
		GetLogger(creationCtx).Debug("Failed to create session", "sessionID", sessionID, "Error", creationErr)
	})
	sel.Select(creationCtx)
	if creationErr != nil {
		cancel()
		return nil, creationErr
	}
	info.taskQueue = response.Taskqueue
	info.resourceID = response.ResourceID
	info.HostName = response.HostName
	info.cancel = cancel

	// The creation activity ends when the session does: canceled by
	// CompleteSession, or failed — the worker stopped heartbeating or
	// shut down, or ExecutionTimeout passed — which fails the session.
	Go(creationCtx, func(c Context) {
		err := created.Get(c, nil)
		if err == nil {
			return
		}
		var canceled *wfsim.CanceledError
		if !errors.As(err, &canceled) {
			GetLogger(c).Debug("Session failed", "sessionID", sessionID, "Error", err)
			info.SessionState = SessionStateFailed
			cancel()
		}
	})
	GetLogger(ctx).Debug("Created session", "sessionID", sessionID)
	return sessionCtx, nil
}

// CompleteSession ends the session ctx holds, releasing its worker: the
// session's context is canceled (and with it the creation activity and the
// session's activities still running), then, as in Temporal,
// internalSessionCompletionActivity runs on the session's worker (3s
// ScheduleToStart and StartToClose timeouts) and CompleteSession waits for
// it. A failure of that activity is logged, not returned. It does nothing
// for a context without a session or whose session is not open.
//
// The context can still be used afterwards: its activities then go to the
// task queue of its activity options, not to the session's worker.
func CompleteSession(ctx Context) {
	info := sessionInfo(ctx)
	if info == nil || info.SessionState != SessionStateOpen {
		return
	}
	info.cancel()
	completionCtx := WithActivityOptions(info.completionCtx, ActivityOptions{
		ScheduleToStartTimeout: 3 * time.Second,
		StartToCloseTimeout:    3 * time.Second,
	})
	// completionCtx still holds the open session: the activity goes to
	// its worker's task queue.
	if err := ExecuteActivity(completionCtx, session.CompletionActivity, info.SessionID).Get(completionCtx, nil); err != nil {
		GetLogger(completionCtx).Warn("Complete session activity failed", "Error", err)
	}
	info.SessionState = SessionStateClosed
	GetLogger(ctx).Debug("Completed session", "sessionID", info.SessionID)
}

// GetSessionInfo returns the session ctx holds (the latest, when a
// context was used to create several in turn), or nil, logging a warning,
// when it holds none.
func GetSessionInfo(ctx Context) *SessionInfo {
	info := sessionInfo(ctx)
	if info == nil {
		GetLogger(ctx).Warn("Context contains no session information")
	}
	return info
}

// sessionTaskQueue says where an activity of type name executed with ctx
// goes, when the run uses sessions (runState.sessions): to the task queue
// of ctx's open session (ok), nowhere (ErrSessionFailed) when that session
// failed, or where its options say (not ok). The creation activity keeps
// its own queue.
func sessionTaskQueue(ctx Context, name string) (queue string, ok bool, err error) {
	info := sessionInfo(ctx)
	if info == nil || name == session.CreationActivity {
		return "", false, nil
	}
	switch info.SessionState {
	case SessionStateFailed:
		return "", false, ErrSessionFailed
	case SessionStateOpen:
		return info.taskQueue, true, nil
	}
	return "", false, nil
}

// newSessionID returns a UUID (version 5 in form) derived from the run's ID
// and the place of the side effect that records it: unique in the run,
// the same on every run of a test.
func newSessionID(s *runState) string {
	h := sha1.Sum([]byte("wfsim session/" + s.start.RunID + "/" + strconv.FormatInt(s.rareForWrite().sideEffectID, 10)))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	var b [36]byte
	hex.Encode(b[0:8], h[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], h[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], h[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], h[8:10])
	b[23] = '-'
	hex.Encode(b[24:36], h[10:16])
	return string(b[:])
}
