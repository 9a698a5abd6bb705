package converter_test

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wfsim/wfsim/converter"
)

// The wants are what protobuf-go's deterministic Marshal writes for
// Temporal's common.v1.Payload with the same contents.
func TestPayloadMarshalIsProtobufBytes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		p    *converter.Payload
		want string
	}{
		{"json", &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(`"x"`)},
			"0a160a08656e636f64696e67120a6a736f6e2f706c61696e1203227822"},
		{"no data is left out", &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("binary/null")}},
			"0a170a08656e636f64696e67120b62696e6172792f6e756c6c"},
		{"keys in order, empty value kept, long data",
			&converter.Payload{
				Metadata: map[string][]byte{"encoding": []byte("binary/encrypted"), "encryption-key-id": {}, "a": []byte("zz")},
				Data:     make([]byte, 200),
			},
			"0a070a016112027a7a0a1c0a08656e636f64696e67121062696e6172792f656e637279707465640a150a11656e6372797074696f6e2d6b65792d6964120012c801" + strings.Repeat("00", 200)},
		{"no metadata", &converter.Payload{Data: []byte("d")}, "120164"},
		{"empty key and value", &converter.Payload{Metadata: map[string][]byte{"": {}}}, "0a040a001200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := tt.p.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			if got := hex.EncodeToString(b); got != tt.want {
				t.Errorf("Marshal = %s, want %s", got, tt.want)
			}
			if tt.p.Size() != len(b) {
				t.Errorf("Size = %d, Marshal wrote %d bytes", tt.p.Size(), len(b))
			}
			var back converter.Payload
			if err := back.Unmarshal(b); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.p, &back, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPayloadUnmarshal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		hex  string
		want *converter.Payload
	}{
		{"fields in any order", "1201640a0a0a01651205626c6f6221",
			&converter.Payload{Metadata: map[string][]byte{"e": []byte("blob!")}, Data: []byte("d")}},
		{"repeated key keeps the last", "0a060a016b1201310a060a016b120132",
			&converter.Payload{Metadata: map[string][]byte{"k": []byte("2")}}},
		{"unknown fields skipped", "18072104000000000000002d0400000022016b120164",
			&converter.Payload{Data: []byte("d")}},
		{"entry without value", "0a030a016b", &converter.Payload{Metadata: map[string][]byte{"k": {}}}},
		{"empty", "", &converter.Payload{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, _ := hex.DecodeString(tt.hex)
			got := &converter.Payload{Metadata: map[string][]byte{"stale": nil}, Data: []byte("stale")}
			if err := got.Unmarshal(b); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestPayloadUnmarshalRejectsBadBytes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		hex    string
		offset int
	}{
		{"length past the end", "1205616263", 1},
		{"truncated varint", "12", 1},
		{"field zero", "12010000", 3},
		{"group wire type", "0b", 1},
		{"truncated fixed32", "0d0102", 1},
		{"bad entry", "0a020a05", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, _ := hex.DecodeString(tt.hex)
			err := new(converter.Payload).Unmarshal(b)
			var we *converter.WireError
			if !errors.As(err, &we) {
				t.Fatalf("err = %v, want a *WireError", err)
			}
			if we.Offset != tt.offset {
				t.Errorf("Offset = %d, want %d (%v)", we.Offset, tt.offset, err)
			}
			if !errors.Is(err, converter.ErrUnableToDecode) {
				t.Errorf("errors.Is(%v, ErrUnableToDecode) = false", err)
			}
		})
	}
}

func TestPayloadGetters(t *testing.T) {
	t.Parallel()
	var nilPayload *converter.Payload
	if nilPayload.GetData() != nil || nilPayload.GetMetadata() != nil || nilPayload.Size() != 0 {
		t.Error("getters of a nil payload should give zero values")
	}
	p := &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("x")}, Data: []byte("d")}
	if string(p.GetData()) != "d" || string(p.GetMetadata()["encoding"]) != "x" {
		t.Errorf("getters = %q, %q", p.GetData(), p.GetMetadata())
	}
	ps := &converter.Payloads{Payloads: []*converter.Payload{p}}
	if got := ps.GetPayloads(); len(got) != 1 || got[0] != p {
		t.Errorf("GetPayloads = %v", got)
	}
	var nilPayloads *converter.Payloads
	if nilPayloads.GetPayloads() != nil {
		t.Error("GetPayloads of a nil Payloads should be nil")
	}
}
