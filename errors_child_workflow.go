package wfsim

import "fmt"

// ChildWorkflowExecutionError is what a workflow gets when a child workflow
// it ran failed: it names the child and its events, and wraps the reason
// (the child's own error, an *ActivityError of the child, a *TimeoutError,
// …), which errors.As finds.
type ChildWorkflowExecutionError struct {
	origin
	namespace        string
	workflowID       string
	runID            string
	workflowType     string
	initiatedEventID int64
	startedEventID   int64
	retryState       RetryState
	cause            error
}

// NewChildWorkflowExecutionError returns a *ChildWorkflowExecutionError.
func NewChildWorkflowExecutionError(
	namespace string,
	workflowID string,
	runID string,
	workflowType string,
	initiatedEventID int64,
	startedEventID int64,
	retryState RetryState,
	cause error,
) *ChildWorkflowExecutionError {
	return &ChildWorkflowExecutionError{
		namespace:        namespace,
		workflowID:       workflowID,
		runID:            runID,
		workflowType:     workflowType,
		initiatedEventID: initiatedEventID,
		startedEventID:   startedEventID,
		retryState:       retryState,
		cause:            cause,
	}
}

// Error returns "child workflow execution error (type: T, workflowID: W,
// runID: R, initiatedEventID: 5, startedEventID: 6)", then the cause.
func (e *ChildWorkflowExecutionError) Error() string {
	msg := fmt.Sprintf("%s (type: %s, workflowID: %s, runID: %s, initiatedEventID: %d, startedEventID: %d)",
		e.message(), e.workflowType, e.workflowID, e.runID, e.initiatedEventID, e.startedEventID)
	if e.cause != nil {
		msg = fmt.Sprintf("%s: %v", msg, e.cause)
	}
	return msg
}

func (e *ChildWorkflowExecutionError) message() string { return "child workflow execution error" }

// Namespace returns the child's namespace.
func (e *ChildWorkflowExecutionError) Namespace() string { return e.namespace }

// WorkflowID returns the child's workflow ID.
func (e *ChildWorkflowExecutionError) WorkflowID() string { return e.workflowID }

// RunID returns the child's run ID.
func (e *ChildWorkflowExecutionError) RunID() string { return e.runID }

// WorkflowType returns the child's workflow type name.
func (e *ChildWorkflowExecutionError) WorkflowType() string { return e.workflowType }

// InitiatedEventID returns the ID of the StartChildWorkflowExecutionInitiated
// event.
func (e *ChildWorkflowExecutionError) InitiatedEventID() int64 { return e.initiatedEventID }

// StartedEventID returns the ID of the ChildWorkflowExecutionStarted event.
func (e *ChildWorkflowExecutionError) StartedEventID() int64 { return e.startedEventID }

// RetryState says why the child is no longer retried.
func (e *ChildWorkflowExecutionError) RetryState() RetryState { return e.retryState }

// Unwrap returns the cause.
func (e *ChildWorkflowExecutionError) Unwrap() error { return e.cause }

// ChildWorkflowExecutionAlreadyStartedError is the cause of a
// ChildWorkflowExecutionError when a workflow with the child's ID is already
// running.
type ChildWorkflowExecutionAlreadyStartedError struct{}

func (*ChildWorkflowExecutionAlreadyStartedError) Error() string {
	return "child workflow execution already started"
}

// NamespaceNotFoundError is the cause of a ChildWorkflowExecutionError, or
// the error of a signal or cancellation sent to another workflow, when the
// target namespace does not exist (a history recorded by a server says so;
// the simulator knows every namespace).
type NamespaceNotFoundError struct{}

func (*NamespaceNotFoundError) Error() string { return "namespace not found" }
