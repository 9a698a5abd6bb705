package replay

import (
	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// UpdateMeta identifies an update request.
type UpdateMeta struct {
	UpdateID string
	Identity string
}

// UpdateInput is the name and arguments of an update.
type UpdateInput struct {
	Header *Header
	Name   string
	Args   *converter.Payloads
}

// UpdateRequest is an update as a client sent it.
type UpdateRequest struct {
	Meta      *UpdateMeta
	Input     *UpdateInput
	RequestID string
}

// UpdateOutcome is how an update ended: with a result (Success, possibly
// empty) or with a Failure. At most one is set.
type UpdateOutcome struct {
	Success *converter.Payloads
	Failure *wfsim.Failure
}

// WorkflowExecutionUpdateAdmittedEventAttributes records an update admitted
// by the server before any worker saw it.
type WorkflowExecutionUpdateAdmittedEventAttributes struct {
	Request *UpdateRequest
	Origin  UpdateAdmittedEventOrigin
}

// WorkflowExecutionUpdateAcceptedEventAttributes records an update that the
// workflow's validator accepted.
type WorkflowExecutionUpdateAcceptedEventAttributes struct {
	ProtocolInstanceID               string
	AcceptedRequestMessageID         string
	AcceptedRequestSequencingEventID int64
	AcceptedRequest                  *UpdateRequest
}

// WorkflowExecutionUpdateRejectedEventAttributes records an update that the
// workflow's validator rejected.
type WorkflowExecutionUpdateRejectedEventAttributes struct {
	ProtocolInstanceID               string
	RejectedRequestMessageID         string
	RejectedRequestSequencingEventID int64
	RejectedRequest                  *UpdateRequest
	Failure                          *wfsim.Failure
}

// WorkflowExecutionUpdateCompletedEventAttributes records the outcome of an
// accepted update.
type WorkflowExecutionUpdateCompletedEventAttributes struct {
	Meta            *UpdateMeta
	AcceptedEventID int64
	Outcome         *UpdateOutcome
}
