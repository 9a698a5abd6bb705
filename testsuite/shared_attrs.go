package testsuite

import (
	"time"

	"github.com/wfsim/wfsim/replay"
)

// shares are attributes that several events of a run point to while its
// history is the simulation's own: the run's workflow tasks are scheduled
// alike (the same queue and timeout, a first attempt), and every Sleep's
// timer carries the run's one summary payload. Sharing them saves a timer
// loop about 140 of its 910 bytes per timer.
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
