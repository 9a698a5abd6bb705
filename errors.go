package wfsim

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/wfsim/wfsim/converter"
)

// ErrNoData is returned when details are asked for but there are none. It
// is converter.ErrNoData, so errors.Is matches either name.
var ErrNoData = converter.ErrNoData

// ErrTooManyArg is returned when more detail values are asked for than an
// error created in the same process holds.
var ErrTooManyArg = errors.New("too many arguments")

// The Is* helpers report whether an error of the kind is anywhere in err's
// chain, as Temporal's temporal.Is* helpers do.

// IsApplicationError reports whether err's chain holds an *ApplicationError.
func IsApplicationError(err error) bool { return isA[*ApplicationError](err) }

// IsCanceledError reports whether err's chain holds a *CanceledError.
func IsCanceledError(err error) bool { return isA[*CanceledError](err) }

// IsTimeoutError reports whether err's chain holds a *TimeoutError.
func IsTimeoutError(err error) bool { return isA[*TimeoutError](err) }

// IsTerminatedError reports whether err's chain holds a *TerminatedError.
func IsTerminatedError(err error) bool { return isA[*TerminatedError](err) }

// IsPanicError reports whether err's chain holds a *PanicError.
func IsPanicError(err error) bool { return isA[*PanicError](err) }

// IsWorkflowExecutionAlreadyStartedError reports whether err's chain holds a
// *WorkflowExecutionAlreadyStartedError or a
// *ChildWorkflowExecutionAlreadyStartedError.
func IsWorkflowExecutionAlreadyStartedError(err error) bool {
	return isA[*WorkflowExecutionAlreadyStartedError](err) || isA[*ChildWorkflowExecutionAlreadyStartedError](err)
}

func isA[T error](err error) bool {
	var target T
	return errors.As(err, &target)
}

// messenger is implemented by the errors whose Failure message is shorter
// than their Error text (Error adds the type, IDs and the cause).
type messenger interface {
	message() string
}

// origin remembers the Failure an error was rebuilt from, so that turning
// the error back into a Failure gives the same Failure (stack trace, source
// and all), as Temporal's SDK does.
type origin struct {
	failure *Failure
}

func (o *origin) setOrigin(f *Failure) { o.failure = f }
func (o *origin) originFailure() *Failure {
	return o.failure
}

type originHolder interface {
	setOrigin(*Failure)
	originFailure() *Failure
}

// errorType is the type name Temporal records for a Go error that is not
// one of this package's: the name of its type with pointers removed and no
// package ("MyError" for *mypkg.MyError), and "" for the errors that
// errors.New makes.
func errorType(err error) string {
	t := reflect.TypeOf(err)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == errorStringType {
		return ""
	}
	return t.Name()
}

var errorStringType = reflect.TypeOf(errors.New("")).Elem()

// details holds the detail values of an error: Go values when the error was
// made in this process, encoded payloads when it was rebuilt from a Failure.
type details struct {
	values  []any
	encoded converter.EncodedValues
}

// newDetails keeps a single EncodedValues as the encoded form, so a
// FailureConverter can pass payloads through unchanged (Temporal does the
// same).
func newDetails(values []any) details {
	if len(values) == 1 {
		if ev, ok := values[0].(converter.EncodedValues); ok {
			return details{encoded: ev}
		}
	}
	return details{values: values}
}

func (d details) has() bool {
	if d.encoded != nil {
		return d.encoded.HasValues()
	}
	return len(d.values) > 0
}

// get extracts the details into the variables ptrs point to. Encoded
// details decode as any received value does. Go values are assigned when
// their type fits, and otherwise go through the default data converter, so
// that a test sees what the value would look like after crossing to another
// process (an int detail read into an int64, say).
func (d details) get(ptrs ...any) error {
	if !d.has() {
		return ErrNoData
	}
	if d.encoded != nil {
		return d.encoded.Get(ptrs...)
	}
	if len(ptrs) > len(d.values) {
		return ErrTooManyArg
	}
	dc := converter.GetDefaultDataConverter()
	for i, ptr := range ptrs {
		pv := reflect.ValueOf(ptr)
		if pv.Kind() == reflect.Pointer && !pv.IsNil() {
			if v := reflect.ValueOf(d.values[i]); v.IsValid() && v.Type().AssignableTo(pv.Type().Elem()) {
				pv.Elem().Set(v)
				continue
			}
		}
		p, err := dc.ToPayload(d.values[i])
		if err != nil {
			return fmt.Errorf("payload item %d: %w", i, err)
		}
		if err := dc.FromPayload(p, ptr); err != nil {
			return fmt.Errorf("payload item %d: %w", i, err)
		}
	}
	return nil
}

// payloads returns the encoded form of the details for a Failure.
func (d details) payloads(dc converter.DataConverter) (*converter.Payloads, error) {
	if d.encoded != nil {
		return converter.GetPayloads(d.encoded), nil
	}
	return dc.ToPayloads(d.values...)
}
