package converter_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wfsim/wfsim/converter"
)

type order struct {
	ID    string
	Items []string `json:"items,omitempty"`
	Total int
}

func TestDefaultToPayloadIsTemporalBytes(t *testing.T) {
	t.Parallel()
	var nilOrder *order
	tests := []struct {
		name     string
		value    any
		encoding string
		data     string
	}{
		{"nil", nil, "binary/null", ""},
		{"nil pointer", nilOrder, "binary/null", ""},
		{"bytes", []byte("raw\x00"), "binary/plain", "raw\x00"},
		{"empty bytes", []byte{}, "binary/plain", ""},
		{"string", "hello", "json/plain", `"hello"`},
		{"html is escaped like encoding/json", "<a&b>", "json/plain", `"\u003ca\u0026b\u003e"`},
		{"int", 42, "json/plain", `42`},
		{"float", 1.5, "json/plain", `1.5`},
		{"bool", true, "json/plain", `true`},
		{"struct, no trailing newline", order{ID: "o1", Total: 3}, "json/plain", `{"ID":"o1","Total":3}`},
		{"pointer to struct", &order{ID: "o2", Items: []string{"a"}}, "json/plain", `{"ID":"o2","items":["a"],"Total":0}`},
		{"map keys sorted", map[string]int{"b": 2, "a": 1}, "json/plain", `{"a":1,"b":2}`},
		{"nil slice is JSON null", []string(nil), "json/plain", `null`},
		{"named byte slice is JSON", json.RawMessage(`{"x":1}`), "json/plain", `{"x":1}`},
	}
	dc := converter.GetDefaultDataConverter()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := dc.ToPayload(tt.value)
			if err != nil {
				t.Fatalf("ToPayload(%#v): %v", tt.value, err)
			}
			want := map[string][]byte{"encoding": []byte(tt.encoding)}
			if diff := cmp.Diff(want, p.Metadata); diff != "" {
				t.Errorf("metadata (-want +got):\n%s", diff)
			}
			if got := string(p.Data); got != tt.data {
				t.Errorf("data = %q, want %q", got, tt.data)
			}
			if p.Encoding() != tt.encoding {
				t.Errorf("Encoding() = %q, want %q", p.Encoding(), tt.encoding)
			}
		})
	}
}

func TestPayloadJSONFormIsTemporals(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	tests := []struct {
		name  string
		value any
		want  string
	}{
		{"json", "hi", `{"metadata":{"encoding":"anNvbi9wbGFpbg=="},"data":"ImhpIg=="}`},
		{"null has no data", nil, `{"metadata":{"encoding":"YmluYXJ5L251bGw="}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := dc.ToPayload(tt.value)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("json = %s, want %s", got, tt.want)
			}
			var back converter.Payload
			if err := json.Unmarshal(got, &back); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(p, &back); diff != "" {
				t.Errorf("JSON round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFromPayload(t *testing.T) {
	t.Parallel()
	jsonP := func(s string) *converter.Payload {
		return &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(s)}
	}
	nullP := &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("binary/null")}}
	binP := &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("binary/plain")}, Data: []byte{1, 2}}
	type named []byte
	tests := []struct {
		name    string
		payload *converter.Payload
		target  func() any // a fresh pointer, pre-filled where it matters
		want    any        // what the pointer points to afterwards
	}{
		{"json int", jsonP(`42`), func() any { return new(int) }, 42},
		{"json string", jsonP(`"x"`), func() any { return new(string) }, "x"},
		{"json struct", jsonP(`{"ID":"o","Total":2}`), func() any { return new(order) }, order{ID: "o", Total: 2}},
		{"json into any gives float64", jsonP(`7`), func() any { return new(any) }, any(float64(7))},
		{"json into pointer", jsonP(`5`), func() any { return new(*int) }, ptr(5)},
		{"null sets zero int", nullP, func() any { v := 9; return &v }, 0},
		{"null sets zero struct", nullP, func() any { return &order{ID: "old"} }, order{}},
		{"null sets nil pointer", nullP, func() any { v := ptr(1); return &v }, (*int)(nil)},
		{"null sets nil interface", nullP, func() any { var v any = 3; return &v }, any(nil)},
		{"binary into bytes", binP, func() any { return new([]byte) }, []byte{1, 2}},
		{"binary into named bytes", binP, func() any { return new(named) }, named{1, 2}},
		{"binary into any", binP, func() any { return new(any) }, any([]byte{1, 2})},
		{"nil payload leaves value", nil, func() any { v := 3; return &v }, 3},
	}
	dc := converter.GetDefaultDataConverter()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			target := tt.target()
			if err := dc.FromPayload(tt.payload, target); err != nil {
				t.Fatalf("FromPayload: %v", err)
			}
			got := reflect.ValueOf(target).Elem().Interface()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("decoded (-want +got):\n%s", diff)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestFromPayloadErrors(t *testing.T) {
	t.Parallel()
	jsonP := &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(`"text"`)}
	binP := &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("binary/plain")}, Data: []byte{1}}
	nullP := &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("binary/null")}}
	tests := []struct {
		name     string
		payload  *converter.Payload
		target   any
		encoding string
		typ      string
		cause    error // matched with errors.Is, when set
		message  string
	}{
		{"json into wrong type", jsonP, new(int), "json/plain", "*int", nil,
			"unable to decode json/plain payload into *int: json: cannot unmarshal string into Go value of type int"},
		{"not a pointer", jsonP, 5, "json/plain", "int", converter.ErrValuePtrIsNotPointer,
			"unable to decode json/plain payload into int: not a pointer type"},
		{"nil pointer", jsonP, (*int)(nil), "json/plain", "*int", converter.ErrValuePtrIsNotPointer, ""},
		{"untyped nil", jsonP, nil, "json/plain", "<nil>", converter.ErrValuePtrIsNotPointer,
			"unable to decode json/plain payload into <nil>: not a pointer type"},
		{"null into non-pointer", nullP, order{}, "binary/null", "converter_test.order", converter.ErrValuePtrIsNotPointer, ""},
		{"binary into int", binP, new(int), "binary/plain", "*int", converter.ErrTypeIsNotByteSlice,
			"unable to decode binary/plain payload into *int: type is not *[]byte"},
		{"binary into interface it does not satisfy", binP, new(error), "binary/plain", "*error", converter.ErrTypeIsNotByteSlice, ""},
		{"unknown encoding", &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("binary/gogoproto")}}, new(int),
			"binary/gogoproto", "*int", converter.ErrEncodingIsNotSupported,
			"unable to decode binary/gogoproto payload into *int: payload encoding is not supported"},
		{"no metadata", &converter.Payload{Data: []byte("1")}, new(int), "", "*int", converter.ErrMetadataIsNotSet,
			"unable to decode unknown-encoding payload into *int: metadata is not set"},
		{"no encoding key", &converter.Payload{Metadata: map[string][]byte{"x": nil}}, new(int), "", "*int", converter.ErrEncodingIsNotSet, ""},
	}
	dc := converter.GetDefaultDataConverter()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := dc.FromPayload(tt.payload, tt.target)
			var de *converter.DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("FromPayload error = %v (%T), want *converter.DecodeError", err, err)
			}
			if de.Encoding != tt.encoding {
				t.Errorf("Encoding = %q, want %q", de.Encoding, tt.encoding)
			}
			if got := fmtType(de.Type); got != tt.typ {
				t.Errorf("Type = %s, want %s", got, tt.typ)
			}
			if !errors.Is(err, converter.ErrUnableToDecode) {
				t.Errorf("errors.Is(err, ErrUnableToDecode) = false for %v", err)
			}
			if tt.cause != nil && !errors.Is(err, tt.cause) {
				t.Errorf("errors.Is(err, %v) = false for %v", tt.cause, err)
			}
			if tt.message != "" && err.Error() != tt.message {
				t.Errorf("message = %q, want %q", err.Error(), tt.message)
			}
		})
	}
}

func fmtType(t reflect.Type) string {
	if t == nil {
		return "<nil>"
	}
	return t.String()
}

func TestToPayloadErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		dc       converter.DataConverter
		value    any
		encoding string
		cause    error
		message  string
	}{
		{"channel is not JSON", converter.GetDefaultDataConverter(), make(chan int), "json/plain", nil,
			"unable to encode chan int as json/plain: json: unsupported type: chan int"},
		{"no converter accepts", converter.NewCompositeDataConverter(converter.NewByteSlicePayloadConverter()), 3, "",
			converter.ErrUnableToFindConverter, "unable to encode int: unable to find converter"},
		{"raw value refuses plain JSON", converter.GetDefaultDataConverter(), struct{ R converter.RawValue }{}, "json/plain", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := tt.dc.ToPayload(tt.value)
			if p != nil {
				t.Errorf("payload = %v, want nil", p)
			}
			var ee *converter.EncodeError
			if !errors.As(err, &ee) {
				t.Fatalf("error = %v (%T), want *converter.EncodeError", err, err)
			}
			if ee.Encoding != tt.encoding {
				t.Errorf("Encoding = %q, want %q", ee.Encoding, tt.encoding)
			}
			if ee.Type != reflect.TypeOf(tt.value) {
				t.Errorf("Type = %v, want %T", ee.Type, tt.value)
			}
			if !errors.Is(err, converter.ErrUnableToEncode) {
				t.Errorf("errors.Is(err, ErrUnableToEncode) = false")
			}
			if tt.cause != nil && !errors.Is(err, tt.cause) {
				t.Errorf("errors.Is(err, %v) = false", tt.cause)
			}
			if tt.message != "" && err.Error() != tt.message {
				t.Errorf("message = %q, want %q", err.Error(), tt.message)
			}
			if _, err := tt.dc.ToPayloads([]byte("ok"), tt.value); err == nil || !strings.HasPrefix(err.Error(), "values[1]: ") {
				t.Errorf("ToPayloads error = %v, want it to name values[1]", err)
			}
		})
	}
}

func TestFromPayloadsMissingAndExtra(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	two, err := dc.ToPayloads("a", 2)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		payloads *converter.Payloads
		wantS    string
		wantN    int
		wantF    float64
	}{
		{"nil payloads leave all", nil, "keep", 7, 0.5},
		{"empty payloads leave all", &converter.Payloads{}, "keep", 7, 0.5},
		{"missing trailing keep values", &converter.Payloads{Payloads: two.Payloads[:1]}, "a", 7, 0.5},
		{"all filled", two, "a", 2, 0.5},
		{"extra payloads ignored", &converter.Payloads{Payloads: append(two.Payloads[:2:2], two.Payloads[0])}, "a", 2, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, n, f := "keep", 7, 0.5
			ptrs := []any{&s, &n}
			if tt.name != "extra payloads ignored" {
				ptrs = append(ptrs, &f)
			}
			if err := dc.FromPayloads(tt.payloads, ptrs...); err != nil {
				t.Fatal(err)
			}
			if s != tt.wantS || n != tt.wantN || f != tt.wantF {
				t.Errorf("got (%q, %d, %v), want (%q, %d, %v)", s, n, f, tt.wantS, tt.wantN, tt.wantF)
			}
		})
	}
	t.Run("error names the item", func(t *testing.T) {
		t.Parallel()
		var s string
		var b bool
		err := dc.FromPayloads(two, &s, &b)
		if err == nil || !strings.HasPrefix(err.Error(), "payload item 1: unable to decode json/plain payload into *bool") {
			t.Errorf("error = %v", err)
		}
		var de *converter.DecodeError
		if !errors.As(err, &de) || de.Type != reflect.TypeFor[*bool]() {
			t.Errorf("errors.As DecodeError failed or wrong type: %v", err)
		}
	})
}

func TestToPayloadsAndStrings(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	if p, err := dc.ToPayloads(); p != nil || err != nil {
		t.Errorf("ToPayloads() = %v, %v; want nil, nil", p, err)
	}
	p, err := dc.ToPayloads("s", nil, []byte{0xff, 0x01}, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`"s"`, "nil", "/wE", "3"}
	if diff := cmp.Diff(want, dc.ToStrings(p)); diff != "" {
		t.Errorf("ToStrings (-want +got):\n%s", diff)
	}
	if dc.ToStrings(nil) != nil {
		t.Error("ToStrings(nil) != nil")
	}
	odd := []struct {
		name string
		p    *converter.Payload
		want string
	}{
		{"nil payload", nil, ""},
		{"no metadata", &converter.Payload{}, "metadata is not set"},
		{"no encoding", &converter.Payload{Metadata: map[string][]byte{}}, "payload encoding metadata is not set"},
		{"unknown encoding", &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("x/y")}}, "encoding x/y: payload encoding is not supported"},
	}
	for _, tt := range odd {
		if got := dc.ToString(tt.p); got != tt.want {
			t.Errorf("%s: ToString = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestRawValuePassesThrough(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	orig := &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("x/custom")}, Data: []byte("zz")}
	p, err := dc.ToPayload(converter.NewRawValue(orig))
	if err != nil || p != orig {
		t.Fatalf("ToPayload(RawValue) = %v, %v; want the wrapped payload", p, err)
	}
	var raw converter.RawValue
	if err := dc.FromPayload(orig, &raw); err != nil || raw.Payload() != orig {
		t.Fatalf("FromPayload(*RawValue) = %v, payload %v", err, raw.Payload())
	}
	if _, err := json.Marshal(raw); err == nil {
		t.Error("json.Marshal(RawValue) succeeded, want error")
	}
}

func TestLaterConverterReplacesSameEncoding(t *testing.T) {
	t.Parallel()
	dc := converter.NewCompositeDataConverter(converter.NewJSONPayloadConverter(), upperJSON{})
	p, err := dc.ToPayload("abc")
	if err != nil {
		t.Fatal(err)
	}
	if string(p.Data) != `"abc!"` {
		t.Errorf("encoded as %q, want the later converter's output", p.Data)
	}
	var s string
	if err := dc.FromPayload(p, &s); err != nil {
		t.Fatal(err)
	}
	if s != "ABC!" {
		t.Errorf("decoded %q, want the later converter to decode", s)
	}
	// A converter's plain error is reported as a DecodeError with context.
	var n int
	err = dc.FromPayload(p, &n)
	var de *converter.DecodeError
	if !errors.As(err, &de) || de.Encoding != "json/plain" || de.Type != reflect.TypeFor[*int]() || !errors.Is(err, errUpper) {
		t.Errorf("error = %#v", err)
	}
}

var errUpper = errors.New("upper only decodes strings")

// upperJSON encodes strings with a "!" and decodes them upper-cased: it
// shows which converter ran.
type upperJSON struct{}

func (upperJSON) ToPayload(v any) (*converter.Payload, error) {
	s, ok := v.(string)
	if !ok {
		return nil, nil
	}
	return converter.NewJSONPayloadConverter().ToPayload(s + "!")
}
func (upperJSON) FromPayload(p *converter.Payload, valuePtr any) error {
	sp, ok := valuePtr.(*string)
	if !ok {
		return errUpper
	}
	if err := json.Unmarshal(p.Data, sp); err != nil {
		return err
	}
	*sp = strings.ToUpper(*sp)
	return nil
}
func (upperJSON) ToString(p *converter.Payload) string { return string(p.Data) }
func (upperJSON) Encoding() string                     { return "json/plain" }
