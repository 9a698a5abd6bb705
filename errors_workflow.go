package wfsim

import (
	"fmt"
	"time"

	"github.com/wfsim/wfsim/converter"
)

// WorkflowExecutionError is what the starter of a workflow gets when the
// workflow failed: it names the workflow and wraps the reason, which
// errors.As finds.
type WorkflowExecutionError struct {
	workflowID   string
	runID        string
	workflowType string
	cause        error
}

// NewWorkflowExecutionError returns a *WorkflowExecutionError.
func NewWorkflowExecutionError(workflowID, runID, workflowType string, cause error) *WorkflowExecutionError {
	return &WorkflowExecutionError{workflowID: workflowID, runID: runID, workflowType: workflowType, cause: cause}
}

// Error returns "workflow execution error (type: T, workflowID: W, runID:
// R)", then the cause.
func (e *WorkflowExecutionError) Error() string {
	msg := fmt.Sprintf("workflow execution error (type: %s, workflowID: %s, runID: %s)",
		e.workflowType, e.workflowID, e.runID)
	if e.cause != nil {
		msg = fmt.Sprintf("%s: %v", msg, e.cause)
	}
	return msg
}

// Unwrap returns the cause.
func (e *WorkflowExecutionError) Unwrap() error { return e.cause }

// ContinueAsNewError, returned by a workflow function, ends the run and
// starts a new run of the workflow with the same workflow ID. Package
// workflow makes it (workflow.NewContinueAsNewError); the fields say what
// the new run gets.
//
// Its fields are Temporal's (less the protobuf Header and the older
// versioning options), so that code reading err.WorkflowType.Name or
// err.TaskQueueName ports unchanged.
type ContinueAsNewError struct {
	// WorkflowType is the workflow type of the new run.
	WorkflowType *WorkflowType
	// Input holds the arguments of the new run.
	Input *converter.Payloads
	// TaskQueueName is the task queue of the new run.
	TaskQueueName string
	// WorkflowRunTimeout is the run timeout of the new run.
	WorkflowRunTimeout time.Duration
	// WorkflowTaskTimeout is the workflow task timeout of the new run.
	WorkflowTaskTimeout time.Duration
	// WorkflowExecutionTimeout is the execution's timeout, which the new
	// run keeps (it bounds the whole chain). Deprecated in Temporal's
	// SDK, where it is informational too.
	WorkflowExecutionTimeout time.Duration
	// RetryPolicy, when not nil, replaces the retry policy of the workflow.
	RetryPolicy *RetryPolicy
	// BackoffStartInterval delays the first workflow task of the new run.
	BackoffStartInterval time.Duration
	// InitialVersioningBehavior is the versioning behavior of the new
	// run's first workflow task (recorded; see
	// ContinueAsNewVersioningBehavior).
	InitialVersioningBehavior ContinueAsNewVersioningBehavior
}

// WorkflowType names a workflow function: workflow.WorkflowType (an alias),
// here so that ContinueAsNewError can name the new run's type as Temporal's
// does.
type WorkflowType struct {
	Name string
}

// GetName returns t.Name, or "" when t is nil, as the protobuf type
// Temporal uses for it does.
func (t *WorkflowType) GetName() string {
	if t == nil {
		return ""
	}
	return t.Name
}

// Error returns "continue as new".
func (e *ContinueAsNewError) Error() string { return e.message() }

func (e *ContinueAsNewError) message() string { return "continue as new" }

// TerminatedError reports that a workflow was terminated.
type TerminatedError struct {
	origin
}

// Error returns "terminated".
func (e *TerminatedError) Error() string { return e.message() }

func (e *TerminatedError) message() string { return "terminated" }

// ServerError reports a failure raised by the server itself rather than by
// workflow or activity code.
type ServerError struct {
	origin
	msg          string
	nonRetryable bool
	cause        error
}

// Error returns the message, then the cause.
func (e *ServerError) Error() string {
	if e.cause != nil {
		return fmt.Sprintf("%s: %v", e.msg, e.cause)
	}
	return e.msg
}

func (e *ServerError) message() string { return e.msg }

// Message returns the message alone, without the cause.
func (e *ServerError) Message() string { return e.msg }

// NonRetryable reports whether the server marked the failure non-retryable.
func (e *ServerError) NonRetryable() bool { return e.nonRetryable }

// Unwrap returns the cause.
func (e *ServerError) Unwrap() error { return e.cause }

// UnknownExternalWorkflowExecutionError reports that the workflow execution
// a signal or cancellation request was sent to does not exist.
type UnknownExternalWorkflowExecutionError struct{}

func (*UnknownExternalWorkflowExecutionError) Error() string {
	return "unknown external workflow execution"
}

// WorkflowExecutionAlreadyStartedError reports that a workflow could not be
// started because a workflow with the same ID is running (or, under the ID
// reuse policy, has run). It plays the role of Temporal's
// serviceerror.WorkflowExecutionAlreadyStarted.
type WorkflowExecutionAlreadyStartedError struct {
	Message        string
	StartRequestID string
	RunID          string
}

// Error returns the message, or "workflow execution already started".
func (e *WorkflowExecutionAlreadyStartedError) Error() string {
	if e.Message == "" {
		return "workflow execution already started"
	}
	return e.Message
}
