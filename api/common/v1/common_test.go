package common_test

import (
	"strings"
	"testing"

	commonpb "github.com/wfsim/wfsim/api/common/v1"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
)

// The aliases are wfsim's own types, so values pass between code written
// against either name without conversion.
func TestAliases(t *testing.T) {
	t.Parallel()
	var p *converter.Payload = &commonpb.Payload{Data: []byte(`"x"`)}
	var h *replay.Header = &commonpb.Header{Fields: map[string]*commonpb.Payload{"k": p}}
	if h.GetFields()["k"] != p {
		t.Fatalf("Header.GetFields()[k] = %v, want %v", h.GetFields()["k"], p)
	}
	var none *commonpb.Header
	if none.GetFields() != nil {
		t.Errorf("nil Header's GetFields() = %v, want nil", none.GetFields())
	}
}

// A DataConverter written against Temporal's protobuf types, in the shape
// of the samples' custom converters: it builds &commonpb.Payloads{} and
// appends to its Payloads field.
type upperConverter struct{}

var _ converter.DataConverter = upperConverter{}

func (upperConverter) ToPayload(v any) (*commonpb.Payload, error) {
	s, _ := v.(string)
	return &commonpb.Payload{Metadata: map[string][]byte{"encoding": []byte("upper")}, Data: []byte(strings.ToUpper(s))}, nil
}

func (c upperConverter) ToPayloads(values ...any) (*commonpb.Payloads, error) {
	out := &commonpb.Payloads{}
	for _, v := range values {
		p, err := c.ToPayload(v)
		if err != nil {
			return nil, err
		}
		out.Payloads = append(out.Payloads, p)
	}
	return out, nil
}

func (upperConverter) FromPayload(p *commonpb.Payload, ptr any) error {
	*ptr.(*string) = string(p.GetData())
	return nil
}

func (c upperConverter) FromPayloads(ps *commonpb.Payloads, ptrs ...any) error {
	for i, p := range ps.GetPayloads() {
		if i < len(ptrs) {
			if err := c.FromPayload(p, ptrs[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (upperConverter) ToString(p *commonpb.Payload) string { return string(p.GetData()) }

func (c upperConverter) ToStrings(ps *commonpb.Payloads) []string {
	var out []string
	for _, p := range ps.GetPayloads() {
		out = append(out, c.ToString(p))
	}
	return out
}

func TestPayloads(t *testing.T) {
	t.Parallel()
	p := &commonpb.Payload{Data: []byte(`1`)}
	tests := []struct {
		name string
		in   *commonpb.Payloads
		want int
	}{
		{"nil message", nil, 0},
		{"empty message", &commonpb.Payloads{}, 0},
		{"two payloads", &commonpb.Payloads{Payloads: []*commonpb.Payload{p, p}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var asConverter *converter.Payloads = tt.in // the same type
			if got := len(asConverter.GetPayloads()); got != tt.want {
				t.Errorf("GetPayloads() has %d payloads, want %d", got, tt.want)
			}
			// wfsim's own converters take the message as it is.
			if strs := converter.GetDefaultDataConverter().ToStrings(tt.in); len(strs) != tt.want {
				t.Errorf("ToStrings = %v, want %d strings", strs, tt.want)
			}
		})
	}
}

func TestTemporalShapedDataConverter(t *testing.T) {
	t.Parallel()
	var dc converter.DataConverter = upperConverter{}
	ps, err := dc.ToPayloads("a", "b")
	if err != nil {
		t.Fatal(err)
	}
	if got := string(ps.Payloads[0].GetData()); got != "A" {
		t.Errorf("ToPayloads(...).Payloads[0].GetData() = %q, want A", got)
	}
	var a, b string
	if err := dc.FromPayloads(ps, &a, &b); err != nil || a != "A" || b != "B" {
		t.Errorf("FromPayloads = %q, %q, %v", a, b, err)
	}
	// Values wrapped by wfsim take the converter's payloads as they are.
	var first string
	if err := converter.NewEncodedValue(ps, dc).Get(&first); err != nil || first != "A" {
		t.Errorf("EncodedValue.Get = %q, %v", first, err)
	}
	if got := converter.GetPayloads(converter.NewEncodedValues(ps, dc)); got != ps {
		t.Errorf("GetPayloads = %v, want the converter's message", got)
	}
}
