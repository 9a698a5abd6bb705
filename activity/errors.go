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
