package wfsim_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

func encodedAttributes(t *testing.T, message, stack string) *converter.Payload {
	t.Helper()
	p, err := converter.GetDefaultDataConverter().ToPayload(map[string]string{"message": message, "stack_trace": stack})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEncodeCommonAttributes(t *testing.T) {
	t.Parallel()
	fc := wfsim.NewDefaultFailureConverter(wfsim.DefaultFailureConverterOptions{EncodeCommonAttributes: true})
	panicErr := wfsim.NewPanicError("boom", "goroutine 1 [running]:")
	tests := []struct {
		name string
		err  error
		want *wfsim.Failure
	}{
		{
			name: "application error with a cause",
			err:  wfsim.NewApplicationErrorWithCause("outer secret", "Outer", errors.New("inner secret")),
			want: &wfsim.Failure{
				Message: "Encoded failure", Source: "GoSDK",
				EncodedAttributes:      encodedAttributes(t, "outer secret", ""),
				ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "Outer"},
				Cause: &wfsim.Failure{
					Message: "Encoded failure", Source: "GoSDK",
					EncodedAttributes:      encodedAttributes(t, "inner secret", ""),
					ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{},
				},
			},
		},
		{
			name: "panic moves its stack trace",
			err:  panicErr,
			want: &wfsim.Failure{
				Message: "Encoded failure", Source: "GoSDK",
				EncodedAttributes:      encodedAttributes(t, "boom", "goroutine 1 [running]:"),
				ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "PanicError"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := fc.ErrorToFailure(tt.err)
			if diff := cmp.Diff(tt.want, f); diff != "" {
				t.Fatalf("ErrorToFailure (-want +got):\n%s", diff)
			}
			// Any default converter decodes them, with the option or not.
			for _, dec := range []wfsim.FailureConverter{fc, wfsim.GetDefaultFailureConverter()} {
				back := dec.FailureToError(f)
				if back.Error() != tt.err.Error() {
					t.Errorf("FailureToError = %q, want %q", back.Error(), tt.err.Error())
				}
				// The error sends on the failure it came from, encoded.
				if diff := cmp.Diff(tt.want, wfsim.GetDefaultFailureConverter().ErrorToFailure(back)); diff != "" {
					t.Errorf("ErrorToFailure of the decoded error (-want +got):\n%s", diff)
				}
			}
			if diff := cmp.Diff(tt.want, f); diff != "" {
				t.Errorf("FailureToError changed its input (-want +got):\n%s", diff)
			}
		})
	}
	var pe *wfsim.PanicError
	if err := fc.FailureToError(fc.ErrorToFailure(panicErr)); !errors.As(err, &pe) || pe.StackTrace() != "goroutine 1 [running]:" {
		t.Errorf("decoded panic = %#v, want the stack trace back", err)
	}
}

// failingConverter cannot encode anything.
type failingConverter struct{ converter.DataConverter }

func (failingConverter) ToPayload(any) (*converter.Payload, error) {
	return nil, errors.New("no encoder")
}

func TestEncodeCommonAttributesFunctions(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	f := &wfsim.Failure{Message: "m", StackTrace: "s", Source: "GoSDK"}
	if err := wfsim.EncodeCommonFailureAttributes(dc, f); err != nil {
		t.Fatal(err)
	}
	if f.Message != "Encoded failure" || f.StackTrace != "" || string(f.EncodedAttributes.Data) != `{"message":"m","stack_trace":"s"}` {
		t.Errorf("encoded = %q %q %s", f.Message, f.StackTrace, f.EncodedAttributes.Data)
	}
	wfsim.DecodeCommonFailureAttributes(dc, f)
	if f.Message != "m" || f.StackTrace != "s" || f.EncodedAttributes == nil {
		t.Errorf("decoded = %q %q %v", f.Message, f.StackTrace, f.EncodedAttributes)
	}

	// Undecodable attributes leave the failure as it is.
	bad := &wfsim.Failure{Message: "Encoded failure", EncodedAttributes: &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("binary/unknown")}}}
	wfsim.DecodeCommonFailureAttributes(dc, bad)
	if bad.Message != "Encoded failure" {
		t.Errorf("Message = %q after an undecodable payload", bad.Message)
	}

	// An encoding error leaves the failure unchanged.
	g := &wfsim.Failure{Message: "m"}
	if err := wfsim.EncodeCommonFailureAttributes(failingConverter{dc}, g); err == nil || g.Message != "m" || g.EncodedAttributes != nil {
		t.Errorf("err = %v, failure = %+v", err, g)
	}
	// ErrorToFailure cannot return it, and does not send texts in clear.
	fc := wfsim.NewDefaultFailureConverter(wfsim.DefaultFailureConverterOptions{DataConverter: failingConverter{dc}, EncodeCommonAttributes: true})
	defer func() {
		r := recover()
		if !strings.Contains(fmt.Sprint(r), "EncodeCommonAttributes") || !strings.Contains(fmt.Sprint(r), "no encoder") {
			t.Errorf("recovered %v, want a panic naming the option and the cause", r)
		}
	}()
	fc.ErrorToFailure(errors.New("x"))
	t.Error("ErrorToFailure did not panic")
}
