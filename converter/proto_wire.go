package converter

import (
	"encoding/binary"
	"errors"
	"math"
)

// The protobuf binary wire format, as much as JSON conversion needs: the
// JSON of a message is made from its wire bytes, and JSON is parsed into
// wire bytes that the message's generated Unmarshal reads.

// The wire type constants are payload_wire.go's, and the group ones:
const (
	wireStartGroup = 3
	wireEndGroup   = 4
)

var errWireTruncated = errors.New("truncated or invalid protobuf wire data")

func appendVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func appendLenBytes(b []byte, num int32, data []byte) []byte {
	b = appendTag(b, int(num), wireBytes)
	b = appendVarint(b, uint64(len(data)))
	return append(b, data...)
}

func zigzag(v int64) uint64   { return uint64(v<<1) ^ uint64(v>>63) }
func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

func readVarint(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(b) && i < 10; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	return 0, -1
}

// wireValue is one field occurrence: a number for varint and fixed wire
// types, bytes for length-delimited ones.
type wireValue struct {
	wt   int
	u    uint64
	data []byte
}

// readWire splits a message's wire bytes into field occurrences, in order.
func readWire(b []byte, each func(num int32, v wireValue) error) error {
	for len(b) > 0 {
		tag, n := readVarint(b)
		if n < 0 {
			return errWireTruncated
		}
		b = b[n:]
		num, wt := int32(tag>>3), int(tag&7)
		if num <= 0 {
			return errWireTruncated
		}
		var v wireValue
		v.wt = wt
		switch wt {
		case wireVarint:
			v.u, n = readVarint(b)
		case wireFixed64:
			if len(b) < 8 {
				return errWireTruncated
			}
			v.u, n = binary.LittleEndian.Uint64(b), 8
		case wireFixed32:
			if len(b) < 4 {
				return errWireTruncated
			}
			v.u, n = uint64(binary.LittleEndian.Uint32(b)), 4
		case wireBytes:
			l, m := readVarint(b)
			if m < 0 || l > uint64(len(b)-m) {
				return errWireTruncated
			}
			v.data, n = b[m:m+int(l)], m+int(l)
		case wireStartGroup:
			// Only unknown fields hold groups here (wfsim writes no group
			// field): the group's bytes up to its end tag.
			n = groupLen(b, num)
			if n >= 0 {
				v.data = b[:n]
			}
		default:
			return errWireTruncated
		}
		if n < 0 {
			return errWireTruncated
		}
		b = b[n:]
		if err := each(num, v); err != nil {
			return err
		}
	}
	return nil
}

// groupLen returns the length of the group num whose start tag has been
// read, its end tag included; -1 when b ends first or the tags do not
// nest.
func groupLen(b []byte, num int32) int {
	open := []int32{num} // the groups not yet ended, innermost last
	for i := 0; i < len(b); {
		tag, n := readVarint(b[i:])
		if n < 0 {
			return -1
		}
		i += n
		switch int(tag & 7) {
		case wireVarint:
			_, n = readVarint(b[i:])
		case wireFixed64:
			n = 8
		case wireFixed32:
			n = 4
		case wireBytes:
			l, m := readVarint(b[i:])
			if m < 0 || l > uint64(len(b)-i-m) {
				return -1
			}
			n = m + int(l)
		case wireStartGroup:
			open, n = append(open, int32(tag>>3)), 0
		case wireEndGroup:
			if int32(tag>>3) != open[len(open)-1] {
				return -1
			}
			if open = open[:len(open)-1]; len(open) == 0 {
				return i
			}
			n = 0
		default:
			return -1
		}
		if n < 0 || n > len(b)-i {
			return -1
		}
		i += n
	}
	return -1
}

// wireTypeOf is the wire type of a kind's single value.
func wireTypeOf(k protoKind) int {
	switch k {
	case kindDouble, kindFixed64, kindSfixed64:
		return wireFixed64
	case kindFloat, kindFixed32, kindSfixed32:
		return wireFixed32
	case kindString, kindBytes, kindMessage:
		return wireBytes
	}
	return wireVarint
}

// unpack splits a packed repeated field's bytes into values of kind k.
func unpack(k protoKind, data []byte) ([]wireValue, error) {
	var out []wireValue
	wt := wireTypeOf(k)
	for len(data) > 0 {
		v := wireValue{wt: wt}
		switch wt {
		case wireVarint:
			u, n := readVarint(data)
			if n < 0 {
				return nil, errWireTruncated
			}
			v.u, data = u, data[n:]
		case wireFixed64:
			if len(data) < 8 {
				return nil, errWireTruncated
			}
			v.u, data = binary.LittleEndian.Uint64(data), data[8:]
		case wireFixed32:
			if len(data) < 4 {
				return nil, errWireTruncated
			}
			v.u, data = uint64(binary.LittleEndian.Uint32(data)), data[4:]
		}
		out = append(out, v)
	}
	return out, nil
}

// appendScalar appends field num of kind k holding the number bits u
// (already zigzagged or float-encoded as the kind needs).
func appendScalar(b []byte, num int32, k protoKind, u uint64) []byte {
	switch wireTypeOf(k) {
	case wireFixed64:
		b = appendTag(b, int(num), wireFixed64)
		return binary.LittleEndian.AppendUint64(b, u)
	case wireFixed32:
		b = appendTag(b, int(num), wireFixed32)
		return binary.LittleEndian.AppendUint32(b, uint32(u))
	}
	b = appendTag(b, int(num), wireVarint)
	return appendVarint(b, u)
}

func float64Bits(f float64) uint64 { return math.Float64bits(f) }
func float32Bits(f float32) uint64 { return uint64(math.Float32bits(f)) }
