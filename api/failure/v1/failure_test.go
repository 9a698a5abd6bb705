package failure_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	enumspb "github.com/wfsim/wfsim/api/enums/v1"
	failurepb "github.com/wfsim/wfsim/api/failure/v1"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/genaliases"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func TestGeneratedAliasesUpToDate(t *testing.T) {
	t.Parallel()
	if err := genaliases.CheckFile(".", "doc.go"); err != nil {
		t.Fatal(err)
	}
}

// The aliases are the root package's types.
var (
	_ *temporal.Failure                           = (*failurepb.Failure)(nil)
	_ *temporal.ApplicationFailureInfo            = (*failurepb.ApplicationFailureInfo)(nil)
	_ *temporal.TimeoutFailureInfo                = (*failurepb.TimeoutFailureInfo)(nil)
	_ *temporal.CanceledFailureInfo               = (*failurepb.CanceledFailureInfo)(nil)
	_ *temporal.TerminatedFailureInfo             = (*failurepb.TerminatedFailureInfo)(nil)
	_ *temporal.ServerFailureInfo                 = (*failurepb.ServerFailureInfo)(nil)
	_ *temporal.ResetWorkflowFailureInfo          = (*failurepb.ResetWorkflowFailureInfo)(nil)
	_ *temporal.ActivityFailureInfo               = (*failurepb.ActivityFailureInfo)(nil)
	_ *temporal.ChildWorkflowExecutionFailureInfo = (*failurepb.ChildWorkflowExecutionFailureInfo)(nil)
)

// outOfStockError is an application's own error type, which its failure
// converter carries across the activity boundary.
type outOfStockError struct{ SKU string }

func (e *outOfStockError) Error() string { return "out of stock: " + e.SKU }

// stockFailureConverter is a custom FailureConverter written as for
// Temporal, against failurepb: it records an *outOfStockError as a
// non-retryable application failure of type "OutOfStock" and rebuilds it
// from one, and leaves every other error to the default converter.
type stockFailureConverter struct{ next temporal.FailureConverter }

var _ temporal.FailureConverter = stockFailureConverter{}

func (c stockFailureConverter) ErrorToFailure(err error) *failurepb.Failure {
	var oos *outOfStockError
	if errors.As(err, &oos) {
		return &failurepb.Failure{
			Message:                oos.Error(),
			Source:                 "stock",
			ApplicationFailureInfo: &failurepb.ApplicationFailureInfo{Type: "OutOfStock", NonRetryable: true},
		}
	}
	return c.next.ErrorToFailure(err)
}

func (c stockFailureConverter) FailureToError(f *failurepb.Failure) error {
	if f.GetApplicationFailureInfo().GetType() == "OutOfStock" {
		return &outOfStockError{SKU: strings.TrimPrefix(f.GetMessage(), "out of stock: ")}
	}
	return c.next.FailureToError(f)
}

func reserve(_ context.Context, sku string) error {
	if sku == "gone" {
		return &outOfStockError{SKU: sku}
	}
	return nil
}

// order reserves a SKU and reports what the activity's error was.
func order(ctx workflow.Context, sku string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	err := workflow.ExecuteActivity(ctx, reserve, sku).Get(ctx, nil)
	var oos *outOfStockError
	var appErr *temporal.ApplicationError
	switch {
	case err == nil:
		return "reserved", nil
	case errors.As(err, &oos):
		return "out of stock: " + oos.SKU, nil
	case errors.As(err, &appErr):
		return "application error " + appErr.Type(), nil
	default:
		return "", err
	}
}

func TestCustomFailureConverter(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		converter temporal.FailureConverter
		sku       string
		want      string
	}{
		{"no failure", stockFailureConverter{temporal.GetDefaultFailureConverter()}, "in", "reserved"},
		{"custom converter keeps the error type", stockFailureConverter{temporal.GetDefaultFailureConverter()}, "gone", "out of stock: gone"},
		{"default converter makes it an application error", temporal.GetDefaultFailureConverter(), "gone", "application error outOfStockError"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			env.SetFailureConverter(tc.converter)
			env.RegisterActivity(reserve)
			env.ExecuteWorkflow(order, tc.sku)
			var got string
			if err := env.GetWorkflowResult(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("result = %q, want %q", got, tc.want)
			}
		})
	}
}

// The failure converter's Failures are failurepb.Failures, read with
// protobuf's getters as in Temporal.
func TestFailureGetters(t *testing.T) {
	t.Parallel()
	fc := temporal.GetDefaultFailureConverter()
	var f *failurepb.Failure = fc.ErrorToFailure(temporal.NewTimeoutError(enumspb.TIMEOUT_TYPE_START_TO_CLOSE, temporal.NewApplicationError("slow", "Slow")))
	if got := f.GetTimeoutFailureInfo().GetTimeoutType(); got != enumspb.TIMEOUT_TYPE_START_TO_CLOSE {
		t.Errorf("timeout type = %v", got)
	}
	if got := f.GetCause().GetApplicationFailureInfo().GetType(); got != "Slow" {
		t.Errorf("cause's type = %q, want Slow", got)
	}
	if f.GetApplicationFailureInfo() != nil || f.GetCause().GetCause() != nil {
		t.Errorf("unexpected infos in %+v", f)
	}
	var none *failurepb.Failure
	if none.GetMessage() != "" || none.GetCause().GetActivityFailureInfo().GetActivityId() != "" {
		t.Error("getters on a nil Failure are not zero")
	}
	// A history event's failure is the same type.
	attrs := &replay.ActivityTaskFailedEventAttributes{Failure: f}
	if attrs.GetFailure() != f {
		t.Error("the event's failure is not the converter's")
	}
}
