package wfsim

// CanceledErrorOptions holds the optional attributes of a CanceledError.
type CanceledErrorOptions struct {
	// Message defaults to "canceled".
	Message string
	// Details are values the receiver can extract with
	// CanceledError.Details.
	Details []any
	// Cause is the error that caused the cancellation.
	Cause error
}

// CanceledError reports that an activity, child workflow, timer or workflow
// was canceled. An activity that honours a cancellation request returns
// one, optionally with details.
type CanceledError struct {
	origin
	msg     string
	cause   error
	details details
}

// NewCanceledError returns a *CanceledError with the message "canceled".
func NewCanceledError(details ...any) error {
	return NewCanceledErrorWithOptions(CanceledErrorOptions{Details: details})
}

// NewCanceledErrorWithOptions returns a *CanceledError with the given
// options.
func NewCanceledErrorWithOptions(options CanceledErrorOptions) error {
	msg := options.Message
	if msg == "" {
		msg = "canceled"
	}
	return &CanceledError{msg: msg, cause: options.Cause, details: newDetails(options.Details)}
}

// Error returns the message ("canceled" unless told otherwise).
func (e *CanceledError) Error() string { return e.msg }

func (e *CanceledError) message() string { return e.msg }

// HasDetails reports whether the error carries detail values.
func (e *CanceledError) HasDetails() bool { return e.details.has() }

// Details extracts the detail values into the variables d points to, in
// order. It returns ErrNoData when there are none.
func (e *CanceledError) Details(d ...any) error { return e.details.get(d...) }

// Unwrap returns the cause.
func (e *CanceledError) Unwrap() error { return e.cause }
