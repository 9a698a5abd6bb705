package wfsim_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

func jsonPayloads(t *testing.T, values ...any) *converter.Payloads {
	t.Helper()
	p, err := converter.GetDefaultDataConverter().ToPayloads(values...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

type coolError struct{}

func (coolError) Error() string { return "cool error" }

type myErr struct{ msg string }

func (e *myErr) Error() string { return e.msg }

func TestErrorToFailure(t *testing.T) {
	t.Parallel()
	cause := errors.New("cause error")
	causeFailure := &wfsim.Failure{Message: "cause error", Source: "GoSDK", ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{}}
	tests := []struct {
		name string
		err  error
		want *wfsim.Failure
	}{
		{"nil", nil, nil},
		{"errors.New has empty type", errors.New("plain"), &wfsim.Failure{
			Message: "plain", Source: "GoSDK", ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{},
		}},
		{"value error type", coolError{}, &wfsim.Failure{
			Message: "cool error", Source: "GoSDK", ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "coolError"},
		}},
		{"pointer error type", &myErr{"mine"}, &wfsim.Failure{
			Message: "mine", Source: "GoSDK", ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "myErr"},
		}},
		{"fmt.Errorf %w keeps the whole text and chains", fmt.Errorf("ctx: %w", cause), &wfsim.Failure{
			Message: "ctx: cause error", Source: "GoSDK", ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "wrapError"},
			Cause: causeFailure,
		}},
		{"application", wfsim.NewApplicationErrorWithOptions("message", "customType", wfsim.ApplicationErrorOptions{
			NonRetryable: true, Cause: cause, Details: []any{"details", 2208}, NextRetryDelay: time.Minute,
			Category: wfsim.ApplicationErrorCategoryBenign,
		}), &wfsim.Failure{
			Message: "message", Source: "GoSDK",
			ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{
				Type: "customType", NonRetryable: true, Details: jsonPayloads(t, "details", 2208),
				NextRetryDelay: time.Minute, Category: wfsim.ApplicationErrorCategoryBenign,
			},
			Cause: causeFailure,
		}},
		{"canceled", wfsim.NewCanceledError("details", 2208), &wfsim.Failure{
			Message: "canceled", Source: "GoSDK",
			CanceledFailureInfo: &wfsim.CanceledFailureInfo{Details: jsonPayloads(t, "details", 2208)},
		}},
		{"panic", wfsim.NewPanicError("panic message", "long call stack"), &wfsim.Failure{
			Message: "panic message", Source: "GoSDK", StackTrace: "long call stack",
			ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "PanicError"},
		}},
		{"heartbeat timeout", wfsim.NewHeartbeatTimeoutError("progress"), &wfsim.Failure{
			Message: "heartbeat timeout", Source: "GoSDK",
			TimeoutFailureInfo: &wfsim.TimeoutFailureInfo{TimeoutType: wfsim.TimeoutTypeHeartbeat, LastHeartbeatDetails: jsonPayloads(t, "progress")},
		}},
		{"timeout with last error", wfsim.NewTimeoutError(wfsim.TimeoutTypeStartToClose, cause), &wfsim.Failure{
			Message: "Test timeout", Source: "GoSDK",
			TimeoutFailureInfo: &wfsim.TimeoutFailureInfo{TimeoutType: wfsim.TimeoutTypeStartToClose},
			Cause:              causeFailure,
		}},
		{"terminated", &wfsim.TerminatedError{}, &wfsim.Failure{
			Message: "terminated", Source: "GoSDK", TerminatedFailureInfo: &wfsim.TerminatedFailureInfo{},
		}},
		{"activity", wfsim.NewActivityError(5, 6, "worker", "Charge", "5", wfsim.RetryStateMaximumAttemptsReached, cause), &wfsim.Failure{
			Message: "activity error", Source: "GoSDK",
			ActivityFailureInfo: &wfsim.ActivityFailureInfo{
				ScheduledEventID: 5, StartedEventID: 6, Identity: "worker", ActivityType: "Charge", ActivityID: "5",
				RetryState: wfsim.RetryStateMaximumAttemptsReached,
			},
			Cause: causeFailure,
		}},
		{"child", wfsim.NewChildWorkflowExecutionError("ns", "wid", "rid", "Child", 7, 8, wfsim.RetryStateNonRetryableFailure, nil), &wfsim.Failure{
			Message: "child workflow execution error", Source: "GoSDK",
			ChildWorkflowExecutionFailureInfo: &wfsim.ChildWorkflowExecutionFailureInfo{
				Namespace: "ns", WorkflowID: "wid", RunID: "rid", WorkflowType: "Child", InitiatedEventID: 7, StartedEventID: 8,
				RetryState: wfsim.RetryStateNonRetryableFailure,
			},
		}},
		{"continue as new is an application failure", &wfsim.ContinueAsNewError{}, &wfsim.Failure{
			Message: "continue as new", Source: "GoSDK", ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "ContinueAsNewError"},
		}},
		{"workflow execution error uses Error()", wfsim.NewWorkflowExecutionError("w", "r", "T", nil), &wfsim.Failure{
			Message: "workflow execution error (type: T, workflowID: w, runID: r)", Source: "GoSDK",
			ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "WorkflowExecutionError"},
		}},
	}
	fc := wfsim.GetDefaultFailureConverter()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, fc.ErrorToFailure(tt.err)); diff != "" {
				t.Errorf("ErrorToFailure (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFailureToError(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	javaCause := &wfsim.Failure{Message: "npe", Source: "JavaSDK", ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "SomeJavaException"}}
	tests := []struct {
		name  string
		f     *wfsim.Failure
		check func(t *testing.T, err error)
	}{
		{"nil", nil, func(t *testing.T, err error) {
			if err != nil {
				t.Errorf("err = %v, want nil", err)
			}
		}},
		{"application with details and cause", &wfsim.Failure{
			Message: "declined", ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{
				Type: "CardError", NonRetryable: true, Details: jsonPayloads(t, money{5, "EUR"}), NextRetryDelay: time.Second,
			}, Cause: javaCause,
		}, func(t *testing.T, err error) {
			e := asA[*wfsim.ApplicationError](t, err)
			check(t, "Error", e.Error(), "declined (type: CardError, retryable: false): npe (type: SomeJavaException, retryable: true)")
			check(t, "NextRetryDelay", e.NextRetryDelay(), time.Second)
			var m money
			if err := e.Details(&m); err != nil || m != (money{5, "EUR"}) {
				t.Errorf("Details = %v, %v", err, m)
			}
			var wrong int
			var de *converter.DecodeError
			if err := e.Details(&wrong); !errors.As(err, &de) {
				t.Errorf("Details(&int) = %v, want DecodeError", err)
			}
			check(t, "cause type", asA[*wfsim.ApplicationError](t, e.Unwrap()).Type(), "SomeJavaException")
		}},
		{"application without details", &wfsim.Failure{Message: "m", ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{}},
			func(t *testing.T, err error) {
				e := asA[*wfsim.ApplicationError](t, err)
				if e.HasDetails() || !errors.Is(e.Details(new(string)), wfsim.ErrNoData) {
					t.Error("want no details")
				}
			}},
		{"panic type becomes PanicError", &wfsim.Failure{
			Message: "boom", StackTrace: "stack", ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "PanicError"},
		}, func(t *testing.T, err error) {
			e := asA[*wfsim.PanicError](t, err)
			check(t, "Error", e.Error(), "boom")
			check(t, "StackTrace", e.StackTrace(), "stack")
			check(t, "Value", e.Value(), any("boom"))
		}},
		{"canceled", &wfsim.Failure{Message: "canceled", CanceledFailureInfo: &wfsim.CanceledFailureInfo{Details: jsonPayloads(t, "why")}},
			func(t *testing.T, err error) {
				var s string
				if e := asA[*wfsim.CanceledError](t, err); e.Details(&s) != nil || s != "why" {
					t.Errorf("Details = %q", s)
				}
			}},
		{"server timeout with last failure", &wfsim.Failure{
			Message:            "activity StartToClose timeout",
			TimeoutFailureInfo: &wfsim.TimeoutFailureInfo{TimeoutType: wfsim.TimeoutTypeStartToClose, LastHeartbeatDetails: jsonPayloads(t, 40)},
			Cause:              javaCause,
		}, func(t *testing.T, err error) {
			e := asA[*wfsim.TimeoutError](t, err)
			check(t, "Error", e.Error(), "activity StartToClose timeout (type: StartToClose): npe (type: SomeJavaException, retryable: true)")
			var n int
			if e.LastHeartbeatDetails(&n) != nil || n != 40 {
				t.Errorf("LastHeartbeatDetails = %d", n)
			}
		}},
		{"terminated", &wfsim.Failure{Message: "x", TerminatedFailureInfo: &wfsim.TerminatedFailureInfo{}}, func(t *testing.T, err error) {
			check(t, "Error", asA[*wfsim.TerminatedError](t, err).Error(), "terminated")
		}},
		{"server", &wfsim.Failure{Message: "oops", ServerFailureInfo: &wfsim.ServerFailureInfo{NonRetryable: true}, Cause: javaCause},
			func(t *testing.T, err error) {
				e := asA[*wfsim.ServerError](t, err)
				check(t, "Message", e.Message(), "oops")
				check(t, "NonRetryable", e.NonRetryable(), true)
				check(t, "Error", e.Error(), "oops: npe (type: SomeJavaException, retryable: true)")
			}},
		{"reset is a non-retryable application error", &wfsim.Failure{
			Message: "reset", ResetWorkflowFailureInfo: &wfsim.ResetWorkflowFailureInfo{LastHeartbeatDetails: jsonPayloads(t, 1)},
		}, func(t *testing.T, err error) {
			e := asA[*wfsim.ApplicationError](t, err)
			check(t, "NonRetryable", e.NonRetryable(), true)
			check(t, "Type", e.Type(), "")
			check(t, "HasDetails", e.HasDetails(), true)
		}},
		{"activity", &wfsim.Failure{
			Message:             "activity error",
			ActivityFailureInfo: &wfsim.ActivityFailureInfo{ScheduledEventID: 5, StartedEventID: 6, ActivityType: "Charge", ActivityID: "5", RetryState: wfsim.RetryStateTimeout},
			Cause:               &wfsim.Failure{Message: "t", TimeoutFailureInfo: &wfsim.TimeoutFailureInfo{TimeoutType: wfsim.TimeoutTypeScheduleToStart}},
		}, func(t *testing.T, err error) {
			e := asA[*wfsim.ActivityError](t, err)
			check(t, "ActivityType", e.ActivityType().GetName(), "Charge")
			check(t, "RetryState", e.RetryState(), wfsim.RetryStateTimeout)
			check(t, "timeout type", asA[*wfsim.TimeoutError](t, err).TimeoutType(), wfsim.TimeoutTypeScheduleToStart)
		}},
		{"child", &wfsim.Failure{
			ChildWorkflowExecutionFailureInfo: &wfsim.ChildWorkflowExecutionFailureInfo{WorkflowID: "c", RunID: "r", WorkflowType: "C", InitiatedEventID: 3},
		}, func(t *testing.T, err error) {
			e := asA[*wfsim.ChildWorkflowExecutionError](t, err)
			check(t, "Error", e.Error(), "child workflow execution error (type: C, workflowID: c, runID: r, initiatedEventID: 3, startedEventID: 0)")
		}},
		{"no info is a retryable application error", &wfsim.Failure{Message: "mystery", Cause: javaCause}, func(t *testing.T, err error) {
			e := asA[*wfsim.ApplicationError](t, err)
			check(t, "Error", e.Error(), "mystery: npe (type: SomeJavaException, retryable: true)")
			check(t, "NonRetryable", e.NonRetryable(), false)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.check(t, fc.FailureToError(tt.f))
		})
	}
}

// A Failure from a history (another SDK, a stack trace, a source) survives
// being turned into an error and back, even though the error itself does
// not hold all of it.
func TestFailureRoundTripIsExact(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	orig := &wfsim.Failure{
		Message: "activity error", Source: "JavaSDK", StackTrace: "at Foo.bar",
		ActivityFailureInfo: &wfsim.ActivityFailureInfo{ScheduledEventID: 5, StartedEventID: 6, Identity: "java", ActivityType: "A", ActivityID: "5", RetryState: wfsim.RetryStateMaximumAttemptsReached},
		Cause: &wfsim.Failure{
			Message: "bad", Source: "JavaSDK", StackTrace: "at Baz.qux",
			ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "IllegalStateException", Details: jsonPayloads(t, "d")},
			Cause:                  &wfsim.Failure{Message: "deepest", Source: "JavaSDK"},
		},
	}
	want := cloneViaRoundTrip(orig)
	err := fc.FailureToError(orig)
	orig.Cause.Message = "changed after conversion"

	if diff := cmp.Diff(want, fc.ErrorToFailure(err)); diff != "" {
		t.Errorf("whole chain (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want.Cause, fc.ErrorToFailure(errors.Unwrap(err))); diff != "" {
		t.Errorf("cause (-want +got):\n%s", diff)
	}
	got := fc.ErrorToFailure(err)
	got.Message = "mutated by a caller"
	if fc.ErrorToFailure(err).Message != "activity error" {
		t.Error("a caller changed the Failure an error holds")
	}
}

func cloneViaRoundTrip(f *wfsim.Failure) *wfsim.Failure {
	if f == nil {
		return nil
	}
	c := *f
	c.Cause = cloneViaRoundTrip(f.Cause)
	if f.ApplicationFailureInfo != nil {
		i := *f.ApplicationFailureInfo
		c.ApplicationFailureInfo = &i
	}
	if f.ActivityFailureInfo != nil {
		i := *f.ActivityFailureInfo
		c.ActivityFailureInfo = &i
	}
	return &c
}

// Errors made in process survive ErrorToFailure then FailureToError with
// their texts, kinds and details.
func TestErrorRoundTrip(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	tests := []struct {
		name string
		err  error
	}{
		{"application", wfsim.NewNonRetryableApplicationError("m", "T", errors.New("c"), money{1, "USD"})},
		{"canceled", wfsim.NewCanceledError(money{2, "USD"})},
		{"timeout", wfsim.NewTimeoutError(wfsim.TimeoutTypeHeartbeat, wfsim.NewPanicError("p", "s"), money{3, "USD"})},
		{"activity", wfsim.NewActivityError(1, 2, "i", "A", "1", wfsim.RetryStateInProgress, wfsim.NewApplicationError("x", "X", money{4, "USD"}))},
		{"child", wfsim.NewChildWorkflowExecutionError("n", "w", "r", "C", 1, 2, 0, &wfsim.TerminatedError{})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			back := fc.FailureToError(fc.ErrorToFailure(tt.err))
			check(t, "Error", back.Error(), tt.err.Error())
			if fmt.Sprintf("%T", back) != fmt.Sprintf("%T", tt.err) {
				t.Errorf("type %T, want %T", back, tt.err)
			}
			var m money
			var de interface{ Details(...any) error }
			var hb *wfsim.TimeoutError
			switch {
			case errors.As(back, &hb):
				if err := hb.LastHeartbeatDetails(&m); err != nil {
					t.Fatal(err)
				}
			case errors.As(back, &de):
				if err := de.Details(&m); err != nil {
					t.Fatal(err)
				}
			default:
				return
			}
			if m.Currency != "USD" {
				t.Errorf("details = %v", m)
			}
			if diff := cmp.Diff(fc.ErrorToFailure(tt.err), fc.ErrorToFailure(back)); diff != "" {
				t.Errorf("second Failure differs (-first +second):\n%s", diff)
			}
		})
	}
}

func TestUnencodableDetailsAreReportedNotPanicked(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	cause := errors.New("root")
	f := fc.ErrorToFailure(wfsim.NewApplicationErrorWithCause("m", "T", cause, make(chan int)))
	if f.ApplicationFailureInfo.Details != nil {
		t.Errorf("Details = %v, want none", f.ApplicationFailureInfo.Details)
	}
	if f.Cause == nil || f.Cause.ApplicationFailureInfo == nil || f.Cause.ApplicationFailureInfo.Type != "EncodeError" ||
		!f.Cause.ApplicationFailureInfo.NonRetryable || !strings.Contains(f.Cause.Message, "chan int") {
		t.Fatalf("cause = %+v, want an EncodeError failure naming chan int", f.Cause)
	}
	if f.Cause.Cause == nil || f.Cause.Cause.Message != "root" {
		t.Errorf("original cause lost: %+v", f.Cause.Cause)
	}
	err := fc.FailureToError(f)
	if !strings.Contains(err.Error(), "cannot be encoded") {
		t.Errorf("Error() = %q, want it to say the details cannot be encoded", err)
	}
}

func TestCyclicFailureDoesNotRecurseForever(t *testing.T) {
	t.Parallel()
	f := &wfsim.Failure{Message: "loop", ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{}}
	f.Cause = f
	err := wfsim.GetDefaultFailureConverter().FailureToError(f)
	if !wfsim.IsApplicationError(err) {
		t.Fatalf("err = %T", err)
	}
	n := 0
	for e := err; e != nil; e = errors.Unwrap(e) {
		n++
	}
	if n < 2 || n > 1000 {
		t.Errorf("chain length %d, want bounded", n)
	}
}

// upper is a DataConverter that tags JSON so the test sees it was used.
type upper struct{ converter.DataConverter }

func (u upper) ToPayloads(values ...any) (*converter.Payloads, error) {
	p, err := u.DataConverter.ToPayloads(values...)
	for _, x := range p.GetPayloads() {
		x.Metadata["tag"] = []byte("custom")
	}
	return p, err
}

func TestCustomDataConverter(t *testing.T) {
	t.Parallel()
	fc := wfsim.NewDefaultFailureConverter(wfsim.DefaultFailureConverterOptions{DataConverter: upper{converter.GetDefaultDataConverter()}})
	f := fc.ErrorToFailure(wfsim.NewApplicationError("m", "", "x"))
	if got := string(f.ApplicationFailureInfo.Details.Payloads[0].Metadata["tag"]); got != "custom" {
		t.Errorf("details not encoded with the given converter: %v", f.ApplicationFailureInfo.Details)
	}
}
