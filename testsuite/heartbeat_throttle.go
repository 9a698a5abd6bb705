package testsuite

import (
	"sync"
	"time"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/simclock"
)

// Heartbeat throttling, as Temporal's Go SDK worker does it: the simulated
// worker does not pass every activity.RecordHeartbeat to the server.
//
//   - A heartbeat made when no batch is open is sent at once, and opens a
//     batch that lasts the throttle interval.
//   - A heartbeat made while a batch is open is held back; a later one
//     replaces it (only the latest details are kept).
//   - When the batch ends, the heartbeat held back, if any, is sent, which
//     opens the next batch; with none held back, the next heartbeat is sent
//     at once again.
//   - Once the worker's stop channel is closed (SetWorkerStopChannel), the
//     batch ends and heartbeats are sent as they come: the worker sends
//     what it holds before it stops. The simulation notices the closed
//     channel at the attempt's next heartbeat, or when its code returns.
//   - When the attempt's code returns, the batch ends. The heartbeat held
//     back is dropped if the attempt completed, and sent before the result
//     otherwise (a failure, a panic, a cancellation, ErrResultPending), so
//     that the server keeps its details for the next attempt.
//
// The throttle interval is 80% of the activity's HeartbeatTimeout, or
// worker.Options' DefaultHeartbeatThrottleInterval (30s when zero) for an
// activity without one, and at most MaxHeartbeatThrottleInterval (60s when
// zero).
//
// The server sees only what is sent: its heartbeat timeout counts from the
// last heartbeat it received, a timed-out activity's TimeoutError carries
// the details of that heartbeat, and the heartbeat listeners see exactly
// the heartbeats sent. In a TestWorkflowEnvironment the batch's end is an
// item on the virtual clock; heartbeats posted by activity goroutines at an
// instant are applied after the clock items due then, so a batch that ends
// at the instant of a heartbeat ends first.

// The SDK's defaults for worker.Options' throttle intervals.
const (
	defaultHeartbeatThrottle = 30 * time.Second
	maxHeartbeatThrottle     = 60 * time.Second
)

// heartbeatThrottleInterval is how long a batch of heartbeats lasts for an
// activity with the given heartbeat timeout, under the worker's options (w
// may be nil: none set).
func heartbeatThrottleInterval(heartbeatTimeout time.Duration, w *workerSettings) time.Duration {
	def, limit := defaultHeartbeatThrottle, maxHeartbeatThrottle
	if w != nil {
		if d := w.options.DefaultHeartbeatThrottleInterval; d > 0 {
			def = d
		}
		if d := w.options.MaxHeartbeatThrottleInterval; d != 0 {
			limit = d
		}
	}
	d := def
	if heartbeatTimeout > 0 {
		// As the SDK computes it, in floating point.
		d = time.Duration(0.8 * float64(heartbeatTimeout))
	}
	return min(d, limit)
}

// heartbeatBatch is the worker's side of an attempt's heartbeats in a
// TestWorkflowEnvironment: the open batch, and the heartbeat held back.
// The task's extras point to it once the activity heartbeats, so
// activities that never do pay nothing for it.
type heartbeatBatch struct {
	// timer ends the open batch; one per task, re-armed with Reset.
	timer *simclock.Timer
	// attempt is the attempt whose batch is open.
	attempt int32
	open    bool
	// held says a heartbeat was held back, with details heldDetails
	// (which may be nil: a heartbeat without details).
	held        bool
	heldDetails *converter.Payloads
}

// workerHeartbeat is a heartbeat made by attempt's code (through its
// context), on its way through the worker's throttle to the server
// (recordHeartbeat).
func (t *activityTask) workerHeartbeat(attempt int32, details *converter.Payloads) {
	if !t.current(attempt) {
		return // the server would answer NotFound; the context is canceled
	}
	if t.pending {
		// The code returned ErrResultPending and the worker is done with
		// the attempt: what it still reports goes straight through.
		t.recordHeartbeat(attempt, details)
		return
	}
	x := t.more()
	if x.batch == nil {
		x.batch = new(heartbeatBatch)
	}
	b := x.batch
	if isClosed(t.run.env.worker.Stop) {
		if b.open {
			t.endHeartbeatBatch(attempt, true)
		}
		if t.current(attempt) {
			t.recordHeartbeat(attempt, details)
		}
		return
	}
	if b.open {
		b.held, b.heldDetails = true, details
		return
	}
	t.recordHeartbeat(attempt, details)
	if !t.current(attempt) {
		return // the listener ended it
	}
	b.attempt, b.open = attempt, true
	d := heartbeatThrottleInterval(t.attrs().HeartbeatTimeout, t.run.env.workerOpts)
	if b.timer == nil {
		b.timer = t.run.env.clock.AfterFunc(d, t.heartbeatBatchEnded)
		return
	}
	b.timer.Reset(d)
}

// heartbeatBatchEnded sends the heartbeat held back, if any, which opens
// the next batch.
func (t *activityTask) heartbeatBatchEnded() {
	b := t.extras.batch
	b.open = false
	if !b.held {
		return
	}
	details := b.heldDetails
	b.held, b.heldDetails = false, nil
	t.workerHeartbeat(b.attempt, details)
}

// endHeartbeatBatch ends attempt's batch when its code returns: the
// heartbeat held back is sent if flush (the attempt did not complete) or
// the worker is stopping, and dropped otherwise.
func (t *activityTask) endHeartbeatBatch(attempt int32, flush bool) {
	b := t.extras.batch
	if b == nil || b.attempt != attempt || (!b.open && !b.held) {
		return
	}
	details, held := b.heldDetails, b.held
	t.dropHeartbeatBatch()
	if held && (flush || isClosed(t.run.env.worker.Stop)) {
		t.recordHeartbeat(attempt, details)
	}
}

// dropHeartbeatBatch closes the open batch and forgets the heartbeat held
// back: the attempt ended.
func (t *activityTask) dropHeartbeatBatch() {
	b := t.extras.batch
	if b == nil {
		return
	}
	if b.open {
		b.timer.Stop()
	}
	b.open, b.held, b.heldDetails = false, false, nil
}

// isClosed reports whether c is closed; a nil channel never is.
func isClosed(c <-chan struct{}) bool {
	if c == nil {
		return false
	}
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// envHeartbeats is the worker's throttle of one TestActivityEnvironment
// execution, with the same rules, and the heartbeat listener standing for
// the server. It reads time from now: the bubble's virtual clock, or a
// clock that stands still outside one. A batch's end is noticed at the
// next heartbeat or when the code returns, and handled as of the instant
// it ended (before a heartbeat made at that instant), which keeps it
// deterministic: no timer races the activity's goroutines.
type envHeartbeats struct {
	now      func() time.Time
	interval time.Duration
	send     func(details *converter.Payloads)
	// stop is the worker's stop channel (SetWorkerStopChannel), or nil.
	stop <-chan struct{}

	mu   sync.Mutex
	open bool
	end  time.Time
	held bool
	// heldDetails are the details of the heartbeat held back.
	heldDetails *converter.Payloads
}

// Heartbeat implements actenv.Heartbeater.
func (h *envHeartbeats) Heartbeat(details *converter.Payloads) {
	h.mu.Lock()
	defer h.mu.Unlock()
	now := h.now()
	h.catchUp(now)
	if isClosed(h.stop) {
		h.flush()
		h.send(details)
		return
	}
	if h.open {
		h.held, h.heldDetails = true, details
		return
	}
	h.send(details)
	h.open, h.end = true, now.Add(h.interval)
}

// catchUp ends the batches that ended by now, sending what each held back.
func (h *envHeartbeats) catchUp(now time.Time) {
	for h.open && !now.Before(h.end) {
		if !h.held {
			h.open = false
			return
		}
		details := h.heldDetails
		h.held, h.heldDetails = false, nil
		h.send(details)
		h.end = h.end.Add(h.interval)
	}
}

// close ends the execution's batch as its code returns: the heartbeat
// held back is sent if flush, dropped otherwise.
func (h *envHeartbeats) close(flush bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.catchUp(h.now())
	if flush || isClosed(h.stop) {
		h.flush()
	}
	h.open, h.held, h.heldDetails = false, false, nil
}

// flush ends the batch, sending the heartbeat held back.
func (h *envHeartbeats) flush() {
	if h.held {
		h.send(h.heldDetails)
	}
	h.open, h.held, h.heldDetails = false, false, nil
}
