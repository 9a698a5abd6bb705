package wfsim

// The field getters of Failure and its infos are generated into failure_getters_gen.go.
//go:generate go run ./internal/gengetters/cmd/gengetters -out failure_getters_gen.go failure.go

import (
	"time"

	"github.com/wfsim/wfsim/converter"
)

// Failure is the serialisable form of an error, as Temporal records it in
// history events (activity failures, workflow failures, marker failures). It
// mirrors Temporal's failure.v1.Failure: exactly one of the *Info fields says
// which kind of error it was, and Cause chains wrapped errors. Its fields
// and its infos' have the nil-safe getters of Temporal's message
// (f.GetApplicationFailureInfo().GetType(), f.GetCause().GetMessage()),
// generated into failure_getters_gen.go; see the replay package's doc for
// where they differ.
//
// Workflow and activity code rarely sees a Failure: errors cross the
// workflow/server boundary as Failures and come back as the typed errors of
// this package (see FailureConverter).
type Failure struct {
	Message    string
	Source     string
	StackTrace string
	// EncodedAttributes holds Message and StackTrace, encoded by the data
	// converter, when the failure converter was told to encode them
	// (DefaultFailureConverterOptions.EncodeCommonAttributes); Message is
	// then "Encoded failure" and StackTrace empty.
	EncodedAttributes *converter.Payload
	Cause             *Failure

	ApplicationFailureInfo            *ApplicationFailureInfo
	TimeoutFailureInfo                *TimeoutFailureInfo
	CanceledFailureInfo               *CanceledFailureInfo
	TerminatedFailureInfo             *TerminatedFailureInfo
	ServerFailureInfo                 *ServerFailureInfo
	ResetWorkflowFailureInfo          *ResetWorkflowFailureInfo
	ActivityFailureInfo               *ActivityFailureInfo
	ChildWorkflowExecutionFailureInfo *ChildWorkflowExecutionFailureInfo
}

// ApplicationFailureInfo describes an ApplicationError (or a PanicError, whose
// Type is "PanicError").
type ApplicationFailureInfo struct {
	Type           string
	NonRetryable   bool
	Details        *converter.Payloads
	NextRetryDelay time.Duration
	Category       ApplicationErrorCategory
}

// TimeoutFailureInfo describes a TimeoutError.
type TimeoutFailureInfo struct {
	TimeoutType          TimeoutType
	LastHeartbeatDetails *converter.Payloads
}

// CanceledFailureInfo describes a CanceledError.
type CanceledFailureInfo struct {
	Details *converter.Payloads
}

// TerminatedFailureInfo describes a TerminatedError.
type TerminatedFailureInfo struct{}

// ServerFailureInfo describes a ServerError.
type ServerFailureInfo struct {
	NonRetryable bool
}

// ResetWorkflowFailureInfo describes the failure recorded when a workflow is
// reset.
type ResetWorkflowFailureInfo struct {
	LastHeartbeatDetails *converter.Payloads
}

// ActivityFailureInfo describes an ActivityError: which activity failed.
type ActivityFailureInfo struct {
	ScheduledEventID int64
	StartedEventID   int64
	Identity         string
	ActivityType     string
	ActivityID       string
	RetryState       RetryState
}

// ChildWorkflowExecutionFailureInfo describes a ChildWorkflowExecutionError.
type ChildWorkflowExecutionFailureInfo struct {
	Namespace        string
	WorkflowID       string
	RunID            string
	WorkflowType     string
	InitiatedEventID int64
	StartedEventID   int64
	RetryState       RetryState
}

// clone copies the failure chain, so that a Failure held by an error is not
// changed by whoever else holds it. Payloads are shared: nothing changes
// them in place.
func (f *Failure) clone() *Failure {
	if f == nil {
		return nil
	}
	c := f.cloneLevel()
	c.Cause = f.Cause.clone()
	return c
}

// cloneLevel copies f but not its cause chain.
func (f *Failure) cloneLevel() *Failure {
	if f.infos() == 1 {
		// The common case: the copy and its info in one allocation.
		switch {
		case f.ApplicationFailureInfo != nil:
			return newFailureWith(f, *f.ApplicationFailureInfo, applicationInfo)
		case f.TimeoutFailureInfo != nil:
			return newFailureWith(f, *f.TimeoutFailureInfo, timeoutInfo)
		case f.CanceledFailureInfo != nil:
			return newFailureWith(f, *f.CanceledFailureInfo, canceledInfo)
		case f.ActivityFailureInfo != nil:
			return newFailureWith(f, *f.ActivityFailureInfo, activityInfo)
		case f.ChildWorkflowExecutionFailureInfo != nil:
			return newFailureWith(f, *f.ChildWorkflowExecutionFailureInfo, childInfo)
		}
	}
	c := *f
	c.ApplicationFailureInfo = clonePtr(f.ApplicationFailureInfo)
	c.TimeoutFailureInfo = clonePtr(f.TimeoutFailureInfo)
	c.CanceledFailureInfo = clonePtr(f.CanceledFailureInfo)
	c.TerminatedFailureInfo = clonePtr(f.TerminatedFailureInfo)
	c.ServerFailureInfo = clonePtr(f.ServerFailureInfo)
	c.ResetWorkflowFailureInfo = clonePtr(f.ResetWorkflowFailureInfo)
	c.ActivityFailureInfo = clonePtr(f.ActivityFailureInfo)
	c.ChildWorkflowExecutionFailureInfo = clonePtr(f.ChildWorkflowExecutionFailureInfo)
	return &c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}

// infos counts the *Info fields f has set (one, normally).
func (f *Failure) infos() int {
	n := 0
	for _, set := range [...]bool{
		f.ApplicationFailureInfo != nil, f.TimeoutFailureInfo != nil, f.CanceledFailureInfo != nil,
		f.TerminatedFailureInfo != nil, f.ServerFailureInfo != nil, f.ResetWorkflowFailureInfo != nil,
		f.ActivityFailureInfo != nil, f.ChildWorkflowExecutionFailureInfo != nil,
	} {
		if set {
			n++
		}
	}
	return n
}

// failureWith is a Failure and its info in one allocation.
type failureWith[T any] struct {
	f    Failure
	info T
}

// newFailureWith returns a copy of base whose info field, which field
// returns, points to a copy of info kept in the same allocation: one
// allocation instead of two for the Failures made most.
func newFailureWith[T any](base *Failure, info T, field func(*Failure) **T) *Failure {
	b := &failureWith[T]{f: *base, info: info}
	*field(&b.f) = &b.info
	return &b.f
}

// The info fields of a Failure, for newFailureWith.
func applicationInfo(f *Failure) **ApplicationFailureInfo { return &f.ApplicationFailureInfo }
func timeoutInfo(f *Failure) **TimeoutFailureInfo         { return &f.TimeoutFailureInfo }
func canceledInfo(f *Failure) **CanceledFailureInfo       { return &f.CanceledFailureInfo }
func activityInfo(f *Failure) **ActivityFailureInfo       { return &f.ActivityFailureInfo }
func childInfo(f *Failure) **ChildWorkflowExecutionFailureInfo {
	return &f.ChildWorkflowExecutionFailureInfo
}
