package activity

import "errors"

// ErrResultPending, returned by an activity function, says the activity is
// not finished although the function returned: it stays open, with its
// timeouts running, until the test completes it by its task token (see
// Info.TaskToken), as Temporal's Client.CompleteActivity does. Use it for an
// activity that waits on something outside the worker, such as a person's
// approval.
//
// The text is Temporal's, and errors.Is matches it through wrapping.
var ErrResultPending = errors.New("not error: do not autocomplete, using Client.CompleteActivity() to complete")

// ErrActivityPaused is the cause (context.Cause) of an activity context
// that Temporal's worker canceled because a heartbeat learned that the
// activity was paused, as Temporal's activity.ErrActivityPaused
// (experimental there). Pausing is a client operation on a server; the
// simulator offers none, so it never cancels an attempt with this cause.
// It is here so that activity code that checks for it ports. The text is
// Temporal's.
var ErrActivityPaused = errors.New("activity paused")

// ErrActivityReset is the cause (context.Cause) of an activity context that
// Temporal's worker canceled because a heartbeat learned that the activity
// was reset, as Temporal's activity.ErrActivityReset (experimental there).
// As with ErrActivityPaused, the simulator offers no reset, so it never
// cancels an attempt with this cause. The text is Temporal's.
var ErrActivityReset = errors.New("activity reset")
