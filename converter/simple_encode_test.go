package converter

import "testing"

// stringFirst is a payload converter that takes every string.
type stringFirst struct{ JSONPayloadConverter }

func (stringFirst) Encoding() string { return "text/mine" }
func (stringFirst) ToPayload(value any) (*Payload, error) {
	if s, ok := value.(string); ok {
		return &Payload{Metadata: map[string][]byte{MetadataEncoding: []byte("text/mine")}, Data: []byte(s)}, nil
	}
	return nil, nil
}

// TestSimpleJSONOnlyAfterDecliningConverters: simple values go straight
// to the JSON converter only when no converter before it could take them.
func TestSimpleJSONOnlyAfterDecliningConverters(t *testing.T) {
	t.Parallel()
	def := GetDefaultDataConverter().(*CompositeDataConverter)
	if def.simple == nil || def.twin == nil || def.twin.simple == nil {
		t.Fatal("the default converter (and its twin) should encode simple values at once")
	}
	mine := NewCompositeDataConverter(NewNilPayloadConverter(), &stringFirst{}, NewJSONPayloadConverter()).(*CompositeDataConverter)
	if mine.simple != nil {
		t.Fatal("a converter of the user's comes first: no short cut")
	}
	p, err := mine.ToPayload("x")
	if err != nil || p.Encoding() != "text/mine" || string(p.Data) != "x" {
		t.Fatalf("got %v, %v", p, err)
	}
	s := "x"
	for _, v := range []any{"x", 7, int64(-3), true, uint32(9), &s} {
		p, err := def.ToPayload(v)
		if err != nil || p.Encoding() != EncodingJSON {
			t.Fatalf("%T: got %v, %v", v, p, err)
		}
	}
	var nilString *string
	if p, err := def.ToPayload(nilString); err != nil || p.Encoding() != EncodingNull {
		t.Fatalf("nil *string: got %v, %v", p, err)
	}
}

// TestDecodeSimpleLikeJSONConverter: the short cut decodes what the JSON
// converter decodes, and leaves anything else to the usual path.
func TestDecodeSimpleLikeJSONConverter(t *testing.T) {
	t.Parallel()
	dc := GetDefaultDataConverter()
	var s string
	var n int
	var n64 int64
	for _, c := range []struct {
		data string
		ptr  any
		want any
	}{
		{`"x"`, &s, "x"}, {`42`, &n, 42}, {`-7`, &n64, int64(-7)}, {`"a\u0062"`, &s, "ab"}, {` 5`, &n, 5},
	} {
		p := &Payload{Metadata: map[string][]byte{MetadataEncoding: []byte(EncodingJSON)}, Data: []byte(c.data)}
		if err := dc.FromPayload(p, c.ptr); err != nil {
			t.Fatalf("%s: %v", c.data, err)
		}
		var got any
		switch v := c.ptr.(type) {
		case *string:
			got = *v
		case *int:
			got = *v
		case *int64:
			got = *v
		}
		if got != c.want {
			t.Errorf("%s: got %v, want %v", c.data, got, c.want)
		}
	}
	p := &Payload{Metadata: map[string][]byte{MetadataEncoding: []byte(EncodingBinary)}, Data: []byte(`"x"`)}
	if err := dc.FromPayload(p, &s); err == nil {
		t.Error("a binary/plain payload decoded into a *string")
	}
}
