package converter

// Metadata keys and encodings of the default converters. The values are
// Temporal's, so payloads written by wfsim are readable by Temporal's SDKs and
// the other way round.
const (
	MetadataEncoding    = "encoding"
	MetadataMessageType = "messageType"

	EncodingNull      = "binary/null"
	EncodingBinary    = "binary/plain"
	EncodingJSON      = "json/plain"
	EncodingProtoJSON = "json/protobuf"
	EncodingProto     = "binary/protobuf"
)

// The encodings under the names Temporal's converter package gives them,
// for code ported from it; each equals the Encoding constant above.
const (
	// MetadataEncodingBinary is "binary/plain".
	MetadataEncodingBinary = EncodingBinary
	// MetadataEncodingJSON is "json/plain".
	MetadataEncodingJSON = EncodingJSON
	// MetadataEncodingNil is "binary/null".
	MetadataEncodingNil = EncodingNull
	// MetadataEncodingProtoJSON is "json/protobuf".
	MetadataEncodingProtoJSON = EncodingProtoJSON
	// MetadataEncodingProto is "binary/protobuf".
	MetadataEncodingProto = EncodingProto
)

// Payload is one encoded value: the bytes of the value and the metadata that
// says how they were encoded. It is the wfsim form of Temporal's
// common.v1.Payload.
//
// Its encoding/json form is Temporal's JSON form of a payload
// ({"metadata":{"encoding":"anNvbi9wbGFpbg=="},"data":"…"}, bytes in base64,
// empty fields left out), so histories can hold payloads as they are.
type Payload struct {
	Metadata map[string][]byte `json:"metadata,omitempty"`
	Data     []byte            `json:"data,omitempty"`
}

// Encoding returns the payload's "encoding" metadata, or "" when it has none.
func (p *Payload) Encoding() string {
	if p == nil {
		return ""
	}
	return string(p.Metadata[MetadataEncoding])
}

// Payloads is a list of encoded values, such as the arguments of a workflow
// or activity: the wfsim form of Temporal's common.v1.Payloads message, a
// struct holding the list. Every API that carries a list of values takes or
// returns a *Payloads, where Temporal's takes a *commonpb.Payloads, so code
// that builds &Payloads{} and appends to its Payloads field ports. A nil
// *Payloads means "no values"; GetPayloads is safe to call on it.
//
// Its encoding/json form is Temporal's JSON form ({"payloads":[…]}, the
// list left out when empty).
type Payloads struct {
	Payloads []*Payload `json:"payloads,omitempty"`
}

// GetPayloads returns the list of payloads; nil for a nil Payloads. It is
// the getter of Temporal's generated message.
func (ps *Payloads) GetPayloads() []*Payload {
	if ps == nil {
		return nil
	}
	return ps.Payloads
}

// payloadBox holds a payload, a Payloads of it alone, and room for the
// bytes of its encoding (such as "json/plain") and of small data: the
// values workflows pass most take one allocation besides the Metadata map,
// and a one-value ToPayloads none more. Each part is used by one value only
// (the slices are capped at their length), so nothing the user can change
// is shared. buf fills the box to a size class of the allocator (96 bytes).
type payloadBox struct {
	p   Payload
	ps  Payloads
	one [1]*Payload
	buf [32]byte
}

// newBox builds a payload of data in a box, whose only metadata is the
// encoding, as Temporal's converters do.
func newBox(data []byte, encoding string, m metadataMode) *payloadBox {
	b, _ := boxFor(encoding, m)
	b.p.Data = data
	return b
}

// boxFor returns a box whose payload has the encoding and no data yet, and
// the box's room left for data (empty, with capacity), to append to. The
// payload's Metadata map is its own, or the encoding's shared one
// (shared_metadata.go).
func boxFor(encoding string, m metadataMode) (b *payloadBox, spare []byte) {
	b = &payloadBox{}
	b.one[0] = &b.p
	if m == sharedMetadata {
		if md := sharedMetadataOf(encoding); md != nil {
			b.p.Metadata = md
			return b, b.buf[:0]
		}
	}
	var enc []byte
	if len(encoding) <= len(b.buf) {
		n := copy(b.buf[:], encoding)
		enc, spare = b.buf[:n:n], b.buf[n:n]
	} else {
		enc = []byte(encoding)
	}
	b.p.Metadata = map[string][]byte{MetadataEncoding: enc}
	return b, spare
}

// payloads returns the box's payload as a Payloads of one.
func (b *payloadBox) payloads() *Payloads {
	b.ps.Payloads = b.one[:1:1]
	return &b.ps
}
