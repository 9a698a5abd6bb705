package converter

import (
	"fmt"
	"slices"
)

// PayloadCodec transforms whole payloads after a DataConverter has turned
// values into them (Encode) and before it turns them back (Decode): to
// compress them, encrypt them, or move them elsewhere. It is Temporal's
// converter.PayloadCodec, with *Payload in place of the protobuf type.
//
// Codecs are chained with NewCodecDataConverter. The payloads passed in are
// never nil and must not be changed: return new ones. Decode must leave
// alone payloads it did not encode (check their encoding), so that data
// written before the codec was added still reads.
//
// In a simulation, a codec runs where a Temporal worker would run it: when
// the workflow or an activity sends or receives a value, so the recorded
// history holds the encoded payloads. An error from Encode or Decode
// surfaces as the encode or decode error of that value.
type PayloadCodec interface {
	// Encode returns the encoded form of payloads, one for one.
	Encode(payloads []*Payload) ([]*Payload, error)
	// Decode returns the decoded form of payloads, one for one.
	Decode(payloads []*Payload) ([]*Payload, error)
}

// CodecDataConverter is a DataConverter that runs a parent DataConverter
// and then a chain of PayloadCodecs over its payloads. It is Temporal's
// converter.CodecDataConverter.
type CodecDataConverter struct {
	parent DataConverter
	codecs []PayloadCodec
}

// NewCodecDataConverter returns a DataConverter that converts values with
// parent and passes the payloads through codecs. As in Temporal, encoding
// applies the codecs last to first, so the first codec wraps all the
// others (give a compression codec after an encryption codec to compress
// before encrypting), and decoding applies them first to last.
func NewCodecDataConverter(parent DataConverter, codecs ...PayloadCodec) DataConverter {
	return &CodecDataConverter{parent: parent, codecs: slices.Clone(codecs)}
}

func (c *CodecDataConverter) encode(ps []*Payload) ([]*Payload, error) {
	return encodeChain(c.codecs, ps)
}
func (c *CodecDataConverter) decode(ps []*Payload) ([]*Payload, error) {
	return decodeChain(c.codecs, ps)
}

// encodeChain runs the codecs last to first.
func encodeChain(codecs []PayloadCodec, ps []*Payload) ([]*Payload, error) {
	var err error
	for i := len(codecs) - 1; i >= 0; i-- {
		if ps, err = codecs[i].Encode(ps); err != nil {
			return ps, err
		}
	}
	return ps, nil
}

// decodeChain runs the codecs first to last.
func decodeChain(codecs []PayloadCodec, ps []*Payload) ([]*Payload, error) {
	var err error
	for _, codec := range codecs {
		if ps, err = codec.Decode(ps); err != nil {
			return ps, err
		}
	}
	return ps, nil
}

// oneOf checks that a codec gave back exactly one payload for one.
func oneOf(ps []*Payload) (*Payload, error) {
	if len(ps) != 1 {
		return nil, fmt.Errorf("received %d payloads from codec, expected 1", len(ps))
	}
	return ps[0], nil
}

// ToPayload converts value with the parent, then encodes the payload with
// the codecs. On a codec error it returns the parent's payload and the
// error, as Temporal does.
func (c *CodecDataConverter) ToPayload(value any) (*Payload, error) {
	p, err := c.parent.ToPayload(value)
	if p == nil || err != nil {
		return p, err
	}
	encoded, err := c.encode([]*Payload{p})
	if err != nil {
		return p, err
	}
	one, err := oneOf(encoded)
	if err != nil {
		return p, err
	}
	return one, nil
}

// ToPayloads converts values with the parent, then encodes the payloads
// with the codecs; no values give nil.
func (c *CodecDataConverter) ToPayloads(values ...any) (*Payloads, error) {
	ps, err := c.parent.ToPayloads(values...)
	if ps == nil || err != nil {
		return ps, err
	}
	encoded, err := c.encode(ps.Payloads)
	return &Payloads{Payloads: encoded}, err
}

// FromPayload decodes p with the codecs, then converts it with the parent.
// A nil payload leaves the value untouched.
func (c *CodecDataConverter) FromPayload(p *Payload, valuePtr any) error {
	if p == nil {
		return nil
	}
	decoded, err := c.decode([]*Payload{p})
	if err != nil {
		return err
	}
	one, err := oneOf(decoded)
	if err != nil {
		return err
	}
	return c.parent.FromPayload(one, valuePtr)
}

// FromPayloads decodes ps with the codecs, then converts them with the
// parent.
func (c *CodecDataConverter) FromPayloads(ps *Payloads, valuePtrs ...any) error {
	if ps == nil {
		return c.parent.FromPayloads(nil, valuePtrs...)
	}
	decoded, err := c.decode(ps.Payloads)
	if err != nil {
		return err
	}
	return c.parent.FromPayloads(&Payloads{Payloads: decoded}, valuePtrs...)
}

// ToString decodes p with the codecs and renders it with the parent, so
// logs and error messages show the value, not its encoded bytes. When a
// codec fails, the text is the codec's error.
func (c *CodecDataConverter) ToString(p *Payload) string {
	if p == nil {
		return c.parent.ToString(nil)
	}
	decoded, err := c.decode([]*Payload{p})
	if err != nil {
		return err.Error()
	}
	one, err := oneOf(decoded)
	if err != nil {
		return err.Error()
	}
	return c.parent.ToString(one)
}

// ToStrings renders each payload with ToString, each decoded on its own so
// that one failing payload does not hide the others; nil gives nil.
func (c *CodecDataConverter) ToStrings(ps *Payloads) []string {
	if ps == nil {
		return nil
	}
	out := make([]string, len(ps.Payloads))
	for i, p := range ps.Payloads {
		out[i] = c.ToString(p)
	}
	return out
}
