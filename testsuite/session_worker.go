package testsuite

import (
	"context"
	"strings"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/session"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/simclock"
	"github.com/wfsim/wfsim/worker"
)

// The simulated worker's sessions (worker.Options.EnableSessionWorker), as
// a Temporal worker runs them. workflow.CreateSession schedules
// internalSessionCreationActivity on "<queue>__internal_session_creation";
// the session worker takes it while it has room for another session (at most
// MaxConcurrentSessionExecutionSize, 1000 by default, at once), signals the
// workflow its own task queue ("<resource ID>@<host name>") on a signal
// named after the session's ID, and keeps the activity running,
// heartbeating every third of its HeartbeatTimeout (at most every 10s).
// The workflow sends the session's activities to that task queue, which the
// session worker takes every activity from. CompleteSession cancels the
// creation activity and runs internalSessionCompletionActivity there, which
// ends the session: the creation activity then returns (completed), as a
// Temporal worker's does once the completion activity has run — before
// its next heartbeat would have told it of the cancellation.
//
// The creation activity ends otherwise as on a Temporal worker: at the
// heartbeat after a cancellation request that no completion followed
// (canceled), at the heartbeat after the worker stop channel closed
// (SetWorkerStopChannel: failed, non-retryable, "SessionWorkerShutdown"),
// or when its ExecutionTimeout (StartToClose) passes. Everything happens in
// virtual time, on the simulation goroutine.

const (
	// sessionResourceID is the simulated session worker's resource ID (a
	// Temporal worker makes a UUID; its test environment uses this).
	sessionResourceID = "testResourceID"
	// sessionHostName is the simulated worker's host name, fixed so that
	// histories are the same on every machine.
	sessionHostName = "wfsim-host"
	// maxSessionHeartbeatInterval bounds the time between the creation
	// activity's heartbeats, as in Temporal.
	maxSessionHeartbeatInterval = 10 * time.Second
	// defaultMaxConcurrentSessions is Temporal's default
	// MaxConcurrentSessionExecutionSize.
	defaultMaxConcurrentSessions = 1000
)

// sessionWorker is the session part of the simulated worker.
type sessionWorker struct {
	e     *environment
	queue string // its own task queue: resource ID @ host name
	max   int
	// open are the sessions running, by session ID; each holds one of
	// the max places.
	open map[string]*sessionRun
	// waiting are creation activities that found no place, in dispatch
	// order: a place freed goes to the first still waiting.
	waiting []*activityTask
}

// sessionRun is one running creation activity: a session.
type sessionRun struct {
	w       *sessionWorker
	id      string
	t       *activityTask
	attempt int32
	every   time.Duration
	tick    *simclock.Timer
	ended   bool
}

// newSessionWorker returns the session part of a worker with options, nil
// unless they enable sessions. It lives in the worker's settings
// (worker_options.go), which environments without SetWorkerOptions do not
// allocate.
func (e *environment) newSessionWorker(options worker.Options) *sessionWorker {
	if !options.EnableSessionWorker {
		return nil
	}
	max := options.MaxConcurrentSessionExecutionSize
	if max <= 0 {
		max = defaultMaxConcurrentSessions
	}
	return &sessionWorker{e: e, queue: session.ResourceQueue(sessionResourceID, sessionHostName), max: max}
}

// sessions returns the session part of the worker, nil unless
// SetWorkerOptions enabled sessions.
func (e *environment) sessions() *sessionWorker {
	if e.workerOpts == nil {
		return nil
	}
	return e.workerOpts.sessions
}

// stopped says the worker stop channel (SetWorkerStopChannel) is closed.
func (w *sessionWorker) stopped() bool {
	select {
	case <-w.e.worker.Stop:
		return true
	default:
		return false
	}
}

// polls says whether the session worker takes activityType from queue: every
// activity from its own queue, and creation activities from any creation
// queue while it has room. The simulated worker takes ordinary activities
// from every task queue (hasWorker), so its sessions come from every
// queue's creation queue too, as in Temporal's test environment: a session
// created on another queue's activity options (a worker pool of its own)
// is taken, not left to time out. A stopped worker takes nothing.
func (w *sessionWorker) polls(queue, activityType string) bool {
	if w.stopped() {
		return false
	}
	if queue == w.queue {
		return true
	}
	return activityType == session.CreationActivity && len(w.open) < w.max &&
		strings.HasSuffix(queue, session.CreationQueueSuffix)
}

// wait notes a creation activity left waiting for a worker, which gets the
// next place a session frees.
func (w *sessionWorker) wait(t *activityTask) {
	if t.attrs().ActivityType.Name == session.CreationActivity {
		w.waiting = append(w.waiting, t)
	}
}

// execute runs an attempt of the session worker's own activities, unless
// the test mocked them; it reports whether it did.
func (w *sessionWorker) execute(t *activityTask) bool {
	name := t.attrs().ActivityType.Name
	if name != session.CreationActivity && name != session.CompletionActivity || w.e.mocks.has(name) {
		return false
	}
	var id string
	if err := w.e.dc.FromPayloads(t.attrs().Input, &id); err != nil {
		t.outcome(t.attempt, outcome{err: argumentError(err)})
		return true
	}
	if name == session.CompletionActivity {
		w.complete(t, id)
	} else {
		w.create(t, id)
	}
	return true
}

// create starts a session: the creation activity's attempt takes a place,
// signals the workflow where the session's activities go, and heartbeats.
func (w *sessionWorker) create(t *activityTask, id string) {
	attempt := t.attempt
	if len(w.open) >= w.max || w.open[id] != nil {
		// Taken by another session meanwhile: retryable, as in Temporal.
		t.outcome(attempt, outcome{err: wfsim.NewApplicationError("too many outstanding sessions", "", false, nil)})
		return
	}
	s := &sessionRun{w: w, id: id, t: t, attempt: attempt, every: min(t.attrs().HeartbeatTimeout/3, maxSessionHeartbeatInterval)}
	if w.open == nil {
		w.open = make(map[string]*sessionRun)
	}
	w.open[id] = s
	// The attempt's context is canceled when the attempt ends, and when
	// its cancellation is requested, which the session sees only at its
	// next heartbeat.
	t.ctx.AfterFunc(func() {
		if !t.current(attempt) {
			s.end()
		}
	})
	input, err := toPayloads(w.e.dc, session.Response{Taskqueue: w.queue, HostName: sessionHostName, ResourceID: sessionResourceID})
	if err != nil {
		s.end()
		t.outcome(attempt, outcome{err: err})
		return
	}
	w.e.signalRun(t.run, replay.WorkflowExecutionSignaledEventAttributes{SignalName: id, Input: input, Identity: w.e.workerIdentity()})
	if s.every > 0 {
		s.tick = w.e.clock.AfterFunc(s.every, s.heartbeat)
	}
}

// heartbeat is the session's heartbeat: it keeps the creation activity
// alive, and the answer tells it of a cancellation request; a stopped
// worker ends the session instead.
func (s *sessionRun) heartbeat() {
	t := s.t
	if s.ended || !t.current(s.attempt) {
		s.end()
		return
	}
	if s.w.stopped() {
		s.end()
		t.outcome(s.attempt, outcome{err: wfsim.NewApplicationErrorWithOptions("session failed due to worker shutdown", "SessionWorkerShutdown",
			wfsim.ApplicationErrorOptions{NonRetryable: true, Cause: context.Canceled})})
		return
	}
	// Re-armed without the heartbeat listener: Temporal's test environment
	// never reports the session's heartbeats, and tests that count
	// heartbeats should not see them.
	t.armHeartbeat()
	if t.cancelRequested {
		s.end()
		t.outcome(s.attempt, outcome{err: context.Canceled})
		return
	}
	s.tick.Reset(s.every)
}

// complete is internalSessionCompletionActivity: it ends the session, whose
// creation activity then returns, and completes.
func (w *sessionWorker) complete(t *activityTask, id string) {
	t.outcome(t.attempt, outcome{})
	if s := w.open[id]; s != nil {
		s.end()
		s.t.outcome(s.attempt, outcome{})
	}
}

// end frees the session's place, once, for the first creation activity
// waiting for one.
func (s *sessionRun) end() {
	if s.ended {
		return
	}
	s.ended = true
	if s.tick != nil {
		s.tick.Stop()
	}
	w := s.w
	if w.open[s.id] == s {
		delete(w.open, s.id)
	}
	for len(w.waiting) > 0 {
		t := w.waiting[0]
		w.waiting[0] = nil
		w.waiting = w.waiting[1:]
		if t.closed() || t.started || t.retrying {
			continue
		}
		if x := t.extras; x != nil && x.scheduleToStart != nil {
			x.scheduleToStart.Stop()
			x.scheduleToStart = nil
		}
		t.arm(0)
		return
	}
}
