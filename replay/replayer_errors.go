package replay

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/wfsim/wfsim"
)

// ErrShortHistory: a history to replay has fewer than the 3 events every
// run starts with (WorkflowExecutionStarted, WorkflowTaskScheduled,
// WorkflowTaskStarted). The text is Temporal's.
var ErrShortHistory = errors.New("at least 3 events expected in the history")

// UnknownWorkflowTypeError reports a history whose workflow type is not
// registered with the replayer. The text after "replay: " is Temporal's.
type UnknownWorkflowTypeError struct {
	WorkflowType string
	// Registered lists the registered workflow types, sorted.
	Registered []string
}

func (e *UnknownWorkflowTypeError) Error() string {
	return fmt.Sprintf("replay: unable to find workflow type: %s. Supported types: [%s]", e.WorkflowType, strings.Join(e.Registered, ", "))
}

// PanicError reports that the workflow code panicked during replay, or
// ran for over a second of real time without yielding: Value is then
// Temporal's deadlock detector's text, "[TMPRL1101] Potential deadlock
// detected: workflow goroutine "root" didn't yield for over 1s" (see
// WorkflowReplayerOptions.DisableDeadlockDetection). It unwraps to a
// *wfsim.PanicError holding the panic value and stack.
type PanicError struct {
	WorkflowType string
	// EventID is the WorkflowTaskStarted event of the task whose code
	// panicked.
	EventID int64
	// Coroutine names the workflow coroutine that panicked.
	Coroutine string
	Value     any
	Stack     string
}

func (e *PanicError) Error() string {
	return "replay: workflow " + e.WorkflowType + " panicked in the workflow task started by event " +
		strconv.FormatInt(e.EventID, 10) + " (coroutine " + strconv.Quote(e.Coroutine) + "): " + fmt.Sprint(e.Value)
}

// Unwrap returns the panic as a *wfsim.PanicError.
func (e *PanicError) Unwrap() error { return wfsim.NewPanicError(e.Value, e.Stack) }
