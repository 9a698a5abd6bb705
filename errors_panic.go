package wfsim

import "fmt"

// PanicError reports that activity code (or workflow code, under a policy
// that fails the workflow on panic) panicked. Error returns the panic value
// as %v prints it.
type PanicError struct {
	origin
	value      any
	stackTrace string
}

// NewPanicError returns a *PanicError for a recovered panic value and the
// stack trace of the panicking goroutine.
func NewPanicError(value any, stackTrace string) error {
	return &PanicError{value: value, stackTrace: stackTrace}
}

// Error returns the panic value as %v prints it.
func (e *PanicError) Error() string { return e.message() }

func (e *PanicError) message() string { return fmt.Sprintf("%v", e.value) }

// Value returns the panic value. After the error has crossed a Failure (an
// activity's panic seen by its workflow), it is the value's text.
func (e *PanicError) Value() any { return e.value }

// StackTrace returns the stack trace of the panic.
func (e *PanicError) StackTrace() string { return e.stackTrace }
