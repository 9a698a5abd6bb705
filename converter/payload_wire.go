package converter

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// The protobuf wire form of a Payload, as Temporal's common.v1.Payload
// message defines it: field 1 is map<string, bytes> metadata, field 2 is
// bytes data. Codecs that compress or encrypt a whole payload (Temporal's
// zlib codec, the samples' encryption and snappy codecs) marshal it to this
// form first, so wfsim writes and reads the same bytes as Temporal's SDK.
const (
	wireVarint  = 0
	wireFixed64 = 1
	wireBytes   = 2
	wireFixed32 = 5

	payloadMetadataField = 1
	payloadDataField     = 2
	payloadsListField    = 1 // Payloads: repeated Payload payloads = 1
	mapKeyField          = 1
	mapValueField        = 2
)

// WireError reports bytes that are not the protobuf form of a Payload:
// Unmarshal was handed data that some codec did not produce with Marshal,
// or that was cut short. errors.Is(err, ErrUnableToDecode) holds for it.
type WireError struct {
	// Offset is where in the bytes the problem was found.
	Offset int
	// Reason says what was wrong there.
	Reason string
}

func (e *WireError) Error() string {
	return fmt.Sprintf("converter: bytes are not a protobuf Payload: %s at offset %d", e.Reason, e.Offset)
}

// Is makes every WireError match ErrUnableToDecode.
func (e *WireError) Is(target error) bool { return target == ErrUnableToDecode }

// GetData returns the payload's data; nil for a nil payload. It is the
// getter of Temporal's generated Payload, so codecs port unchanged.
func (p *Payload) GetData() []byte {
	if p == nil {
		return nil
	}
	return p.Data
}

// GetMetadata returns the payload's metadata; nil for a nil payload. It is
// the getter of Temporal's generated Payload.
func (p *Payload) GetMetadata() map[string][]byte {
	if p == nil {
		return nil
	}
	return p.Metadata
}

// Size returns the length of the payload's protobuf form, what Marshal
// returns.
func (p *Payload) Size() int {
	if p == nil {
		return 0
	}
	n := 0
	for k, v := range p.Metadata {
		e := entrySize(k, v)
		n += 1 + varintSize(uint64(e)) + e
	}
	if len(p.Data) > 0 {
		n += 1 + varintSize(uint64(len(p.Data))) + len(p.Data)
	}
	return n
}

// Marshal returns the payload in protobuf wire form, as Temporal's SDK
// marshals a common.v1.Payload. Metadata entries are written in key order
// (protobuf's deterministic form), so equal payloads give equal bytes; an
// empty Data is left out, as proto3 does.
func (p *Payload) Marshal() ([]byte, error) {
	if p == nil {
		return nil, nil
	}
	b := make([]byte, 0, p.Size())
	keys := make([]string, 0, len(p.Metadata))
	for k := range p.Metadata {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := p.Metadata[k]
		b = appendTag(b, payloadMetadataField, wireBytes)
		b = binary.AppendUvarint(b, uint64(entrySize(k, v)))
		b = appendTag(b, mapKeyField, wireBytes)
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = appendTag(b, mapValueField, wireBytes)
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	if len(p.Data) > 0 {
		b = appendTag(b, payloadDataField, wireBytes)
		b = binary.AppendUvarint(b, uint64(len(p.Data)))
		b = append(b, p.Data...)
	}
	return b, nil
}

// Unmarshal replaces the payload with the one b holds in protobuf wire
// form (what Marshal or Temporal's SDK wrote). Fields it does not know are
// skipped, as protobuf does; a repeated metadata key keeps its last value.
// Bytes that are not a Payload give a *WireError. The payload does not keep
// b: its metadata and data are copies.
func (p *Payload) Unmarshal(b []byte) error { return p.unmarshalAt(b, 0) }

// unmarshalAt is Unmarshal of b, found at offset base of the bytes the
// caller passed, for errors.
func (p *Payload) unmarshalAt(b []byte, base int) error {
	var md map[string][]byte
	var data []byte
	r := wireReader{b: b, base: base}
	for !r.done() {
		field, typ, err := r.tag()
		if err != nil {
			return err
		}
		switch {
		case field == payloadMetadataField && typ == wireBytes:
			entry, err := r.bytes()
			if err != nil {
				return err
			}
			k, v, err := readEntry(entry, r.off-len(entry))
			if err != nil {
				return err
			}
			if md == nil {
				md = make(map[string][]byte)
			}
			md[k] = v
		case field == payloadDataField && typ == wireBytes:
			d, err := r.bytes()
			if err != nil {
				return err
			}
			data = append([]byte(nil), d...)
		default:
			if err := r.skip(typ); err != nil {
				return err
			}
		}
	}
	if len(data) == 0 {
		data = nil
	}
	p.Metadata, p.Data = md, data
	return nil
}

// Unmarshal replaces the list with the temporal.api.common.v1.Payloads
// message b holds in protobuf wire form (Temporal's SDK writes one inside
// a MutableSideEffect marker when its data converter puts
// ProtoPayloadConverter first). As with Payload.Unmarshal, unknown fields
// are skipped, bytes that are not such a message give a *WireError, and
// the list keeps no part of b. An empty message is an empty, non-nil list.
func (ps *Payloads) Unmarshal(b []byte) error {
	list := []*Payload{}
	r := wireReader{b: b}
	for !r.done() {
		field, typ, err := r.tag()
		if err != nil {
			return err
		}
		if field != payloadsListField || typ != wireBytes {
			if err := r.skip(typ); err != nil {
				return err
			}
			continue
		}
		item, err := r.bytes()
		if err != nil {
			return err
		}
		p := new(Payload)
		if err := p.unmarshalAt(item, r.off-len(item)); err != nil {
			return err
		}
		list = append(list, p)
	}
	ps.Payloads = list
	return nil
}

// readEntry reads one metadata map entry; base is its offset in the whole
// payload, for errors.
func readEntry(b []byte, base int) (string, []byte, error) {
	var key string
	value := []byte{}
	r := wireReader{b: b, base: base}
	for !r.done() {
		field, typ, err := r.tag()
		if err != nil {
			return "", nil, err
		}
		switch {
		case field == mapKeyField && typ == wireBytes:
			k, err := r.bytes()
			if err != nil {
				return "", nil, err
			}
			key = string(k)
		case field == mapValueField && typ == wireBytes:
			v, err := r.bytes()
			if err != nil {
				return "", nil, err
			}
			value = append([]byte{}, v...)
		default:
			if err := r.skip(typ); err != nil {
				return "", nil, err
			}
		}
	}
	return key, value, nil
}

// wireReader reads protobuf wire data; base is the offset of b in the
// outermost message, so errors point into the bytes the caller passed.
type wireReader struct {
	b    []byte
	off  int
	base int
}

func (r *wireReader) done() bool { return r.off >= len(r.b) }

// fail reports a problem with the item that starts at offset at.
func (r *wireReader) fail(at int, reason string) error {
	return &WireError{Offset: r.base + at, Reason: reason}
}

func (r *wireReader) varint() (uint64, error) {
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		return 0, r.fail(r.off, "bad or truncated varint")
	}
	r.off += n
	return v, nil
}

func (r *wireReader) tag() (field uint64, typ int, err error) {
	at := r.off
	t, err := r.varint()
	if err != nil {
		return 0, 0, err
	}
	if t>>3 == 0 {
		return 0, 0, r.fail(at, "field number 0")
	}
	return t >> 3, int(t & 7), nil
}

func (r *wireReader) bytes() ([]byte, error) {
	at := r.off
	n, err := r.varint()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(r.b)-r.off) {
		return nil, r.fail(at, fmt.Sprintf("length %d runs past the end", n))
	}
	s := r.b[r.off : r.off+int(n)]
	r.off += int(n)
	return s, nil
}

func (r *wireReader) skip(typ int) error {
	switch typ {
	case wireVarint:
		_, err := r.varint()
		return err
	case wireBytes:
		_, err := r.bytes()
		return err
	case wireFixed64, wireFixed32:
		n := 8
		if typ == wireFixed32 {
			n = 4
		}
		if len(r.b)-r.off < n {
			return r.fail(r.off, "truncated fixed-size field")
		}
		r.off += n
		return nil
	default:
		return r.fail(r.off, fmt.Sprintf("unsupported wire type %d", typ))
	}
}

func appendTag(b []byte, field, typ int) []byte {
	return binary.AppendUvarint(b, uint64(field<<3|typ))
}

// entrySize is the length of one metadata map entry: protobuf writes the
// key and the value even when they are empty.
func entrySize(k string, v []byte) int {
	return 1 + varintSize(uint64(len(k))) + len(k) + 1 + varintSize(uint64(len(v))) + len(v)
}

func varintSize(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}
