package testsuite

import (
	"bytes"
	"reflect"
	"slices"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// sameCommand reports whether two commands are deeply equal, as
// reflect.DeepEqual reports it. A rebuild after a worker restart compares
// every task's commands so (issuedTasks.same): reflect.DeepEqual took most
// of a restart's time, so the commands most tasks issue (activities,
// timers, their cancellations, a completion) are compared field by field,
// and the others by reflect.DeepEqual. (A field added to the types
// compared here must be compared here too: TestSameCommandsKnowsEveryField
// lists them.)
func sameCommand(a, b *run.Command) bool {
	if !plainCommand(a) || !plainCommand(b) {
		return reflect.DeepEqual(unrecorded(*a), unrecorded(*b))
	}
	return a.Kind == b.Kind && a.ID == b.ID && a.ScheduledEventID == b.ScheduledEventID &&
		a.TimerDuration == b.TimerDuration && samePayloads(a.Result, b.Result) && sameActivity(a.Activity, b.Activity)
}

// unrecorded drops what a command carries for the test environment only: a
// signal's argument as the workflow passed it (its payload is compared).
func unrecorded(c run.Command) run.Command {
	if c.External != nil && c.External.Arg != nil {
		x := *c.External
		x.Arg = nil
		c.External = &x
	}
	return c
}

// plainCommand reports whether c sets only the fields sameCommand compares
// itself.
func plainCommand(c *run.Command) bool {
	return c.Marker == nil && c.Failure == nil && c.ContinueAsNew == nil && c.Child == nil && c.External == nil &&
		c.SearchAttributes == nil && c.Memo == nil && c.Update == nil && c.Summary == nil && c.Priority == nil &&
		(c.Activity == nil || c.Activity.Header == nil)
}

func sameActivity(a, b *run.ScheduleActivity) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return false
	}
	return a.ActivityType == b.ActivityType && a.TaskQueue == b.TaskQueue &&
		samePayloads(a.Input, b.Input) && (a.Header == nil) == (b.Header == nil) && len(a.Header) == 0 && len(b.Header) == 0 &&
		a.ScheduleToCloseTimeout == b.ScheduleToCloseTimeout && a.ScheduleToStartTimeout == b.ScheduleToStartTimeout &&
		a.StartToCloseTimeout == b.StartToCloseTimeout && a.HeartbeatTimeout == b.HeartbeatTimeout &&
		sameRetryPolicy(a.RetryPolicy, b.RetryPolicy)
}

func sameRetryPolicy(a, b *wfsim.RetryPolicy) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return false
	}
	return a.InitialInterval == b.InitialInterval && a.BackoffCoefficient == b.BackoffCoefficient &&
		a.MaximumInterval == b.MaximumInterval && a.MaximumAttempts == b.MaximumAttempts &&
		(a.NonRetryableErrorTypes == nil) == (b.NonRetryableErrorTypes == nil) &&
		slices.Equal(a.NonRetryableErrorTypes, b.NonRetryableErrorTypes)
}

func samePayloads(a, b *converter.Payloads) bool {
	return (a == nil) == (b == nil) && slices.EqualFunc(a.GetPayloads(), b.GetPayloads(), samePayload)
}

func samePayload(a, b *converter.Payload) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || !sameBytes(a.Data, b.Data) || (a.Metadata == nil) != (b.Metadata == nil) ||
		len(a.Metadata) != len(b.Metadata) {
		return false
	}
	for k, v := range a.Metadata {
		w, ok := b.Metadata[k]
		if !ok || !sameBytes(v, w) {
			return false
		}
	}
	return true
}

// sameBytes is reflect.DeepEqual for byte slices: a nil slice differs from
// an empty one.
func sameBytes(a, b []byte) bool {
	return (a == nil) == (b == nil) && bytes.Equal(a, b)
}
