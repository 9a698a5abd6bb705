package wfsim_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
)

// Values used as error details below: a string, an int, a struct and a
// struct holding a pointer.
type detailRecord struct {
	Name string
	Age  int
}

type detailWithPointer struct {
	Name      string
	Age       int
	Favorites *[]string
}

const detailText = "my details"
const detailNumber = 123

var detailStruct = detailRecord{"a string", 321}

func newDetailWithPointer() detailWithPointer {
	return detailWithPointer{"a string", 321, &[]string{"eat", "code"}}
}

// Temporal: internal/error_test.go Test_ActivityErrorAccessors
func TestSDKActivityErrorAccessorsWrapApplicationError(t *testing.T) {
	t.Parallel()
	appErr := asA[*wfsim.ApplicationError](t, wfsim.NewNonRetryableApplicationError("app err", "", nil))
	err := error(wfsim.NewActivityError(8, 22, "alex", "activityType", "32283", wfsim.RetryStateNonRetryableFailure, appErr))
	actErr := asA[*wfsim.ActivityError](t, err)
	require.Equal(t, "32283", actErr.ActivityID())
	require.Equal(t, "activityType", actErr.ActivityType().Name)
	require.Equal(t, wfsim.RetryStateNonRetryableFailure, actErr.RetryState())
	require.Equal(t, "alex", actErr.Identity())
	require.Equal(t, int64(8), actErr.ScheduledEventID())
	require.Equal(t, int64(22), actErr.StartedEventID())
	require.Same(t, appErr, asA[*wfsim.ApplicationError](t, err))
}

// Temporal: internal/error_test.go Test_TimeoutError
func TestSDKTimeoutErrorHeartbeatDetails(t *testing.T) {
	t.Parallel()
	plain := asA[*wfsim.TimeoutError](t, wfsim.NewTimeoutError(wfsim.TimeoutTypeScheduleToStart, nil))
	require.False(t, plain.HasLastHeartbeatDetails())
	var s string
	require.ErrorIs(t, plain.LastHeartbeatDetails(&s), wfsim.ErrNoData)

	hb := asA[*wfsim.TimeoutError](t, wfsim.NewHeartbeatTimeoutError(detailText))
	require.Equal(t, wfsim.TimeoutTypeHeartbeat, hb.TimeoutType())
	require.True(t, hb.HasLastHeartbeatDetails())
	require.NoError(t, hb.LastHeartbeatDetails(&s))
	require.Equal(t, detailText, s)
}

// Temporal: internal/error_test.go Test_ApplicationError
func TestSDKApplicationErrorDetailsInProcess(t *testing.T) {
	t.Parallel()
	one := asA[*wfsim.ApplicationError](t, wfsim.NewApplicationError("CustomReasonA", "", detailText))
	require.True(t, one.HasDetails())
	var a1 string
	require.NoError(t, one.Details(&a1))
	require.Equal(t, detailText, a1)

	three := asA[*wfsim.ApplicationError](t, wfsim.NewApplicationError("CustomReasonA", "", detailText, detailNumber, detailStruct))
	var a2 int
	var a3 detailRecord
	a1 = ""
	require.NoError(t, three.Details(&a1, &a2, &a3))
	require.Equal(t, detailText, a1)
	require.Equal(t, detailNumber, a2)
	require.Equal(t, detailStruct, a3)
	// Fewer targets than values is fine; more is ErrTooManyArg (Temporal:
	// TestErrorDetailsValues, whose ErrorDetailsValues type is internal).
	require.NoError(t, three.Details(&a1))
	require.ErrorIs(t, three.Details(&a1, &a2, &a3, &a3), wfsim.ErrTooManyArg)

	none := asA[*wfsim.ApplicationError](t, wfsim.NewApplicationError("another reason", ""))
	require.False(t, none.HasDetails())
	require.ErrorIs(t, none.Details(), wfsim.ErrNoData)
	require.Equal(t, "another reason", none.Error())

	// A single nil detail is still a detail, as in Temporal.
	nilDetail := asA[*wfsim.ApplicationError](t, wfsim.NewApplicationError("another reason", "", nil))
	require.True(t, nilDetail.HasDetails())
}

// Temporal: internal/error_test.go Test_ApplicationError_Pointer
func TestSDKApplicationErrorPointerDetailsInProcess(t *testing.T) {
	t.Parallel()
	want := newDetailWithPointer()
	byValue := asA[*wfsim.ApplicationError](t, wfsim.NewApplicationError("CustomReasonA", "", want))
	require.True(t, byValue.HasDetails())
	var got detailWithPointer
	require.NoError(t, byValue.Details(&got))
	require.Equal(t, want, got)

	byPointer := asA[*wfsim.ApplicationError](t, wfsim.NewApplicationError("CustomReasonA", "", &want))
	gotPtr := &detailWithPointer{}
	require.NoError(t, byPointer.Details(&gotPtr))
	require.Equal(t, &want, gotPtr)
}

// Temporal: internal/error_test.go Test_CanceledError
func TestSDKCanceledErrorDetailsInProcess(t *testing.T) {
	t.Parallel()
	one := asA[*wfsim.CanceledError](t, wfsim.NewCanceledError(detailText))
	require.True(t, one.HasDetails())
	var a1 string
	require.NoError(t, one.Details(&a1))
	require.Equal(t, detailText, a1)

	three := asA[*wfsim.CanceledError](t, wfsim.NewCanceledError(detailText, detailNumber, detailStruct))
	var a2 int
	var a3 detailRecord
	require.NoError(t, three.Details(&a1, &a2, &a3))
	require.Equal(t, detailText, a1)
	require.Equal(t, detailNumber, a2)
	require.Equal(t, detailStruct, a3)

	require.False(t, asA[*wfsim.CanceledError](t, wfsim.NewCanceledError()).HasDetails())
}

// Temporal: internal/error_test.go Test_IsCanceledError
func TestSDKIsCanceledError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"no details", wfsim.NewCanceledError(), true},
		{"with details", wfsim.NewCanceledError("details"), true},
		{"another error", errors.New("details"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, wfsim.IsCanceledError(tt.err))
		})
	}
}

// Temporal: internal/error_test.go Test_CanceledErrorWithOptions
func TestSDKCanceledErrorWithOptions(t *testing.T) {
	t.Parallel()
	cause := errors.New("underlying cause")

	msg := asA[*wfsim.CanceledError](t, wfsim.NewCanceledErrorWithOptions(wfsim.CanceledErrorOptions{Message: "custom cancellation message"}))
	require.Equal(t, "custom cancellation message", msg.Error())
	require.False(t, msg.HasDetails())

	def := asA[*wfsim.CanceledError](t, wfsim.NewCanceledErrorWithOptions(wfsim.CanceledErrorOptions{}))
	require.Equal(t, "canceled", def.Error())

	det := asA[*wfsim.CanceledError](t, wfsim.NewCanceledErrorWithOptions(wfsim.CanceledErrorOptions{Details: []any{detailText, detailNumber}}))
	var d1 string
	var d2 int
	require.True(t, det.HasDetails())
	require.NoError(t, det.Details(&d1, &d2))
	require.Equal(t, detailText, d1)
	require.Equal(t, detailNumber, d2)

	// The cause is unwrapped but not part of the text.
	caused := asA[*wfsim.CanceledError](t, wfsim.NewCanceledErrorWithOptions(wfsim.CanceledErrorOptions{Message: "operation canceled", Cause: cause}))
	require.Equal(t, "operation canceled", caused.Error())
	require.Equal(t, cause, errors.Unwrap(caused))

	all := asA[*wfsim.CanceledError](t, wfsim.NewCanceledErrorWithOptions(wfsim.CanceledErrorOptions{
		Message: "full cancellation", Details: []any{detailStruct}, Cause: cause,
	}))
	require.Equal(t, "full cancellation", all.Error())
	var d3 detailRecord
	require.NoError(t, all.Details(&d3))
	require.Equal(t, detailStruct, d3)
	require.Equal(t, cause, errors.Unwrap(all))
}

// Temporal: internal/error_test.go Test_CanceledErrorWithOptions_RoundTrip
func TestSDKCanceledErrorWithOptionsRoundTrip(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	err := wfsim.NewCanceledErrorWithOptions(wfsim.CanceledErrorOptions{
		Message: "operation was canceled",
		Details: []any{detailText, detailNumber, detailStruct},
		Cause:   wfsim.NewApplicationError("app error", "TestError"),
	})
	f := fc.ErrorToFailure(err)
	require.NotNil(t, f.CanceledFailureInfo)
	require.Equal(t, "operation was canceled", f.Message)
	require.NotNil(t, f.Cause)

	back := asA[*wfsim.CanceledError](t, fc.FailureToError(f))
	require.Equal(t, "operation was canceled", back.Error())
	require.True(t, back.HasDetails())
	var d1 string
	var d2 int
	var d3 detailRecord
	require.NoError(t, back.Details(&d1, &d2, &d3))
	require.Equal(t, detailText, d1)
	require.Equal(t, detailNumber, d2)
	require.Equal(t, detailStruct, d3)
	appErr := asA[*wfsim.ApplicationError](t, errors.Unwrap(back))
	require.Equal(t, "app error", appErr.Message())
}

// Temporal: internal/error_test.go Test_GetErrorType (the type name is what
// a Failure records for an error that is none of wfsim's)
func TestSDKErrorTypeNameOfPlainErrors(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"errors.New", errors.New("some error"), ""},
		{"value type", coolError{}, "coolError"},
		{"pointer type", &coolError{}, "coolError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := fc.ErrorToFailure(tt.err)
			require.NotNil(t, f.ApplicationFailureInfo)
			require.Equal(t, tt.want, f.ApplicationFailureInfo.Type)
		})
	}
}

// Temporal: temporal/error_test.go TestNewPayloadValidationError
func TestSDKPayloadValidationError(t *testing.T) {
	t.Parallel()
	violations := []map[string]string{
		{"path": "user.age", "reason": "must be an integer"},
		{"path": "user.name", "reason": "is required"},
	}
	tests := []struct {
		name    string
		details any
	}{
		{"with details", violations},
		{"without details", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			appErr := asA[*wfsim.ApplicationError](t, wfsim.NewPayloadValidationError(tt.details))
			require.Equal(t, "Payload validation failed", appErr.Message())
			require.Equal(t, "PayloadValidationError", appErr.Type())
			require.True(t, appErr.NonRetryable())
			require.Equal(t, "Payload validation failed (type: PayloadValidationError, retryable: false)", appErr.Error())
			if tt.details == nil {
				require.False(t, appErr.HasDetails())
				require.ErrorIs(t, appErr.Details(), wfsim.ErrNoData)
				return
			}
			require.True(t, appErr.HasDetails())
			var got []map[string]string
			require.NoError(t, appErr.Details(&got))
			require.Equal(t, violations, got)
		})
	}
}
