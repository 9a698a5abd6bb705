package converter_test

import (
	"errors"
	"testing"

	"github.com/wfsim/wfsim/converter"
)

// A nil *Payload is a payload with no data to every payload converter, as
// in Temporal's SDK (its converters read GetData): decoding it gives the
// converter's answer for empty data, never a nil-pointer panic.
func TestPayloadConvertersReadANilPayloadAsNoData(t *testing.T) {
	t.Parallel()
	t.Run("binary/plain", func(t *testing.T) {
		t.Parallel()
		c := converter.NewByteSlicePayloadConverter()
		b := []byte("x")
		if err := c.FromPayload(nil, &b); err != nil || len(b) != 0 {
			t.Errorf("FromPayload(nil, &[]byte) = %q, %v; want empty, nil", b, err)
		}
		if got := c.ToString(nil); got != "" {
			t.Errorf("ToString(nil) = %q, want empty", got)
		}
	})
	t.Run("json/plain", func(t *testing.T) {
		t.Parallel()
		c := converter.NewJSONPayloadConverter()
		var s string
		err := c.FromPayload(nil, &s)
		if !errors.Is(err, converter.ErrUnableToDecode) {
			t.Errorf("FromPayload(nil, &string) = %v, want an ErrUnableToDecode (no JSON)", err)
		}
		if got := c.ToString(nil); got != "" {
			t.Errorf("ToString(nil) = %q, want empty", got)
		}
	})
}
