package testsuite

import (
	"time"
	"unsafe"

	"github.com/wfsim/wfsim/replay"
)

// shares are attributes that several events of a run point to while its
// history is the simulation's own: the run's workflow tasks are scheduled
// alike (the same queue and timeout, a first attempt), and every Sleep's
// timer carries the run's one summary payload. Sharing them saves a timer
// loop about 140 of its 910 bytes per timer. Its activities share their
// recorded retry policy the same way (recorder.retryPolicy).
//
// Nothing in the simulation changes an event once recorded. A test may
// change the history it is handed (to replay a damaged one, say), so
// before a history is handed out (handOut) each event gets attributes and
// extras of its own (unshare), and the run shares none afterwards
// (recorder.handedOut).
type shares struct {
	scheduled *replay.WorkflowTaskScheduledEventAttributes
	summary   *summaryExtras
}

// retryPolicy returns the recorded retry policy p for the next
// ActivityTaskScheduled event: that of the last one from the run's slab
// when it is the same. A run's activities mostly have the same policy
// (the default), and 56 bytes each would be a sixth of an activity task;
// the last event's, found where it is, needs no field of the run's (its
// memory fills its size class). Called before that event's attributes
// are taken.
func (r *recorder) retryPolicy(p replay.RetryPolicy) *replay.RetryPolicy {
	if s := r.activityScheduled.items; len(s) > 0 && !r.handedOut {
		if last := s[len(s)-1].RetryPolicy; last != nil && samePolicy(last, &p) {
			return last
		}
	}
	s := new(replay.RetryPolicy)
	*s = p
	return s
}

// samePolicy reports whether a and b record the same policy, their
// non-retryable error types the same slice (not just equal ones: the
// workflow's slice, which an event keeps, may change later).
func samePolicy(a, b *replay.RetryPolicy) bool {
	return a.InitialInterval == b.InitialInterval && a.BackoffCoefficient == b.BackoffCoefficient &&
		a.MaximumInterval == b.MaximumInterval && a.MaximumAttempts == b.MaximumAttempts &&
		len(a.NonRetryableErrorTypes) == len(b.NonRetryableErrorTypes) &&
		unsafe.SliceData(a.NonRetryableErrorTypes) == unsafe.SliceData(b.NonRetryableErrorTypes)
}

// scheduledAttrs returns the attributes of a WorkflowTaskScheduled event
// for a first attempt on queue with timeout: the run's shared ones when
// they match.
func (r *recorder) scheduledAttrs(queue string, timeout time.Duration) *replay.WorkflowTaskScheduledEventAttributes {
	a := r.share.scheduled
	if a != nil && a.Attempt == 1 && a.TaskQueue.Name == queue && a.StartToCloseTimeout == timeout {
		return a
	}
	// Zeroed attributes (Attempt 0) are the memory a run comes with for
	// its first ones (newRun).
	if a == nil || a.Attempt != 0 {
		a = new(replay.WorkflowTaskScheduledEventAttributes)
	}
	a.TaskQueue.Name, a.TaskQueue.Kind = queue, replay.TaskQueueKindNormal
	a.StartToCloseTimeout = timeout
	a.Attempt = 1
	if !r.handedOut {
		r.share.scheduled = a
	}
	return a
}

// unshare gives every event that shares its attributes or extras a copy
// of its own, and forgets what was shared. Called as the history is
// handed out, which ends the sharing.
func (r *recorder) unshare() {
	scheduled, summary := r.share.scheduled, r.share.summary
	if r.activityScheduled.items != nil {
		unsharePolicies(r.h.Events) // retryPolicy's
	}
	r.share = shares{}
	if scheduled != nil && scheduled.Attempt == 0 {
		scheduled = nil // the run's memory for them, unused yet
	}
	if scheduled == nil && summary == nil {
		return
	}
	var nScheduled, nSummary int
	for _, ev := range r.h.Events {
		if scheduled != nil && ev.Attributes == replay.EventAttributes(scheduled) {
			nScheduled++
		}
		if summary != nil && ev.Extras == &summary.x {
			nSummary++
		}
	}
	// The copies of each kind are allocated together, as the recorder
	// would have.
	attrs := make([]replay.WorkflowTaskScheduledEventAttributes, nScheduled)
	extras := make([]summaryExtras, nSummary)
	for _, ev := range r.h.Events {
		if scheduled != nil && ev.Attributes == replay.EventAttributes(scheduled) {
			a := &attrs[len(attrs)-nScheduled]
			nScheduled--
			*a = *scheduled
			ev.Attributes = a
		}
		if summary != nil && ev.Extras == &summary.x {
			m := &extras[len(extras)-nSummary]
			nSummary--
			m.md = summary.md
			m.x.UserMetadata = &m.md
			ev.Extras = &m.x
		}
	}
}

// unsharePolicies gives each ActivityTaskScheduled event of events a
// retry policy of its own, the copies allocated together: any may share
// its policy with others (recorder.retryPolicy).
func unsharePolicies(events []*replay.Event) {
	var n int
	for _, ev := range events {
		if a, ok := ev.Attributes.(*replay.ActivityTaskScheduledEventAttributes); ok && a.RetryPolicy != nil {
			n++
		}
	}
	copies := make([]replay.RetryPolicy, n)
	for _, ev := range events {
		if a, ok := ev.Attributes.(*replay.ActivityTaskScheduledEventAttributes); ok && a.RetryPolicy != nil {
			c := &copies[len(copies)-n]
			n--
			*c = *a.RetryPolicy
			a.RetryPolicy = c
		}
	}
}
