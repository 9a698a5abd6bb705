package wfsim_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// detailData returns the JSON bytes of the i-th detail payload.
func detailData(t *testing.T, p *converter.Payloads, i int) string {
	t.Helper()
	require.Greater(t, len(p.GetPayloads()), i)
	return string(p.Payloads[i].Data)
}

func encodingConverter() wfsim.FailureConverter {
	return wfsim.NewDefaultFailureConverter(wfsim.DefaultFailureConverterOptions{
		DataConverter:          converter.GetDefaultDataConverter(),
		EncodeCommonAttributes: true,
	})
}

// Temporal: internal/error_test.go Test_convertErrorToFailure_ApplicationError
// and Test_convertErrorToFailure_ApplicationErrorWithExtraRequests
func TestSDKApplicationErrorToFailureAndBack(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	for _, category := range []wfsim.ApplicationErrorCategory{wfsim.ApplicationErrorCategoryUnspecified, wfsim.ApplicationErrorCategoryBenign} {
		err := wfsim.NewApplicationErrorWithOptions("message", "customType", wfsim.ApplicationErrorOptions{
			NonRetryable: true,
			Cause:        errors.New("cause error"),
			Details:      []any{"details", 2208},
			Category:     category,
		})
		f := fc.ErrorToFailure(err)
		require.Equal(t, "message", f.Message)
		require.Equal(t, "customType", f.ApplicationFailureInfo.Type)
		require.True(t, f.ApplicationFailureInfo.NonRetryable)
		require.Equal(t, category, f.ApplicationFailureInfo.Category)
		require.Equal(t, `"details"`, detailData(t, f.ApplicationFailureInfo.Details, 0))
		require.Equal(t, `2208`, detailData(t, f.ApplicationFailureInfo.Details, 1))
		require.Equal(t, "cause error", f.Cause.Message)
		require.Equal(t, "", f.Cause.ApplicationFailureInfo.Type)
		require.Nil(t, f.Cause.Cause)

		back := fc.FailureToError(f)
		appErr := asA[*wfsim.ApplicationError](t, back)
		require.Equal(t, "message (type: customType, retryable: false): cause error", appErr.Error())
		require.Equal(t, category, appErr.Category())
		require.Equal(t, "cause error", asA[*wfsim.ApplicationError](t, errors.Unwrap(back)).Error())
	}
}

// Temporal: internal/error_test.go Test_convertErrorToFailure_EncodeMessage
func TestSDKEncodedFailureHidesMessagesAndComesBack(t *testing.T) {
	t.Parallel()
	fc := encodingConverter()
	err := wfsim.NewNonRetryableApplicationError("message", "customType", errors.New("cause error"), "details", 2208)
	f := fc.ErrorToFailure(err)
	require.Equal(t, "Encoded failure", f.Message)
	require.Equal(t, "", f.StackTrace)
	require.Equal(t, "customType", f.ApplicationFailureInfo.Type)
	require.True(t, f.ApplicationFailureInfo.NonRetryable)
	require.Equal(t, `"details"`, detailData(t, f.ApplicationFailureInfo.Details, 0))
	require.Equal(t, `2208`, detailData(t, f.ApplicationFailureInfo.Details, 1))
	require.Equal(t, "Encoded failure", f.Cause.Message)
	require.Equal(t, "", f.Cause.ApplicationFailureInfo.Type)
	require.Nil(t, f.Cause.Cause)

	back := fc.FailureToError(f)
	require.Equal(t, "message (type: customType, retryable: false): cause error", asA[*wfsim.ApplicationError](t, back).Error())
	require.Equal(t, "cause error", asA[*wfsim.ApplicationError](t, errors.Unwrap(back)).Error())
}

// Temporal: internal/error_test.go Test_EncodeDecodeEncodeMessage
func TestSDKEncodedFailureChainSurvivesDecodeAndReencode(t *testing.T) {
	t.Parallel()
	fc := encodingConverter()
	sub := wfsim.NewNonRetryableApplicationError("sub message", "sub customType", errors.New("cause error"), "sub details", 2208)
	err := wfsim.NewNonRetryableApplicationError("message", "customType", sub, "details", 2208)

	checkEncoded := func(f *wfsim.Failure) {
		t.Helper()
		require.Equal(t, "Encoded failure", f.Message)
		require.Equal(t, "", f.StackTrace)
		require.Equal(t, "customType", f.ApplicationFailureInfo.Type)
		require.True(t, f.ApplicationFailureInfo.NonRetryable)
		require.Equal(t, "Encoded failure", f.Cause.Message)
		require.Equal(t, "", f.Cause.StackTrace)
		require.Equal(t, "sub customType", f.Cause.ApplicationFailureInfo.Type)
		require.True(t, f.Cause.ApplicationFailureInfo.NonRetryable)
		require.Equal(t, "Encoded failure", f.Cause.Cause.Message)
		require.Equal(t, "", f.Cause.Cause.ApplicationFailureInfo.Type)
		require.Nil(t, f.Cause.Cause.Cause)
	}
	f := fc.ErrorToFailure(err)
	checkEncoded(f)
	require.Equal(t, `"details"`, detailData(t, f.ApplicationFailureInfo.Details, 0))

	back := fc.FailureToError(f)
	require.Equal(t, "message (type: customType, retryable: false): sub message (type: sub customType, retryable: false): cause error",
		asA[*wfsim.ApplicationError](t, back).Error())
	subBack := errors.Unwrap(back)
	require.Equal(t, "sub message (type: sub customType, retryable: false): cause error", asA[*wfsim.ApplicationError](t, subBack).Error())
	require.Equal(t, "cause error", asA[*wfsim.ApplicationError](t, errors.Unwrap(subBack)).Error())

	checkEncoded(fc.ErrorToFailure(back))
}

// Temporal: internal/error_test.go Test_convertErrorToFailure_PanicError and
// Test_convertErrorToFailure_EncodeStackTrace
func TestSDKPanicErrorToFailureAndBack(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		fc      wfsim.FailureConverter
		message string
		stack   string
	}{
		{"plain", wfsim.GetDefaultFailureConverter(), "panic message", "long call stack"},
		{"encoded", encodingConverter(), "Encoded failure", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			panicErr := asA[*wfsim.PanicError](t, wfsim.NewPanicError("panic message", "long call stack"))
			f := tt.fc.ErrorToFailure(panicErr)
			require.Equal(t, tt.message, f.Message)
			require.Equal(t, tt.stack, f.StackTrace)
			require.Equal(t, "PanicError", f.ApplicationFailureInfo.Type)
			require.False(t, f.ApplicationFailureInfo.NonRetryable)
			require.Nil(t, f.Cause)
			back := asA[*wfsim.PanicError](t, tt.fc.FailureToError(f))
			require.Equal(t, panicErr.Error(), back.Error())
			require.Equal(t, panicErr.StackTrace(), back.StackTrace())

			// A workflow's panic is recorded non-retryable; it comes back
			// as a PanicError all the same, and goes out as it came.
			wf := &wfsim.Failure{Message: "panic message", StackTrace: "long call stack", Source: "GoSDK",
				ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "PanicError", NonRetryable: true}}
			if tt.name == "encoded" {
				require.NoError(t, wfsim.EncodeCommonFailureAttributes(converter.GetDefaultDataConverter(), wf))
			}
			back = asA[*wfsim.PanicError](t, tt.fc.FailureToError(wf))
			require.Equal(t, panicErr.Error(), back.Error())
			require.Equal(t, panicErr.StackTrace(), back.StackTrace())
			again := tt.fc.ErrorToFailure(back)
			require.Equal(t, tt.message, again.Message)
			require.True(t, again.ApplicationFailureInfo.NonRetryable)
		})
	}
}

// Temporal: internal/error_test.go Test_convertErrorToFailure_CanceledError
// and Test_convertFailureToError_CanceledFailure
func TestSDKCanceledErrorToFailureAndBack(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	f := fc.ErrorToFailure(wfsim.NewCanceledError("details", 2208))
	require.Equal(t, "canceled", f.Message)
	require.Equal(t, `"details"`, detailData(t, f.CanceledFailureInfo.Details, 0))
	require.Equal(t, `2208`, detailData(t, f.CanceledFailureInfo.Details, 1))
	require.Nil(t, f.Cause)
	asA[*wfsim.CanceledError](t, fc.FailureToError(f))

	// A bare Failure made elsewhere, with details and no message.
	bare := &wfsim.Failure{CanceledFailureInfo: &wfsim.CanceledFailureInfo{Details: jsonPayloads(t, "details", 22)}}
	canceled := asA[*wfsim.CanceledError](t, fc.FailureToError(bare))
	// With no message it reads as NewCanceledError's does, and still
	// converts back to the Failure it came from.
	require.Equal(t, "canceled", canceled.Error())
	require.Equal(t, bare, fc.ErrorToFailure(canceled))
	var s string
	var n int
	require.NoError(t, canceled.Details(&s, &n))
	require.Equal(t, "details", s)
	require.Equal(t, 22, n)
}

// Temporal: internal/error_test.go Test_convertErrorToFailure_TimeoutError
// and Test_convertFailureToError_TimeoutFailure
func TestSDKTimeoutErrorToFailureAndBack(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	timeoutErr := asA[*wfsim.TimeoutError](t, wfsim.NewTimeoutError(wfsim.TimeoutTypeHeartbeat, &coolError{}))
	f := fc.ErrorToFailure(timeoutErr)
	require.Equal(t, timeoutErr.Message(), f.Message)
	require.Equal(t, wfsim.TimeoutTypeHeartbeat, f.TimeoutFailureInfo.TimeoutType)
	require.Equal(t, fc.ErrorToFailure(&coolError{}), f.Cause)

	back := asA[*wfsim.TimeoutError](t, fc.FailureToError(f))
	require.Equal(t, timeoutErr.Message()+" (type: Heartbeat): cool error (type: coolError, retryable: true)", back.Error())
	require.Equal(t, timeoutErr.TimeoutType(), back.TimeoutType())

	fromServer := asA[*wfsim.TimeoutError](t, fc.FailureToError(&wfsim.Failure{Message: "timeout",
		TimeoutFailureInfo: &wfsim.TimeoutFailureInfo{TimeoutType: wfsim.TimeoutTypeStartToClose}}))
	require.Equal(t, "timeout (type: StartToClose)", fromServer.Error())
	require.Equal(t, wfsim.TimeoutTypeStartToClose, fromServer.TimeoutType())
}

// Temporal: internal/error_test.go Test_convertErrorToFailure_TerminateError
func TestSDKTerminatedErrorToFailureAndBack(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	f := fc.ErrorToFailure(&wfsim.TerminatedError{})
	require.Equal(t, "terminated", f.Message)
	require.NotNil(t, f.TerminatedFailureInfo)
	require.Nil(t, f.Cause)
	asA[*wfsim.TerminatedError](t, fc.FailureToError(f))
}

// Temporal: internal/error_test.go Test_convertErrorToFailure_ServerError and
// Test_convertFailureToError_ServerFailure (a ServerError is only ever made
// from a Failure: Temporal's constructor is internal)
func TestSDKServerFailureToErrorAndBack(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	plain := asA[*wfsim.ServerError](t, fc.FailureToError(&wfsim.Failure{Message: "message",
		ServerFailureInfo: &wfsim.ServerFailureInfo{NonRetryable: true}}))
	require.Equal(t, "message", plain.Error())
	require.True(t, plain.NonRetryable())

	f := &wfsim.Failure{Message: "message", ServerFailureInfo: &wfsim.ServerFailureInfo{NonRetryable: true},
		Cause: fc.ErrorToFailure(&coolError{})}
	caused := asA[*wfsim.ServerError](t, fc.FailureToError(f))
	require.Equal(t, "message: cool error (type: coolError, retryable: true)", caused.Error())
	require.True(t, caused.NonRetryable())
	again := fc.ErrorToFailure(caused)
	require.Equal(t, "message", again.Message)
	require.True(t, again.ServerFailureInfo.NonRetryable)
	require.Equal(t, fc.ErrorToFailure(&coolError{}), again.Cause)
}

// Temporal: internal/error_test.go Test_convertErrorToFailure_ActivityError
func TestSDKActivityErrorToFailureAndBack(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	appErr := asA[*wfsim.ApplicationError](t, wfsim.NewNonRetryableApplicationError("app err", "", nil))
	actErr := wfsim.NewActivityError(8, 22, "alex", "activityType", "32283", wfsim.RetryStateNonRetryableFailure, appErr)
	f := fc.ErrorToFailure(actErr)
	require.Equal(t, "activity error", f.Message)
	require.Equal(t, wfsim.ActivityFailureInfo{ScheduledEventID: 8, StartedEventID: 22, Identity: "alex",
		ActivityType: "activityType", ActivityID: "32283", RetryState: wfsim.RetryStateNonRetryableFailure}, *f.ActivityFailureInfo)
	require.Equal(t, fc.ErrorToFailure(appErr), f.Cause)

	back := fc.FailureToError(f)
	backAct := asA[*wfsim.ActivityError](t, back)
	require.Equal(t, actErr.Error(), backAct.Error())
	require.Equal(t, actErr.StartedEventID(), backAct.StartedEventID())
	backApp := asA[*wfsim.ApplicationError](t, back)
	require.Equal(t, appErr.Error(), backApp.Error())
	require.Equal(t, appErr.NonRetryable(), backApp.NonRetryable())
}

// Temporal: internal/error_test.go Test_convertErrorToFailure_ChildWorkflowExecutionError
func TestSDKChildWorkflowExecutionErrorToFailureAndBack(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	appErr := wfsim.NewNonRetryableApplicationError("app err", "", nil)
	err := wfsim.NewChildWorkflowExecutionError("namespace", "wID", "rID", "wfType", 8, 22, wfsim.RetryStateNonRetryableFailure, appErr)
	f := fc.ErrorToFailure(err)
	require.Equal(t, "child workflow execution error", f.Message)
	info := f.ChildWorkflowExecutionFailureInfo
	require.Equal(t, int64(8), info.InitiatedEventID)
	require.Equal(t, int64(22), info.StartedEventID)
	require.Equal(t, "namespace", info.Namespace)
	require.Equal(t, wfsim.RetryStateNonRetryableFailure, info.RetryState)
	require.Equal(t, fc.ErrorToFailure(appErr), f.Cause)

	back := asA[*wfsim.ChildWorkflowExecutionError](t, fc.FailureToError(f))
	require.Equal(t, err.Error(), back.Error())
	require.Equal(t, err.StartedEventID(), back.StartedEventID())
}

// Temporal: internal/error_test.go Test_convertErrorToFailure_UnknownError
func TestSDKForeignErrorBecomesApplicationError(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	f := fc.ErrorToFailure(&coolError{})
	require.Equal(t, "cool error", f.Message)
	require.Equal(t, "coolError", f.ApplicationFailureInfo.Type)
	require.False(t, f.ApplicationFailureInfo.NonRetryable)
	require.Nil(t, f.Cause)

	back := asA[*wfsim.ApplicationError](t, fc.FailureToError(f))
	require.Equal(t, "cool error (type: coolError, retryable: true)", back.Error())
	require.Equal(t, "coolError", back.Type())
}

// Temporal: internal/error_test.go Test_convertFailureToError_ApplicationFailure
func TestSDKApplicationFailureToError(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	details := jsonPayloads(t, "details", 22)
	f := &wfsim.Failure{
		Message: "message",
		ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "MyCoolType", NonRetryable: true, Details: details,
			Category: wfsim.ApplicationErrorCategoryBenign},
		Cause: &wfsim.Failure{Message: "cause message", ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "UnknownType"}},
	}
	err := fc.FailureToError(f)
	appErr := asA[*wfsim.ApplicationError](t, err)
	require.Equal(t, "message (type: MyCoolType, retryable: false): cause message (type: UnknownType, retryable: true)", appErr.Error())
	require.Equal(t, "MyCoolType", appErr.Type())
	require.True(t, appErr.NonRetryable())
	require.Equal(t, wfsim.ApplicationErrorCategoryBenign, appErr.Category())
	var s string
	var n int
	require.NoError(t, appErr.Details(&s, &n))
	require.Equal(t, "details", s)
	require.Equal(t, 22, n)

	cause := asA[*wfsim.ApplicationError](t, errors.Unwrap(err))
	require.Equal(t, "cause message (type: UnknownType, retryable: true)", cause.Error())
	require.Equal(t, "UnknownType", cause.Type())
	require.False(t, cause.NonRetryable())

	panicErr := asA[*wfsim.PanicError](t, fc.FailureToError(&wfsim.Failure{Message: "message", StackTrace: "long stack trace",
		ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "PanicError"}}))
	require.Equal(t, "message", panicErr.Error())
	require.Equal(t, "long stack trace", panicErr.StackTrace())

	cool := asA[*wfsim.ApplicationError](t, fc.FailureToError(&wfsim.Failure{Message: "message",
		ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "CoolError", Details: details}}))
	require.Equal(t, "message (type: CoolError, retryable: true)", cool.Error())
	require.Equal(t, "CoolError", cool.Type())
	require.False(t, cool.NonRetryable())
	require.Equal(t, wfsim.ApplicationErrorCategoryUnspecified, cool.Category())
}

// Temporal: internal/error_test.go Test_convertFailureToError_SaveFailure and
// Test_convertErrorToFailure_SavedFailure (wfsim's errors cannot be changed
// after they are made, so the kept Failure is checked by converting back)
func TestSDKErrorFromFailureConvertsBackToTheSameFailure(t *testing.T) {
	t.Parallel()
	fc := wfsim.GetDefaultFailureConverter()
	f := &wfsim.Failure{
		Message: "message", StackTrace: "long stack trace", Source: "JavaSDK",
		ActivityFailureInfo: &wfsim.ActivityFailureInfo{StartedEventID: 1, ScheduledEventID: 2, Identity: "alex"},
		Cause: &wfsim.Failure{
			Message: "application message", StackTrace: "application long stack trace", Source: "JavaSDK",
			ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "SomeJavaException", NonRetryable: true},
		},
	}
	err := fc.FailureToError(f)
	asA[*wfsim.ActivityError](t, err)
	appErr := asA[*wfsim.ApplicationError](t, err)

	require.Equal(t, f, fc.ErrorToFailure(err))
	// The cause alone converts back to its own Failure too.
	require.Equal(t, f.Cause, fc.ErrorToFailure(appErr))
}
