package replay

import (
	"time"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// NexusOperationScheduledEventAttributes records a ScheduleNexusOperation
// command.
type NexusOperationScheduledEventAttributes struct {
	Endpoint                     string
	Service                      string
	Operation                    string
	Input                        *converter.Payload
	ScheduleToCloseTimeout       time.Duration
	NexusHeader                  map[string]string
	WorkflowTaskCompletedEventID int64
	RequestID                    string
	EndpointID                   string
	ScheduleToStartTimeout       time.Duration
	StartToCloseTimeout          time.Duration
}

// NexusOperationStartedEventAttributes records that an asynchronous Nexus
// operation started.
type NexusOperationStartedEventAttributes struct {
	ScheduledEventID int64
	OperationID      string
	RequestID        string
	OperationToken   string
}

// NexusOperationCompletedEventAttributes records a Nexus operation's result.
type NexusOperationCompletedEventAttributes struct {
	ScheduledEventID int64
	Result           *converter.Payload
	RequestID        string
}

// NexusOperationFailedEventAttributes records a Nexus operation that failed.
type NexusOperationFailedEventAttributes struct {
	ScheduledEventID int64
	Failure          *wfsim.Failure
	RequestID        string
}

// NexusOperationTimedOutEventAttributes records a Nexus operation that
// timed out.
type NexusOperationTimedOutEventAttributes struct {
	ScheduledEventID int64
	Failure          *wfsim.Failure
	RequestID        string
}

// NexusOperationCanceledEventAttributes records a Nexus operation that was
// canceled.
type NexusOperationCanceledEventAttributes struct {
	ScheduledEventID int64
	Failure          *wfsim.Failure
	RequestID        string
}

// NexusOperationCancelRequestedEventAttributes records a
// RequestCancelNexusOperation command.
type NexusOperationCancelRequestedEventAttributes struct {
	ScheduledEventID             int64
	WorkflowTaskCompletedEventID int64
}

// NexusOperationCancelRequestCompletedEventAttributes records that a
// cancellation request reached the operation's handler.
type NexusOperationCancelRequestCompletedEventAttributes struct {
	RequestedEventID             int64
	WorkflowTaskCompletedEventID int64
	ScheduledEventID             int64
}

// NexusOperationCancelRequestFailedEventAttributes records a cancellation
// request that the operation's handler rejected.
type NexusOperationCancelRequestFailedEventAttributes struct {
	RequestedEventID             int64
	WorkflowTaskCompletedEventID int64
	Failure                      *wfsim.Failure
	ScheduledEventID             int64
}
