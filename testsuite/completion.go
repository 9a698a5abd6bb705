package testsuite

import (
	"errors"
	"fmt"
	"time"

	"github.com/wfsim/wfsim/converter"
)

// The causes an ActivityCompletionError matches with errors.Is.
var (
	// ErrUnknownTaskToken: no activity of the environment has the token.
	ErrUnknownTaskToken = errors.New("unknown task token")
	// ErrActivityAlreadyClosed: the activity completed, failed, was
	// canceled, timed out, or its workflow run closed; or the attempt was
	// already completed by an earlier call.
	ErrActivityAlreadyClosed = errors.New("activity already closed")
	// ErrActivityTimedOut: the activity timed out (it also matches
	// ErrActivityAlreadyClosed).
	ErrActivityTimedOut = errors.New("activity timed out")
)

// ActivityCompletionError reports a CompleteActivity, CompleteActivityByID
// or RecordActivityHeartbeat call that cannot be applied, and why.
type ActivityCompletionError struct {
	TaskToken []byte
	// Reason says what went wrong, e.g. "the activity already timed out".
	Reason string
	cause  error
}

func (e *ActivityCompletionError) Error() string {
	return fmt.Sprintf("testsuite: activity task token %q: %s", e.TaskToken, e.Reason)
}

// Is matches ErrUnknownTaskToken, ErrActivityAlreadyClosed and
// ErrActivityTimedOut.
func (e *ActivityCompletionError) Is(target error) bool {
	return target == e.cause || (target == ErrActivityAlreadyClosed && e.cause == ErrActivityTimedOut)
}

// closeReason says why an activity closed.
type closeReason uint8

const (
	open closeReason = iota
	closedCompleted
	closedFailed
	closedTimedOut
	closedCanceled
	closedRunClosed
)

func (c closeReason) String() string {
	return [...]string{"open", "completed", "failed", "timed out", "was canceled", "was abandoned: its workflow run closed"}[c]
}

// tokenTable finds an activity by its task token. Its refs are linked
// newest first through tokenRef.next: they live in their activityTasks, so
// adding one allocates nothing. The map that finds a token is built on the
// first lookup in a table too long to scan (most tests never look one up),
// then kept up to date. Two words, so that the environment's allocation
// keeps its size class. Guarded by environment.mu.
type tokenTable struct {
	newest  *tokenRef
	byToken map[string]*tokenRef
}

// tokenScanMax is the most refs lookup scans rather than indexing them.
const tokenScanMax = 16

// add adds ref, the newest activity's.
func (tt *tokenTable) add(ref *tokenRef) {
	ref.next = tt.newest
	tt.newest = ref
	if tt.byToken != nil {
		tt.byToken[string(ref.token())] = ref
	}
}

// lookup finds the ref with token.
func (tt *tokenTable) lookup(token []byte) (*tokenRef, bool) {
	if tt.byToken == nil {
		n := 0
		for ref := tt.newest; ref != nil; ref = ref.next {
			if string(ref.token()) == string(token) {
				return ref, true
			}
			if n++; n == tokenScanMax {
				tt.index()
				break
			}
		}
		if tt.byToken == nil {
			return nil, false
		}
	}
	ref, ok := tt.byToken[string(token)]
	return ref, ok
}

// index builds byToken.
func (tt *tokenTable) index() {
	tt.byToken = make(map[string]*tokenRef)
	for ref := tt.newest; ref != nil; ref = ref.next {
		tt.byToken[string(ref.token())] = ref
	}
}

// tokenRef is what other goroutines may learn of an activity: its token and
// state, kept under environment.mu. The activityTask itself belongs to the
// simulation goroutine, but for the fields set before addToken publishes it
// and never changed (run.id, run.runID, attrs, tokenBuf), which any
// goroutine that found the ref under environment.mu may read.
type tokenRef struct {
	t *activityTask
	// next is the ref of the activity scheduled before (tokenTable).
	next *tokenRef

	attempt int32
	// completed is the attempt a CompleteActivity call has already been
	// accepted for, or 0.
	completed int32
	// seq is the activity's place in schedule order across the
	// environment (activitySeq): results arriving at one instant are
	// applied in it. An int32 in what was padding keeps the task in its
	// size class; no environment can hold 2^31 activities (each keeps
	// kilobytes of history).
	seq     int32
	pending bool
	closed  closeReason
	// hasPriority says t.extras.priority is set; both are set when the
	// activity is scheduled and never change, so any goroutine may read
	// them (the padding here keeps the task in its size class).
	hasPriority bool
	// tokenLen is the length of the task token in t.tokenBuf, or 0 when
	// it did not fit and is *t.extras.longToken: set before addToken
	// publishes the ref and never changed, like t.tokenBuf (a slice here
	// would cost the task 24 bytes and its size class).
	tokenLen uint8
}

// order returns the activity's place in schedule order (see tokenRef.seq).
func (ref *tokenRef) order() int64 { return int64(ref.seq) }

// token returns the activity's task token, the same bytes every time.
func (ref *tokenRef) token() []byte {
	if ref.tokenLen == 0 {
		return *ref.t.extras.longToken
	}
	return ref.t.tokenBuf[:ref.tokenLen:ref.tokenLen]
}

// addToken publishes t's task token, "<run ID>/<scheduled event ID>",
// tokenLen bytes of t.tokenBuf (0: t.extras.longToken).
func (e *environment) addToken(t *activityTask, tokenLen uint8, seq int64) {
	// t is new, its tok zero: field by field, as copying a whole
	// tokenRef would cost a bulk write barrier while the GC runs.
	ref := &t.tok
	ref.t, ref.tokenLen, ref.seq, ref.attempt = t, tokenLen, int32(seq), t.attempt
	ref.hasPriority = t.extras != nil && t.extras.priority != nil
	if e.delayed.n > 0 {
		// A delayed callback may now post about this activity: it must
		// run at once (bubble.go: noteSimGoroutine).
		e.noteSimNow()
	}
	e.mu.Lock()
	e.tokens.add(t.ref())
	e.mu.Unlock()
}

func (e *environment) setTokenAttempt(ref *tokenRef, attempt int32, started bool) {
	e.mu.Lock()
	ref.attempt = attempt
	e.mu.Unlock()
}

func (e *environment) setTokenPending(ref *tokenRef, pending bool) {
	if pending {
		e.pendingCount++
	} else {
		e.pendingCount--
	}
	e.mu.Lock()
	ref.pending = pending
	e.mu.Unlock()
}

func (e *environment) closeToken(ref *tokenRef, why closeReason) {
	e.mu.Lock()
	ref.closed = why
	e.mu.Unlock()
}

// acceptCompletion checks a completion of the activity with token and, if
// it can be applied, claims the current attempt for it.
func (e *environment) acceptCompletion(token []byte, claim bool) (*tokenRef, int32, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	ref, ok := e.tokens.lookup(token)
	switch {
	case !ok:
		return nil, 0, &ActivityCompletionError{TaskToken: token, Reason: "unknown task token", cause: ErrUnknownTaskToken}
	case ref.closed == closedTimedOut:
		return nil, 0, &ActivityCompletionError{TaskToken: token, Reason: "the activity already timed out", cause: ErrActivityTimedOut}
	case ref.closed != open:
		return nil, 0, &ActivityCompletionError{TaskToken: token, Reason: "the activity already " + ref.closed.String(), cause: ErrActivityAlreadyClosed}
	case ref.completed == ref.attempt:
		return nil, 0, &ActivityCompletionError{TaskToken: token, Reason: fmt.Sprintf("attempt %d was already completed by an earlier call", ref.attempt), cause: ErrActivityAlreadyClosed}
	}
	if claim {
		ref.completed = ref.attempt
	}
	return ref, ref.attempt, nil
}

// CompleteActivity completes an activity by its task token: typically one
// that returned activity.ErrResultPending, but a running attempt may be
// completed this way too. err nil completes it with result; a
// *wfsim.CanceledError acknowledges a cancellation request; any other error
// fails the attempt, which the retry policy may retry.
//
// It is safe to call from any goroutine. Called on the simulation's
// goroutine — from a delayed callback, a listener, a mock, or activity code
// running there — it takes effect at once, so a completion from a callback
// due at the same instant as a timeout wins if the callback was put on the
// clock first. Called from another goroutine (activity code inside a
// synctest bubble, or a goroutine it started), it takes effect at that
// virtual instant, after the clock items due then, in the order the
// activities were scheduled. An unknown token, a second completion of the same attempt, or a
// completion of an activity that already closed returns an
// *ActivityCompletionError (errors.Is ErrUnknownTaskToken,
// ErrActivityAlreadyClosed, ErrActivityTimedOut).
func (env *TestWorkflowEnvironment) CompleteActivity(taskToken []byte, result any, err error) error {
	e := env.e
	var payloads *converter.Payloads
	if err == nil && result != nil {
		p, perr := toPayloads(e.encoder(), result)
		if perr != nil {
			return fmt.Errorf("testsuite: CompleteActivity: encoding the result: %w", perr)
		}
		payloads = p
	}
	ref, attempt, cerr := e.acceptCompletion(taskToken, true)
	if cerr != nil {
		return cerr
	}
	e.post(ref.order(), func() {
		t := ref.t
		if !t.current(attempt) {
			return
		}
		if t.pending {
			t.pending = false
			e.setTokenPending(ref, false)
		}
		if err != nil {
			t.failed(err)
		} else {
			t.completed(payloads)
		}
	})
	return nil
}

// CompleteActivityByID is CompleteActivity for the activity of a workflow
// run with the given activity ID. An empty runID means the run of the
// workflow that has the activity.
func (env *TestWorkflowEnvironment) CompleteActivityByID(workflowID, runID, activityID string, result any, err error) error {
	e := env.e
	e.mu.Lock()
	var found *tokenRef
	for ref := e.tokens.newest; ref != nil; ref = ref.next {
		// With no run ID, the latest run that has the activity.
		t := ref.t
		if t.run.id == workflowID && t.attrs().ActivityID == activityID && (runID == "" || t.run.runID == runID) &&
			(found == nil || ref.order() > found.order()) {
			found = ref
		}
	}
	var token []byte
	if found != nil {
		token = found.token()
	}
	e.mu.Unlock()
	if token == nil {
		return &ActivityCompletionError{TaskToken: []byte(workflowID + "/" + runID + "/" + activityID), Reason: "no activity with that ID", cause: ErrUnknownTaskToken}
	}
	return env.CompleteActivity(token, result, err)
}

// RecordActivityHeartbeat records a heartbeat of an activity by its task
// token with the given details, which keeps it alive against its heartbeat
// timeout — in particular an activity left pending by
// activity.ErrResultPending. Like CompleteActivity, it is safe from any
// goroutine and takes effect at the virtual instant it is made. Like
// Temporal's client call, it goes to the server directly: the worker's
// heartbeat throttling does not apply to it.
func (env *TestWorkflowEnvironment) RecordActivityHeartbeat(taskToken []byte, details ...any) error {
	e := env.e
	p, err := e.dc.ToPayloads(details...)
	if err != nil {
		return fmt.Errorf("testsuite: RecordActivityHeartbeat: encoding the details: %w", err)
	}
	ref, attempt, cerr := e.acceptCompletion(taskToken, false)
	if cerr != nil {
		return cerr
	}
	e.post(ref.order(), func() { ref.t.recordHeartbeat(attempt, p) })
	return nil
}

// PendingActivity describes an activity that is scheduled and not closed.
type PendingActivity struct {
	TaskToken     []byte
	WorkflowID    string
	RunID         string
	ActivityID    string
	ActivityType  string
	Attempt       int32
	ScheduledTime time.Time
	// Pending says the current attempt returned activity.ErrResultPending
	// and waits for CompleteActivity.
	Pending bool
}

// PendingActivities lists the activities that are scheduled and not closed,
// in schedule order. Call it from the test's goroutine before or after
// ExecuteWorkflow, or from a delayed callback or listener while it runs.
func (env *TestWorkflowEnvironment) PendingActivities() []PendingActivity {
	e := env.e
	var out []PendingActivity
	for _, id := range e.runs.keys() {
		r := e.runs.get(id)
		for _, t := range r.activities.sorted() {
			out = append(out, PendingActivity{
				TaskToken: t.ref().token(), WorkflowID: r.id, RunID: r.runID, ActivityID: t.attrs().ActivityID,
				ActivityType: t.attrs().ActivityType.Name, Attempt: t.attempt, ScheduledTime: t.scheduledTime(), Pending: t.pending,
			})
		}
	}
	return out
}
