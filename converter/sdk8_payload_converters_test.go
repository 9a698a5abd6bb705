package converter_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
)

type sdk8Person struct {
	Name string
	Age  int
}

// Temporal: converter/byte_slice_payload_converter_test.go TestByteSliceConverter
func TestSDKByteSliceConverter(t *testing.T) {
	t.Parallel()
	bc := converter.NewByteSlicePayloadConverter()
	require.Equal(t, converter.MetadataEncodingBinary, bc.Encoding())
	p, err := bc.ToPayload(nil)
	require.NoError(t, err)
	require.Nil(t, p)

	b := []byte("hello world")
	p, err = bc.ToPayload(b)
	require.NoError(t, err)
	require.Equal(t, converter.MetadataEncodingBinary, string(p.Metadata[converter.MetadataEncoding]))
	require.Equal(t, b, p.Data)

	var gotBytes []byte
	require.NoError(t, bc.FromPayload(p, &gotBytes))
	require.Equal(t, b, gotBytes)
	var gotAny any
	require.NoError(t, bc.FromPayload(p, &gotAny))
	require.Equal(t, b, gotAny)
	// Unpadded base64.
	require.Equal(t, "aGVsbG8gd29ybGQ", bc.ToString(p))

	require.ErrorIs(t, bc.FromPayload(p, nil), converter.ErrValuePtrIsNotPointer)
	var s string
	require.ErrorIs(t, bc.FromPayload(p, s), converter.ErrValuePtrIsNotPointer)
	require.ErrorIs(t, bc.FromPayload(p, &s), converter.ErrTypeIsNotByteSlice)
}

// Temporal: converter/payload_converter_test.go TestJsonPayloadConverter
func TestSDKJSONPayloadConverter(t *testing.T) {
	t.Parallel()
	pc := converter.NewJSONPayloadConverter()
	p, err := pc.ToPayload(sdk8Person{Name: "qwe"})
	require.NoError(t, err)

	var byValue sdk8Person
	require.NoError(t, pc.FromPayload(p, &byValue))
	require.Equal(t, "qwe", byValue.Name)
	var byPointer *sdk8Person
	require.NoError(t, pc.FromPayload(p, &byPointer))
	require.Equal(t, "qwe", byPointer.Name)
	require.Equal(t, `{"Name":"qwe","Age":0}`, pc.ToString(p))
}

// Temporal: converter/payload_converter_test.go TestJsonPayloadConverter_Nil
// and TestNilPayloadConverter
func TestSDKNilValuesThroughJSONAndNilConverters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		pc       converter.PayloadConverter
		wantData []byte
	}{
		{"json", converter.NewJSONPayloadConverter(), []byte("null")},
		{"nil", converter.NewNilPayloadConverter(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var nilStruct *sdk8Person
			p, err := tt.pc.ToPayload(nilStruct)
			require.NoError(t, err)
			require.Equal(t, tt.wantData, p.Data)
			nilStruct = &sdk8Person{Name: "qwe"}
			require.NoError(t, tt.pc.FromPayload(p, &nilStruct))
			require.Nil(t, nilStruct)

			var nilAny any
			p, err = tt.pc.ToPayload(nilAny)
			require.NoError(t, err)
			require.Equal(t, tt.wantData, p.Data)
			nilAny = 123
			require.NoError(t, tt.pc.FromPayload(p, &nilAny))
			require.Nil(t, nilAny)

			var nilAnyPtr *any
			p, err = tt.pc.ToPayload(nilAnyPtr)
			require.NoError(t, err)
			require.Equal(t, tt.wantData, p.Data)
			i := any(123)
			nilAnyPtr = &i
			require.NoError(t, tt.pc.FromPayload(p, &nilAnyPtr))
			require.Nil(t, nilAnyPtr)
		})
	}
}

// Temporal: converter/payload_converter_test.go TestJsonPayloadConverter_FromPayload_Errors
func TestSDKJSONPayloadConverterDecodeErrors(t *testing.T) {
	t.Parallel()
	pc := converter.NewJSONPayloadConverter()
	p, err := pc.ToPayload(sdk8Person{Name: "qwe"})
	require.NoError(t, err)

	// wfsim's DecodeError names the payload's encoding and the target type
	// between Temporal's "unable to decode" and the cause; the cause is
	// encoding/json's, as in Temporal, and errors.Is finds ErrUnableToDecode.
	tests := []struct {
		name   string
		target any
		cause  string
	}{
		{"pointer to a wrong type", new(*int), "json: cannot unmarshal object into Go value of type int"},
		{"nil struct pointer", (*sdk8Person)(nil), "json: Unmarshal(nil *converter_test.sdk8Person)"},
		{"not a pointer", sdk8Person{}, "json: Unmarshal(non-pointer converter_test.sdk8Person)"},
		{"nil", nil, "json: Unmarshal(nil)"},
		{"nil any pointer", (*any)(nil), "json: Unmarshal(nil *interface {})"},
	}
	for _, tt := range tests {
		err := pc.FromPayload(p, tt.target)
		require.ErrorIs(t, err, converter.ErrUnableToDecode, tt.name)
		require.True(t, strings.HasPrefix(err.Error(), "unable to decode"), "%s: %v", tt.name, err)
		require.True(t, strings.HasSuffix(err.Error(), ": "+tt.cause), "%s: %v", tt.name, err)
	}

	// These work: a struct, a pointer to one, a pointer variable to one.
	var v sdk8Person
	require.NoError(t, pc.FromPayload(p, &v))
	require.Equal(t, "qwe", v.Name)
	ptr := &sdk8Person{}
	require.NoError(t, pc.FromPayload(p, ptr))
	require.Equal(t, "qwe", ptr.Name)
	var anyTarget any
	require.NoError(t, pc.FromPayload(p, &anyTarget))
	require.Equal(t, "qwe", anyTarget.(map[string]any)["Name"])
}

// Temporal: converter/data_converter_test.go TestDefaultDataConverter
func TestSDKDefaultDataConverterRoundTripsArguments(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	tests := []struct {
		name string
		args []any
	}{
		{"context and bytes", []any{context.Background(), []byte("test")}},
		{"no arguments", nil},
		{"empty bytes", []any{[]byte("")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := dc.ToPayloads(tt.args...)
			require.NoError(t, err)
			require.Len(t, p.GetPayloads(), len(tt.args))
			var bs []byte
			targets := make([]any, len(tt.args))
			for i, a := range tt.args {
				if _, ok := a.([]byte); ok {
					targets[i] = &bs
				} else {
					var ctx context.Context = &struct{ context.Context }{}
					targets[i] = &ctx
				}
			}
			if len(tt.args) == 0 {
				require.NoError(t, dc.FromPayloads(p))
				return
			}
			require.NoError(t, dc.FromPayloads(p, targets...))
			require.Equal(t, tt.args[len(tt.args)-1], bs)
		})
	}
}

// Temporal: converter/data_converter_test.go TestToStrings
func TestSDKDefaultDataConverterToStrings(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	p, err := dc.ToPayloads([]byte("test"), []string{"hello", "world"}, "hello world", 42, struct {
		A string
		B int
	}{"hi", 3})
	require.NoError(t, err)
	require.Equal(t, []string{"dGVzdA", `["hello","world"]`, `"hello world"`, "42", `{"A":"hi","B":3}`}, dc.ToStrings(p))
}
