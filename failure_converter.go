package wfsim

import (
	"errors"

	"github.com/wfsim/wfsim/converter"
)

// FailureConverter turns errors into Failures (to record them in history
// or hand them across the workflow/activity boundary) and Failures back
// into errors. It is Temporal's converter.FailureConverter.
type FailureConverter interface {
	// ErrorToFailure returns the Failure for err; nil for a nil err.
	ErrorToFailure(err error) *Failure
	// FailureToError returns the error for f; nil for a nil f.
	FailureToError(f *Failure) error
}

// DefaultFailureConverterOptions holds the options of a
// DefaultFailureConverter.
type DefaultFailureConverterOptions struct {
	// DataConverter encodes and decodes details; nil means
	// converter.GetDefaultDataConverter().
	DataConverter converter.DataConverter

	// EncodeCommonAttributes moves each Failure's Message and StackTrace
	// into its EncodedAttributes, encoded by DataConverter, leaving the
	// Message "Encoded failure" (see EncodeCommonFailureAttributes). With
	// an encrypting codec, error texts then reach history encrypted.
	// Decoding does not depend on it: FailureToError restores the message
	// and stack trace of any Failure whose encoded attributes DataConverter
	// can decode, and the error passes the encoded Failure on unchanged.
	EncodeCommonAttributes bool
}

// DefaultFailureConverter converts errors and Failures the way Temporal's
// Go SDK does:
//
//   - an *ApplicationError, *CanceledError, *TimeoutError, *TerminatedError,
//     *ServerError, *ActivityError or *ChildWorkflowExecutionError gets the
//     matching *FailureInfo, with its details encoded as payloads;
//   - a *PanicError becomes an ApplicationFailureInfo of type "PanicError"
//     with the stack trace, and comes back as a *PanicError whose value is
//     the panic message;
//   - any other error becomes a retryable ApplicationFailureInfo whose Type
//     is the Go type name of the error without package or pointer ("" for
//     errors.New errors, "wrapError" for fmt.Errorf with %w) and whose
//     Message is err.Error();
//   - errors.Unwrap(err) becomes the Cause, recursively;
//   - Source is "GoSDK", as a Temporal Go worker writes it.
//
// An error rebuilt from a Failure turns back into that same Failure. Details
// that the data converter cannot encode are left out, and a non-retryable
// ApplicationFailureInfo of type "EncodeError" saying why is put in front of
// the cause, so the problem shows in the error the receiver sees.
type DefaultFailureConverter struct {
	dc           converter.DataConverter
	encodeCommon bool
}

// NewDefaultFailureConverter returns a DefaultFailureConverter.
func NewDefaultFailureConverter(options DefaultFailureConverterOptions) *DefaultFailureConverter {
	dc := options.DataConverter
	if dc == nil {
		dc = converter.GetDefaultDataConverter()
	}
	return &DefaultFailureConverter{dc: dc, encodeCommon: options.EncodeCommonAttributes}
}

// defaultFailureConverter holds no state that changes: sharing it is safe.
var defaultFailureConverter = NewDefaultFailureConverter(DefaultFailureConverterOptions{})

// GetDefaultFailureConverter returns the failure converter wfsim uses unless
// told otherwise, with the default data converter. It is safe for
// concurrent use.
func GetDefaultFailureConverter() FailureConverter { return defaultFailureConverter }

// maxFailureDepth bounds cause chains, so that a cyclic error chain or
// Failure cannot recurse without end.
const maxFailureDepth = 512

// failureSource is what Temporal's Go SDK writes in Failure.Source.
const failureSource = "GoSDK"

// panicErrorType is the ApplicationFailureInfo type of a PanicError.
const panicErrorType = "PanicError"

// ErrorToFailure returns the Failure for err; see DefaultFailureConverter.
func (c *DefaultFailureConverter) ErrorToFailure(err error) *Failure {
	return c.errorToFailure(err, 0)
}

func (c *DefaultFailureConverter) errorToFailure(err error, depth int) *Failure {
	if err == nil || depth >= maxFailureDepth {
		return nil
	}
	if oh, ok := err.(originHolder); ok {
		if f := oh.originFailure(); f != nil {
			return f.clone()
		}
	}

	base := Failure{Source: failureSource}
	if m, ok := err.(messenger); ok {
		base.Message = m.message()
	} else {
		base.Message = err.Error()
	}
	var f *Failure
	var encodeErr error
	switch e := err.(type) {
	case *ApplicationError:
		var d *converter.Payloads
		d, encodeErr = e.details.payloads(c.dc)
		f = newFailureWith(&base, ApplicationFailureInfo{
			Type:           e.errType,
			NonRetryable:   e.nonRetryable,
			Details:        d,
			NextRetryDelay: e.nextRetryDelay,
			Category:       e.category,
		}, applicationInfo)
	case *CanceledError:
		var d *converter.Payloads
		d, encodeErr = e.details.payloads(c.dc)
		f = newFailureWith(&base, CanceledFailureInfo{Details: d}, canceledInfo)
	case *PanicError:
		base.StackTrace = e.stackTrace
		f = newFailureWith(&base, ApplicationFailureInfo{Type: panicErrorType}, applicationInfo)
	case *TimeoutError:
		var d *converter.Payloads
		d, encodeErr = e.lastHeartbeatDetails.payloads(c.dc)
		f = newFailureWith(&base, TimeoutFailureInfo{TimeoutType: e.timeoutType, LastHeartbeatDetails: d}, timeoutInfo)
	case *TerminatedError:
		f = new(Failure)
		*f = base
		f.TerminatedFailureInfo = &TerminatedFailureInfo{}
	case *ServerError:
		f = new(Failure)
		*f = base
		f.ServerFailureInfo = &ServerFailureInfo{NonRetryable: e.nonRetryable}
	case *ActivityError:
		f = newFailureWith(&base, ActivityFailureInfo{
			ScheduledEventID: e.scheduledEventID,
			StartedEventID:   e.startedEventID,
			Identity:         e.identity,
			ActivityType:     e.activityType,
			ActivityID:       e.activityID,
			RetryState:       e.retryState,
		}, activityInfo)
	case *ChildWorkflowExecutionError:
		f = newFailureWith(&base, ChildWorkflowExecutionFailureInfo{
			Namespace:        e.namespace,
			WorkflowID:       e.workflowID,
			RunID:            e.runID,
			WorkflowType:     e.workflowType,
			InitiatedEventID: e.initiatedEventID,
			StartedEventID:   e.startedEventID,
			RetryState:       e.retryState,
		}, childInfo)
	default:
		f = newFailureWith(&base, ApplicationFailureInfo{Type: errorType(err)}, applicationInfo)
	}

	f.Cause = c.errorToFailure(errors.Unwrap(err), depth+1)
	if encodeErr != nil {
		f.Cause = &Failure{
			Message: "wfsim: details of the error cannot be encoded, so they were left out: " + encodeErr.Error(),
			Source:  failureSource,
			Cause:   f.Cause,
			ApplicationFailureInfo: &ApplicationFailureInfo{
				Type:         "EncodeError",
				NonRetryable: true,
			},
		}
		c.encodeCommonAttributes(f.Cause)
	}
	c.encodeCommonAttributes(f)
	return f
}

// encodeCommonAttributes encodes f's message and stack trace when the
// converter was told to. Like Temporal's, it panics when the data
// converter cannot encode them: ErrorToFailure has no error to return, and
// sending them in clear would defeat the option.
func (c *DefaultFailureConverter) encodeCommonAttributes(f *Failure) {
	if !c.encodeCommon {
		return
	}
	if err := EncodeCommonFailureAttributes(c.dc, f); err != nil {
		panic("wfsim: encoding the message and stack trace of a failure (EncodeCommonAttributes): " + err.Error())
	}
}

// FailureToError returns the error for f; see DefaultFailureConverter. A
// Failure with no info it knows becomes a retryable *ApplicationError with
// an empty type.
func (c *DefaultFailureConverter) FailureToError(f *Failure) error {
	_, err := c.failureToError(f, 0)
	return err
}

// failureToError returns the copy of f that the error for f remembers as its
// origin, and that error; the copies of a chain share their causes.
func (c *DefaultFailureConverter) failureToError(f *Failure, depth int) (*Failure, error) {
	if f == nil || depth >= maxFailureDepth {
		return nil, nil
	}
	own := f.cloneLevel()
	causeFailure, cause := c.failureToError(f.Cause, depth+1)
	own.Cause = causeFailure
	if f.EncodedAttributes != nil {
		// The error shows the decoded message and stack trace; its origin
		// (own) keeps the encoded form, so it is sent on as it came.
		decoded := *f
		DecodeCommonFailureAttributes(c.dc, &decoded)
		f = &decoded
	}

	var err error
	switch {
	case f.ApplicationFailureInfo != nil:
		info := f.ApplicationFailureInfo
		if info.Type == panicErrorType {
			err = &PanicError{value: f.Message, stackTrace: f.StackTrace}
			break
		}
		err = &ApplicationError{
			msg:            f.Message,
			errType:        info.Type,
			nonRetryable:   info.NonRetryable,
			cause:          cause,
			details:        c.encodedDetails(info.Details),
			nextRetryDelay: info.NextRetryDelay,
			category:       info.Category,
		}
	case f.CanceledFailureInfo != nil:
		// As NewCanceledErrorWithOptions, an empty message reads "canceled".
		msg := f.Message
		if msg == "" {
			msg = "canceled"
		}
		err = &CanceledError{msg: msg, cause: cause, details: c.encodedDetails(f.CanceledFailureInfo.Details)}
	case f.TimeoutFailureInfo != nil:
		err = &TimeoutError{
			msg:                  f.Message,
			timeoutType:          f.TimeoutFailureInfo.TimeoutType,
			cause:                cause,
			lastHeartbeatDetails: c.encodedDetails(f.TimeoutFailureInfo.LastHeartbeatDetails),
		}
	case f.TerminatedFailureInfo != nil:
		err = &TerminatedError{}
	case f.ServerFailureInfo != nil:
		err = &ServerError{msg: f.Message, nonRetryable: f.ServerFailureInfo.NonRetryable, cause: cause}
	case f.ResetWorkflowFailureInfo != nil:
		err = &ApplicationError{
			msg:          f.Message,
			nonRetryable: true,
			cause:        cause,
			details:      c.encodedDetails(f.ResetWorkflowFailureInfo.LastHeartbeatDetails),
		}
	case f.ActivityFailureInfo != nil:
		info := f.ActivityFailureInfo
		err = NewActivityError(info.ScheduledEventID, info.StartedEventID, info.Identity,
			info.ActivityType, info.ActivityID, info.RetryState, cause)
	case f.ChildWorkflowExecutionFailureInfo != nil:
		info := f.ChildWorkflowExecutionFailureInfo
		err = NewChildWorkflowExecutionError(info.Namespace, info.WorkflowID, info.RunID, info.WorkflowType,
			info.InitiatedEventID, info.StartedEventID, info.RetryState, cause)
	default:
		err = &ApplicationError{msg: f.Message, cause: cause}
	}
	if oh, ok := err.(originHolder); ok {
		oh.setOrigin(own)
	}
	return own, err
}

func (c *DefaultFailureConverter) encodedDetails(p *converter.Payloads) details {
	return details{encoded: converter.NewEncodedValues(p, c.dc)}
}
