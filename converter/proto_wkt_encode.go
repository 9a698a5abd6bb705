package converter

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/wfsim/wfsim/internal/protoname"
)

// wellKnown names the google.protobuf messages whose JSON form is special.
type wellKnown int8

const (
	wktNone wellKnown = iota
	wktAny
	wktTimestamp
	wktDuration
	wktWrapper
	wktStruct
	wktValue
	wktListValue
	wktFieldMask
)

// wellKnownByName is constant data: never written after init.
var wellKnownByName = map[string]wellKnown{
	"google.protobuf.Any":         wktAny,
	"google.protobuf.Timestamp":   wktTimestamp,
	"google.protobuf.Duration":    wktDuration,
	"google.protobuf.DoubleValue": wktWrapper,
	"google.protobuf.FloatValue":  wktWrapper,
	"google.protobuf.Int64Value":  wktWrapper,
	"google.protobuf.UInt64Value": wktWrapper,
	"google.protobuf.Int32Value":  wktWrapper,
	"google.protobuf.UInt32Value": wktWrapper,
	"google.protobuf.BoolValue":   wktWrapper,
	"google.protobuf.StringValue": wktWrapper,
	"google.protobuf.BytesValue":  wktWrapper,
	"google.protobuf.Struct":      wktStruct,
	"google.protobuf.Value":       wktValue,
	"google.protobuf.ListValue":   wktListValue,
	"google.protobuf.FieldMask":   wktFieldMask,
}

// The ranges protojson accepts: years 1 to 9999, and ±10000 years.
const (
	minTimestampSeconds = -62135596800
	maxTimestampSeconds = 253402300799
	maxDurationSeconds  = 315576000000
)

func (e *protoJSONEncoder) wellKnown(b []byte, s *protoSchema, data []byte) ([]byte, error) {
	seen, err := collectFields(s, data)
	if err != nil {
		return nil, err
	}
	last := func(num int32) (wireValue, bool) {
		occ := seen[num]
		if len(occ) == 0 {
			return wireValue{}, false
		}
		return occ[len(occ)-1], true
	}
	secNanos := func() (int64, int32) {
		sec, _ := last(1)
		nanos, _ := last(2)
		return int64(sec.u), int32(nanos.u)
	}
	switch s.wkt {
	case wktTimestamp:
		sec, nanos := secNanos()
		if sec < minTimestampSeconds || sec > maxTimestampSeconds || nanos < 0 || nanos >= 1e9 {
			return nil, fieldErr(s, nil, fmt.Errorf("seconds %d, nanos %d out of range", sec, nanos))
		}
		t := time.Unix(sec, int64(nanos)).UTC()
		b = append(b, '"')
		b = t.AppendFormat(b, "2006-01-02T15:04:05")
		b = appendFraction(b, nanos)
		return append(b, 'Z', '"'), nil
	case wktDuration:
		sec, nanos := secNanos()
		if sec < -maxDurationSeconds || sec > maxDurationSeconds || nanos <= -1e9 || nanos >= 1e9 ||
			(sec > 0 && nanos < 0) || (sec < 0 && nanos > 0) {
			return nil, fieldErr(s, nil, fmt.Errorf("seconds %d, nanos %d out of range", sec, nanos))
		}
		b = append(b, '"')
		if sec < 0 || nanos < 0 {
			b = append(b, '-')
		}
		b = strconv.AppendUint(b, uint64(absInt64(sec)), 10)
		b = appendFraction(b, int32(absInt64(int64(nanos))))
		return append(b, 's', '"'), nil
	case wktWrapper:
		f := s.byNum[1]
		v, ok := last(1)
		if !ok {
			return e.unpopulated(b, f), nil
		}
		return e.scalar(b, s, f, v)
	case wktStruct:
		f := s.byNum[1]
		if len(seen[1]) == 0 {
			return append(b, "{}"...), nil
		}
		return e.mapField(b, s, f, seen[1])
	case wktListValue:
		if len(seen[1]) == 0 {
			return append(b, "[]"...), nil
		}
		return e.field(b, s, s.byNum[1], seen[1])
	case wktValue:
		return e.value(b, s, data)
	case wktFieldMask:
		b = append(b, '"')
		for i, v := range seen[1] {
			p := string(v.data)
			cc := protoname.LowerCamel(p)
			if protoname.Snake(cc) != p {
				return nil, fieldErr(s, s.byNum[1], fmt.Errorf("path %q cannot be written in lowerCamelCase", p))
			}
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, cc...)
		}
		return append(b, '"'), nil
	case wktAny:
		return e.anyMessage(b, s, seen)
	}
	return nil, fieldErr(s, nil, errors.New("unknown well-known type"))
}

// value writes a google.protobuf.Value: the member of its kind oneof set
// last.
func (e *protoJSONEncoder) value(b []byte, s *protoSchema, data []byte) ([]byte, error) {
	var kind *protoField
	var kv wireValue
	err := readWire(data, func(num int32, v wireValue) error {
		if f := s.byNum[num]; f != nil && f.fits(v.wt) {
			if kind == f && f.kind == kindMessage {
				v = mergeOccurrences([]wireValue{kv, v})
			}
			kind, kv = f, v
		}
		return nil
	})
	if err != nil {
		return nil, fieldErr(s, nil, err)
	}
	if kind == nil {
		return nil, fieldErr(s, nil, errors.New("none of the oneof fields is set"))
	}
	if kind.kind == kindDouble {
		if f := math.Float64frombits(kv.u); math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fieldErr(s, kind, fmt.Errorf("%v is not a JSON number", f))
		}
	}
	return e.scalar(b, s, kind, kv)
}

// appendFraction writes nanoseconds as 0, 3, 6 or 9 fractional digits.
func appendFraction(b []byte, nanos int32) []byte {
	if nanos == 0 {
		return b
	}
	digits := fmt.Sprintf("%09d", nanos)
	for strings.HasSuffix(digits, "000") {
		digits = digits[:len(digits)-3]
	}
	return append(append(b, '.'), digits...)
}

func absInt64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
