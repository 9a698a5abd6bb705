package converter_test

import (
	"errors"
	"testing"

	"github.com/wfsim/wfsim/converter"
)

// Message is a look-alike of protoreflect.Message: same name, wrong
// package.
type Message interface{ Descriptor() string }

// lookAlike has a ProtoReflect method that is not protobuf's.
type lookAlike struct{ A int }

func (*lookAlike) ProtoReflect() Message { return nil }

// wrongResult has ProtoReflect returning something else entirely.
type wrongResult struct{ B string }

func (wrongResult) ProtoReflect() int { return 0 }

type plainOrder struct {
	ID    string
	Items []int
}

// TestNonProtobufValuesTakeTheJSONPath: values that are not protobuf
// messages (look-alikes included) encode with the default converter
// exactly as the JSON converter alone encodes them.
func TestNonProtobufValuesTakeTheJSONPath(t *testing.T) {
	t.Parallel()
	jsonOnly := converter.NewCompositeDataConverter(converter.NewNilPayloadConverter(),
		converter.NewByteSlicePayloadConverter(), converter.NewJSONPayloadConverter())
	cases := []struct {
		name  string
		value any
	}{
		{"struct", plainOrder{ID: "o-1", Items: []int{1, 2}}},
		{"pointer to struct", &plainOrder{ID: "o-2"}},
		{"look-alike pointer", &lookAlike{A: 1}},
		{"look-alike value", lookAlike{A: 2}},
		{"wrong result", wrongResult{B: "x"}},
		{"int", 7},
		{"string", "s"},
		{"map", map[string]int{"a": 1}},
		{"nil slice", []int(nil)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := converter.GetDefaultDataConverter().ToPayload(tc.value)
			if err != nil {
				t.Fatal(err)
			}
			want, err := jsonOnly.ToPayload(tc.value)
			if err != nil {
				t.Fatal(err)
			}
			if got.Encoding() != want.Encoding() || string(got.Data) != string(want.Data) || len(got.Metadata) != 1 {
				t.Errorf("default converter gave %q %s, want %q %s", got.Encoding(), got.Data, want.Encoding(), want.Data)
			}
			p, err := converter.NewProtoJSONPayloadConverter().ToPayload(tc.value)
			if p != nil || err != nil {
				t.Errorf("ProtoJSONPayloadConverter.ToPayload(%T) = %v, %v; want nil, nil", tc.value, p, err)
			}
			p, err = converter.NewProtoPayloadConverter().ToPayload(tc.value)
			if p != nil || err != nil {
				t.Errorf("ProtoPayloadConverter.ToPayload(%T) = %v, %v; want nil, nil", tc.value, p, err)
			}
		})
	}
}

// TestProtobufConvertersRejectTargets: the targets a protobuf payload
// cannot be decoded into give Temporal's sentinel errors, wrapped in a
// *DecodeError.
func TestProtobufConvertersRejectTargets(t *testing.T) {
	t.Parallel()
	jsonP := &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("json/protobuf")}, Data: []byte(`{"a":1}`)}
	binP := &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("binary/protobuf")}, Data: []byte{8, 1}}
	var iface any
	cases := []struct {
		name   string
		p      *converter.Payload
		target any
		want   error
	}{
		{"json into a plain struct", jsonP, new(plainOrder), converter.ErrTypeNotImplementProtoMessage},
		{"json into a look-alike", jsonP, new(*lookAlike), converter.ErrTypeNotImplementProtoMessage},
		{"json into an interface", jsonP, &iface, converter.ErrValuePtrMustConcreteType},
		{"json into a non-pointer", jsonP, plainOrder{}, converter.ErrValuePtrIsNotPointer},
		{"binary into an int", binP, new(int), converter.ErrTypeNotImplementProtoMessage},
		{"binary into an interface", binP, &iface, converter.ErrValuePtrMustConcreteType},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := converter.GetDefaultDataConverter().FromPayload(tc.p, tc.target)
			if !errors.Is(err, tc.want) || !errors.Is(err, converter.ErrUnableToDecode) {
				t.Fatalf("FromPayload = %v, want %v and ErrUnableToDecode", err, tc.want)
			}
			var de *converter.DecodeError
			if !errors.As(err, &de) || de.Encoding != tc.p.Encoding() {
				t.Errorf("FromPayload = %#v, want a *DecodeError of %s", err, tc.p.Encoding())
			}
		})
	}
}

// TestProtoJSONNullSetsZero: a "null" json/protobuf payload sets any
// target to its zero value, as Temporal's converter does; a nil value
// encodes as that payload.
func TestProtoJSONNullSetsZero(t *testing.T) {
	t.Parallel()
	c := converter.NewProtoJSONPayloadConverter()
	p, err := c.ToPayload(nil)
	if err != nil || string(p.Data) != "null" || p.Encoding() != "json/protobuf" {
		t.Fatalf("ToPayload(nil) = %v, %v", p, err)
	}
	n := 5
	if err := c.FromPayload(p, &n); err != nil || n != 0 {
		t.Errorf("FromPayload(null, *int) = %v, n = %d; want nil, 0", err, n)
	}
	o := &plainOrder{ID: "x"}
	if err := c.FromPayload(p, &o); err != nil || o != nil {
		t.Errorf("FromPayload(null, **plainOrder) = %v, %v; want nil, nil", err, o)
	}
	if c.Encoding() != "json/protobuf" || converter.NewProtoPayloadConverter().Encoding() != "binary/protobuf" {
		t.Error("wrong encodings")
	}
	if got := converter.NewProtoPayloadConverter().ToString(&converter.Payload{Data: []byte{1, 2, 3}}); got != "AQID" {
		t.Errorf("ProtoPayloadConverter.ToString = %q", got)
	}
}

// TestProtobufCheckAllocatesNothing: the protobuf converters ahead of the
// JSON converter in the default converter add no allocation to encoding a
// plain value. (Not parallel: testing.AllocsPerRun refuses parallel tests.)
func TestProtobufCheckAllocatesNothing(t *testing.T) {
	jsonOnly := converter.NewCompositeDataConverter(converter.NewNilPayloadConverter(),
		converter.NewByteSlicePayloadConverter(), converter.NewJSONPayloadConverter())
	for _, v := range []any{plainOrder{ID: "a"}, &plainOrder{ID: "b"}, 42, "hello", lookAlike{}} {
		dc := converter.GetDefaultDataConverter()
		_, _ = dc.ToPayloads(v) // the first use of a type fills the cache
		// The race detector makes counts jitter by one: the fewest of a few
		// rounds against the most.
		got, want := 1e9, 0.0
		for range 3 {
			got = min(got, testing.AllocsPerRun(100, func() { _, _ = dc.ToPayloads(v) }))
			want = max(want, testing.AllocsPerRun(100, func() { _, _ = jsonOnly.ToPayloads(v) }))
		}
		if got > want {
			t.Errorf("%T: default converter %v allocs, JSON alone %v", v, got, want)
		}
	}
}
