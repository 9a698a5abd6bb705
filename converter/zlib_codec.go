package converter

import (
	"bytes"
	"compress/zlib"
	"io"
)

// encodingZlib marks a payload compressed by the zlib codec; it is the
// encoding Temporal's zlib codec writes.
const encodingZlib = "binary/zlib"

// ZlibCodecOptions holds the options of NewZlibCodec. It is Temporal's
// converter.ZlibCodecOptions.
type ZlibCodecOptions struct {
	// AlwaysEncode compresses every payload. By default a payload is
	// compressed only when that makes it smaller, and is otherwise passed
	// on as it is.
	AlwaysEncode bool
}

// zlibCodec compresses the protobuf form of each payload.
type zlibCodec struct{ options ZlibCodecOptions }

// NewZlibCodec returns Temporal's zlib compression codec, for
// NewCodecDataConverter: Encode compresses the protobuf form of each payload
// (Payload.Marshal) into a "binary/zlib" payload, and Decode reverses it,
// leaving payloads of any other encoding alone. The bytes are those
// Temporal's codec writes, so either side reads the other's payloads.
func NewZlibCodec(options ZlibCodecOptions) PayloadCodec { return &zlibCodec{options: options} }

// Encode compresses each payload (only when that makes it smaller, unless
// AlwaysEncode is set).
func (z *zlibCodec) Encode(payloads []*Payload) ([]*Payload, error) {
	out := make([]*Payload, len(payloads))
	for i, p := range payloads {
		raw, err := p.Marshal()
		if err != nil {
			return payloads, err
		}
		var buf bytes.Buffer
		w := zlib.NewWriter(&buf)
		_, err = w.Write(raw)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return payloads, err
		}
		if buf.Len() >= len(raw) && !z.options.AlwaysEncode {
			out[i] = p
			continue
		}
		out[i] = &Payload{
			Metadata: map[string][]byte{MetadataEncoding: []byte(encodingZlib)},
			Data:     buf.Bytes(),
		}
	}
	return out, nil
}

// Decode decompresses each "binary/zlib" payload and passes the others on.
func (z *zlibCodec) Decode(payloads []*Payload) ([]*Payload, error) {
	out := make([]*Payload, len(payloads))
	for i, p := range payloads {
		if p.Encoding() != encodingZlib {
			out[i] = p
			continue
		}
		r, err := zlib.NewReader(bytes.NewReader(p.Data))
		if err != nil {
			return payloads, err
		}
		raw, err := io.ReadAll(r)
		if cerr := r.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return payloads, err
		}
		out[i] = &Payload{}
		if err := out[i].Unmarshal(raw); err != nil {
			return payloads, err
		}
	}
	return out, nil
}
