package converter_test

import (
	"encoding/hex"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wfsim/wfsim/converter"
)

// The bytes are what protobuf-go writes for Temporal's common.v1.Payloads
// holding a json/plain "x" and an empty payload (0a 1d <payload> 0a 00),
// then an unknown field 3.
func TestPayloadsUnmarshalReadsTheProtobufMessage(t *testing.T) {
	t.Parallel()
	b, err := hex.DecodeString("0a1d" + "0a160a08656e636f64696e67120a6a736f6e2f706c61696e1203227822" + "0a00" + "1801")
	if err != nil {
		t.Fatal(err)
	}
	var ps converter.Payloads
	if err := ps.Unmarshal(b); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	want := []*converter.Payload{
		{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(`"x"`)},
		{}, // the unknown field 3 that follows is skipped
	}
	if diff := cmp.Diff(want, ps.Payloads); diff != "" {
		t.Errorf("Payloads (-want +got):\n%s", diff)
	}

	var empty converter.Payloads
	if err := empty.Unmarshal(nil); err != nil || empty.Payloads == nil || len(empty.Payloads) != 0 {
		t.Errorf("Unmarshal(nil) = %v, %v; want an empty list", empty.Payloads, err)
	}
}

func TestPayloadsUnmarshalRejectsOtherBytes(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		hex    string
		offset int
	}{
		{"length past the end", "0a05", 1},       // field 1, length 5, no bytes
		{"payload cut short", "0a040a030a01", 3}, // its metadata entry's length runs past the payload
		{"bad varint in a payload", "0a01ff", 2}, // the payload's tag never ends
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := hex.DecodeString(tt.hex)
			if err != nil {
				t.Fatal(err)
			}
			var ps converter.Payloads
			err = ps.Unmarshal(b)
			var we *converter.WireError
			if !errors.As(err, &we) || !errors.Is(err, converter.ErrUnableToDecode) {
				t.Fatalf("Unmarshal(%s) = %v, want a *WireError that is ErrUnableToDecode", tt.hex, err)
			}
			if we.Offset != tt.offset {
				t.Errorf("Offset = %d, want %d (%v)", we.Offset, tt.offset, err)
			}
		})
	}
}
