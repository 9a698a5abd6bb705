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
