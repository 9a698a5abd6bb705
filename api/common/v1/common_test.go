package common_test

import (
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

func TestPayloadsSlice(t *testing.T) {
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
			if got := tt.in.Slice(); len(got) != tt.want {
				t.Errorf("Slice() = %v, want %d payloads", got, tt.want)
			}
			if got := len(tt.in.GetPayloads()); got != tt.want {
				t.Errorf("GetPayloads() has %d payloads, want %d", got, tt.want)
			}
		})
	}
	if got := commonpb.FromSlice(nil); got != nil {
		t.Errorf("FromSlice(nil) = %v, want nil", got)
	}
	if got := commonpb.FromSlice(converter.Payloads{p}); len(got.Payloads) != 1 || got.Payloads[0] != p {
		t.Errorf("FromSlice = %v, want the one payload", got)
	}
}
