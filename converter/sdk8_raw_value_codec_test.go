package converter_test

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
)

// Temporal: converter/composite_data_converter_test.go TestRawValueCompositeDataConverter
func TestSDKRawValuePassesThroughTheDefaultConverter(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	orig, err := dc.ToPayload("test raw value")
	require.NoError(t, err)
	raw := converter.NewRawValue(orig)

	p, err := dc.ToPayload(raw)
	require.NoError(t, err)
	require.Equal(t, raw.Payload(), p)
	var back converter.RawValue
	require.NoError(t, dc.FromPayload(p, &back))
	require.Equal(t, orig, back.Payload())

	ps, err := dc.ToPayloads(raw)
	require.NoError(t, err)
	require.Len(t, ps.Payloads, 1)
	require.Equal(t, orig, ps.Payloads[0])
	back = converter.RawValue{}
	require.NoError(t, dc.FromPayloads(ps, &back))
	require.Equal(t, orig, back.Payload())
}

// Temporal: converter/composite_data_converter_test.go TestCompositeDataConverter_MixedValues
func TestSDKRawValueAmongOtherArguments(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	orig, err := dc.ToPayload("test raw value")
	require.NoError(t, err)
	ps, err := dc.ToPayloads("test string", 42, 3.14, []byte("raw bytes"), converter.NewRawValue(orig))
	require.NoError(t, err)
	require.Len(t, ps.GetPayloads(), 5)

	var (
		s   string
		i   int
		f   float64
		b   []byte
		raw converter.RawValue
	)
	require.NoError(t, dc.FromPayloads(ps, &s, &i, &f, &b, &raw))
	require.Equal(t, "test string", s)
	require.Equal(t, 42, i)
	require.Equal(t, 3.14, f)
	require.Equal(t, []byte("raw bytes"), b)
	require.Equal(t, orig, raw.Payload())
}

// Temporal: converter/codec_test.go TestEncodingDataConverter
func TestSDKZlibCodecDataConverterRoundTrips(t *testing.T) {
	t.Parallel()
	type someStruct struct{ MyValue string }
	values := map[string]any{
		"string": "foo",
		"nil":    nil,
		"bytes":  []byte("foo"),
		"struct": &someStruct{MyValue: "somestring"},
	}
	plainDC := converter.GetDefaultDataConverter()
	always := converter.NewCodecDataConverter(plainDC, converter.NewZlibCodec(converter.ZlibCodecOptions{AlwaysEncode: true}))
	whenSmaller := converter.NewCodecDataConverter(plainDC, converter.NewZlibCodec(converter.ZlibCodecOptions{}))
	for name, value := range values {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			// target returns a fresh pointer to decode into, and what
			// it points to.
			target := func() (any, func() any) {
				if value == nil {
					var v any
					return &v, func() any { return v }
				}
				p := reflect.New(reflect.TypeOf(value))
				return p.Interface(), func() any { return p.Elem().Interface() }
			}

			p, err := always.ToPayload(value)
			require.NoError(t, err)
			require.Equal(t, "binary/zlib", p.Encoding())
			ptr, got := target()
			require.NoError(t, always.FromPayload(p, ptr))
			require.Equal(t, value, got())

			ps, err := always.ToPayloads(value)
			require.NoError(t, err)
			ptr, got = target()
			require.NoError(t, always.FromPayloads(ps, ptr))
			require.Equal(t, value, got())

			// A payload the codec did not encode decodes unchanged.
			plain, err := plainDC.ToPayload(value)
			require.NoError(t, err)
			ptr, got = target()
			require.NoError(t, always.FromPayload(plain, ptr))
			require.Equal(t, value, got())

			// Small values are left uncompressed unless told otherwise.
			small, err := whenSmaller.ToPayload(value)
			require.NoError(t, err)
			require.Equal(t, plain, small)
		})
	}
}

// Temporal: converter/codec_test.go TestRawValueCodec
func TestSDKRawValueThroughACodec(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	zlib := converter.NewCodecDataConverter(dc, converter.NewZlibCodec(converter.ZlibCodecOptions{AlwaysEncode: true}))
	orig, err := dc.ToPayload("test raw value")
	require.NoError(t, err)
	raw := converter.NewRawValue(orig)

	p, err := zlib.ToPayload(raw)
	require.NoError(t, err)
	require.Equal(t, "binary/zlib", p.Encoding())
	require.NotEqual(t, orig, p)
	var s string
	require.NoError(t, zlib.FromPayload(p, &s))
	require.Equal(t, "test raw value", s)

	ps, err := zlib.ToPayloads(raw)
	require.NoError(t, err)
	require.Len(t, ps.Payloads, 1)
	require.NotEqual(t, orig, ps.Payloads[0])
	s = ""
	require.NoError(t, zlib.FromPayloads(ps, &s))
	require.Equal(t, "test raw value", s)
}

// Temporal: converter/codec_test.go TestRawValueJsonConverter
func TestSDKRawValueIsNotJSON(t *testing.T) {
	t.Parallel()
	p, err := converter.GetDefaultDataConverter().ToPayload("test raw value")
	require.NoError(t, err)
	raw := converter.NewRawValue(p)
	jc := converter.NewJSONPayloadConverter()
	_, err = jc.ToPayload(raw)
	require.Error(t, err)
	require.Error(t, jc.FromPayload(p, &raw))
}
