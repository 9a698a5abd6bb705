package wfsim_test

import (
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

func TestErrorTexts(t *testing.T) {
	t.Parallel()
	cause := errors.New("cause error")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"application, no type", wfsim.NewApplicationError("boom", ""), "boom"},
		{"application, typed", wfsim.NewApplicationError("card declined", "CardError"), "card declined (type: CardError, retryable: true)"},
		{"application, non-retryable with cause", wfsim.NewNonRetryableApplicationError("message", "customType", cause),
			"message (type: customType, retryable: false): cause error"},
		{"application with cause", wfsim.NewApplicationErrorWithCause("outer", "", cause), "outer: cause error"},
		{"application nested", wfsim.NewNonRetryableApplicationError("message", "customType",
			wfsim.NewNonRetryableApplicationError("sub message", "sub customType", cause)),
			"message (type: customType, retryable: false): sub message (type: sub customType, retryable: false): cause error"},
		{"timeout", wfsim.NewTimeoutError(wfsim.TimeoutTypeStartToClose, nil), "Test timeout (type: StartToClose)"},
		{"timeout with last error", wfsim.NewTimeoutError(wfsim.TimeoutTypeScheduleToClose, cause),
			"Test timeout (type: ScheduleToClose): cause error"},
		{"heartbeat timeout", wfsim.NewHeartbeatTimeoutError(3), "heartbeat timeout (type: Heartbeat)"},
		{"canceled", wfsim.NewCanceledError(), "canceled"},
		{"canceled with message", wfsim.NewCanceledErrorWithOptions(wfsim.CanceledErrorOptions{Message: "operation canceled", Cause: cause}),
			"operation canceled"},
		{"panic", wfsim.NewPanicError("index out of range", "stack"), "index out of range"},
		{"panic with error value", wfsim.NewPanicError(io.EOF, "stack"), "EOF"},
		{"activity", wfsim.NewActivityError(5, 6, "worker-1", "Charge", "5", wfsim.RetryStateMaximumAttemptsReached, cause),
			"activity error (type: Charge, scheduledEventID: 5, startedEventID: 6, identity: worker-1): cause error"},
		{"child workflow", wfsim.NewChildWorkflowExecutionError("default", "child-1", "run-1", "Child", 7, 8, wfsim.RetryStateNonRetryableFailure, cause),
			"child workflow execution error (type: Child, workflowID: child-1, runID: run-1, initiatedEventID: 7, startedEventID: 8): cause error"},
		{"workflow execution", wfsim.NewWorkflowExecutionError("wf-1", "run-1", "Order", cause),
			"workflow execution error (type: Order, workflowID: wf-1, runID: run-1): cause error"},
		{"workflow execution, no cause", wfsim.NewWorkflowExecutionError("wf-1", "run-1", "Order", nil),
			"workflow execution error (type: Order, workflowID: wf-1, runID: run-1)"},
		{"continue as new", &wfsim.ContinueAsNewError{WorkflowType: &wfsim.WorkflowType{Name: "Order"}}, "continue as new"},
		{"terminated", &wfsim.TerminatedError{}, "terminated"},
		{"unknown external", &wfsim.UnknownExternalWorkflowExecutionError{}, "unknown external workflow execution"},
		{"child already started", &wfsim.ChildWorkflowExecutionAlreadyStartedError{}, "child workflow execution already started"},
		{"already started", &wfsim.WorkflowExecutionAlreadyStartedError{}, "workflow execution already started"},
		{"already started with message", &wfsim.WorkflowExecutionAlreadyStartedError{Message: "running"}, "running"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q\nwant      %q", got, tt.want)
			}
		})
	}
}

func TestAccessors(t *testing.T) {
	t.Parallel()
	cause := errors.New("cause")

	appErr := asA[*wfsim.ApplicationError](t, wfsim.NewApplicationErrorWithOptions("m", "T", wfsim.ApplicationErrorOptions{
		NonRetryable: true, Cause: cause, NextRetryDelay: 3 * time.Second, Category: wfsim.ApplicationErrorCategoryBenign,
	}))
	check(t, "Message", appErr.Message(), "m")
	check(t, "Type", appErr.Type(), "T")
	check(t, "NonRetryable", appErr.NonRetryable(), true)
	check(t, "NextRetryDelay", appErr.NextRetryDelay(), 3*time.Second)
	check(t, "Category", appErr.Category(), wfsim.ApplicationErrorCategoryBenign)
	check(t, "Unwrap", appErr.Unwrap(), cause)
	check(t, "HasDetails", appErr.HasDetails(), false)

	to := asA[*wfsim.TimeoutError](t, wfsim.NewTimeoutError(wfsim.TimeoutTypeScheduleToStart, cause))
	check(t, "TimeoutType", to.TimeoutType(), wfsim.TimeoutTypeScheduleToStart)
	check(t, "timeout Message", to.Message(), "Test timeout")
	check(t, "timeout Unwrap", to.Unwrap(), cause)
	check(t, "HasLastHeartbeatDetails", to.HasLastHeartbeatDetails(), false)

	pe := asA[*wfsim.PanicError](t, wfsim.NewPanicError(42, "goroutine 1"))
	check(t, "Value", pe.Value(), any(42))
	check(t, "StackTrace", pe.StackTrace(), "goroutine 1")

	ae := wfsim.NewActivityError(5, 6, "id", "Charge", "act-1", wfsim.RetryStateTimeout, cause)
	check(t, "ScheduledEventID", ae.ScheduledEventID(), int64(5))
	check(t, "StartedEventID", ae.StartedEventID(), int64(6))
	check(t, "Identity", ae.Identity(), "id")
	check(t, "ActivityType", ae.ActivityType().Name, "Charge")
	check(t, "ActivityID", ae.ActivityID(), "act-1")
	check(t, "RetryState", ae.RetryState(), wfsim.RetryStateTimeout)
	check(t, "activity Unwrap", ae.Unwrap(), cause)

	ce := wfsim.NewChildWorkflowExecutionError("ns", "wid", "rid", "Child", 7, 8, wfsim.RetryStateCancelRequested, cause)
	check(t, "Namespace", ce.Namespace(), "ns")
	check(t, "WorkflowID", ce.WorkflowID(), "wid")
	check(t, "RunID", ce.RunID(), "rid")
	check(t, "WorkflowType", ce.WorkflowType(), "Child")
	check(t, "InitiatedEventID", ce.InitiatedEventID(), int64(7))
	check(t, "child StartedEventID", ce.StartedEventID(), int64(8))
	check(t, "child RetryState", ce.RetryState(), wfsim.RetryStateCancelRequested)
	check(t, "child Unwrap", ce.Unwrap(), cause)

	we := wfsim.NewWorkflowExecutionError("w", "r", "T", cause)
	check(t, "workflow Unwrap", we.Unwrap(), cause)
}

func asA[T error](t *testing.T, err error) T {
	t.Helper()
	var target T
	if !errors.As(err, &target) {
		t.Fatalf("errors.As(%v, %T) = false", err, target)
	}
	return target
}

func check[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestErrorsAsThroughChains(t *testing.T) {
	t.Parallel()
	sentinel := errors.New("sentinel")
	chain := wfsim.NewWorkflowExecutionError("wf", "run", "W",
		wfsim.NewChildWorkflowExecutionError("ns", "child", "crun", "C", 1, 2, wfsim.RetryStateNonRetryableFailure,
			wfsim.NewActivityError(5, 6, "w", "A", "5", wfsim.RetryStateMaximumAttemptsReached,
				fmt.Errorf("wrapped: %w", wfsim.NewTimeoutError(wfsim.TimeoutTypeStartToClose,
					wfsim.NewApplicationErrorWithCause("last", "Last", sentinel))))))
	tests := []struct {
		name string
		ok   bool
	}{
		{"IsTimeoutError", wfsim.IsTimeoutError(chain)},
		{"IsApplicationError", wfsim.IsApplicationError(chain)},
		{"errors.Is sentinel", errors.Is(chain, sentinel)},
		{"As ActivityError", errors.As(chain, new(*wfsim.ActivityError))},
		{"As ChildWorkflowExecutionError", errors.As(chain, new(*wfsim.ChildWorkflowExecutionError))},
		{"not canceled", !wfsim.IsCanceledError(chain)},
		{"not panic", !wfsim.IsPanicError(chain)},
		{"not terminated", !wfsim.IsTerminatedError(chain)},
		{"IsCanceledError", wfsim.IsCanceledError(fmt.Errorf("x: %w", wfsim.NewCanceledError()))},
		{"IsPanicError", wfsim.IsPanicError(wfsim.NewActivityError(1, 2, "", "", "", 0, wfsim.NewPanicError("p", "")))},
		{"IsTerminatedError", wfsim.IsTerminatedError(wfsim.NewWorkflowExecutionError("", "", "", &wfsim.TerminatedError{}))},
		{"already started, child", wfsim.IsWorkflowExecutionAlreadyStartedError(
			wfsim.NewChildWorkflowExecutionError("", "", "", "", 0, 0, 0, &wfsim.ChildWorkflowExecutionAlreadyStartedError{}))},
		{"already started", wfsim.IsWorkflowExecutionAlreadyStartedError(&wfsim.WorkflowExecutionAlreadyStartedError{})},
		{"nil is nothing", !wfsim.IsApplicationError(nil)},
		{"ErrNoData is converter's", errors.Is(wfsim.ErrNoData, converter.ErrNoData)},
	}
	for _, tt := range tests {
		if !tt.ok {
			t.Errorf("%s: false", tt.name)
		}
	}
}

type money struct {
	Cents    int
	Currency string
}

func TestInProcessDetails(t *testing.T) {
	t.Parallel()
	err := wfsim.NewApplicationError("m", "T", money{150, "EUR"}, 7, "note")
	appErr := asA[*wfsim.ApplicationError](t, err)
	if !appErr.HasDetails() {
		t.Fatal("HasDetails = false")
	}

	t.Run("same types are assigned", func(t *testing.T) {
		t.Parallel()
		var m money
		var n int
		var s string
		if err := appErr.Details(&m, &n, &s); err != nil {
			t.Fatal(err)
		}
		if m != (money{150, "EUR"}) || n != 7 || s != "note" {
			t.Errorf("Details = %v %v %q", m, n, s)
		}
	})
	t.Run("fewer targets", func(t *testing.T) {
		t.Parallel()
		var m money
		if err := appErr.Details(&m); err != nil || m.Cents != 150 {
			t.Errorf("Details(&m) = %v, %v", err, m)
		}
	})
	t.Run("other types go through the data converter", func(t *testing.T) {
		t.Parallel()
		var m map[string]any
		var n int64
		if err := appErr.Details(&m, &n); err != nil {
			t.Fatal(err)
		}
		if m["Currency"] != "EUR" || n != 7 {
			t.Errorf("Details = %v %v", m, n)
		}
	})
	t.Run("too many targets", func(t *testing.T) {
		t.Parallel()
		var a, b, c, d any
		if err := appErr.Details(&a, &b, &c, &d); !errors.Is(err, wfsim.ErrTooManyArg) {
			t.Errorf("Details with 4 targets = %v, want ErrTooManyArg", err)
		}
	})
	t.Run("wrong type is a DecodeError", func(t *testing.T) {
		t.Parallel()
		var wrong bool
		err := appErr.Details(&wrong)
		var de *converter.DecodeError
		if !errors.As(err, &de) || de.Encoding != converter.EncodingJSON {
			t.Errorf("Details(&bool) = %v, want a json/plain DecodeError", err)
		}
	})
	t.Run("non-pointer is a DecodeError", func(t *testing.T) {
		t.Parallel()
		err := appErr.Details(money{})
		if !errors.Is(err, converter.ErrValuePtrIsNotPointer) {
			t.Errorf("Details(money{}) = %v, want ErrValuePtrIsNotPointer", err)
		}
	})
	t.Run("nil detail sets zero", func(t *testing.T) {
		t.Parallel()
		e := asA[*wfsim.CanceledError](t, wfsim.NewCanceledError(nil))
		p := &money{Cents: 1}
		if err := e.Details(&p); err != nil || p != nil {
			t.Errorf("Details = %v, %v; want nil pointer", err, p)
		}
	})
	t.Run("no details", func(t *testing.T) {
		t.Parallel()
		tests := []struct {
			name string
			get  func(...any) error
		}{
			{"application", asA[*wfsim.ApplicationError](t, wfsim.NewApplicationError("m", "")).Details},
			{"canceled", asA[*wfsim.CanceledError](t, wfsim.NewCanceledError()).Details},
			{"timeout", asA[*wfsim.TimeoutError](t, wfsim.NewTimeoutError(wfsim.TimeoutTypeHeartbeat, nil)).LastHeartbeatDetails},
		}
		for _, tt := range tests {
			if err := tt.get(); !errors.Is(err, wfsim.ErrNoData) || err.Error() != "no data available" {
				t.Errorf("%s: Details() = %v, want ErrNoData", tt.name, err)
			}
		}
	})
	t.Run("heartbeat details", func(t *testing.T) {
		t.Parallel()
		e := asA[*wfsim.TimeoutError](t, wfsim.NewHeartbeatTimeoutError(12))
		var progress int
		if !e.HasLastHeartbeatDetails() || e.LastHeartbeatDetails(&progress) != nil || progress != 12 {
			t.Errorf("LastHeartbeatDetails = %d", progress)
		}
	})
	t.Run("an EncodedValues detail is used as the details", func(t *testing.T) {
		t.Parallel()
		p, _ := converter.GetDefaultDataConverter().ToPayloads("a", 2)
		e := asA[*wfsim.ApplicationError](t, wfsim.NewApplicationError("m", "", converter.NewEncodedValues(p, nil)))
		var s string
		var n int
		if err := e.Details(&s, &n); err != nil || s != "a" || n != 2 {
			t.Errorf("Details = %v (%q, %d)", err, s, n)
		}
	})
}
