package converter

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/wfsim/wfsim/internal/protoname"
)

func (d *protoJSONDecoder) wellKnown(s *protoSchema, tok json.Token) ([]byte, error) {
	switch s.wkt {
	case wktTimestamp:
		str, ok := tok.(string)
		if !ok {
			return nil, unexpected(s, nil, tok, "an RFC 3339 timestamp string")
		}
		sec, nanos, err := parseTimestamp(str)
		if err != nil {
			return nil, fieldErr(s, nil, fmt.Errorf("invalid timestamp %s: %w", describe(tok), err))
		}
		return appendSecondsNanos(nil, sec, nanos), nil
	case wktDuration:
		str, ok := tok.(string)
		if !ok {
			return nil, unexpected(s, nil, tok, `a duration string such as "1.5s"`)
		}
		sec, nanos, err := parseDuration(str)
		if err != nil {
			return nil, fieldErr(s, nil, fmt.Errorf("invalid duration %s: %w", describe(tok), err))
		}
		return appendSecondsNanos(nil, sec, nanos), nil
	case wktWrapper:
		if tok == nil {
			return nil, unexpected(s, nil, tok, "a value")
		}
		return d.singular(nil, s, s.byNum[1], tok)
	case wktStruct:
		return d.mapValue(nil, s, s.byNum[1], tok)
	case wktListValue:
		return d.listValue(nil, s, s.byNum[1], tok)
	case wktValue:
		var f *protoField
		switch tok.(type) {
		case nil:
			return appendScalar(nil, 1, kindEnum, 0), nil
		case json.Number:
			f = s.byNum[2]
		case string:
			f = s.byNum[3]
		case bool:
			f = s.byNum[4]
		case json.Delim:
			switch tok {
			case json.Delim('{'):
				f = s.byNum[5]
			case json.Delim('['):
				f = s.byNum[6]
			default:
				return nil, unexpected(s, nil, tok, "a JSON value")
			}
		}
		return d.singular(nil, s, f, tok)
	case wktFieldMask:
		str, ok := tok.(string)
		if !ok {
			return nil, unexpected(s, nil, tok, "a field mask string")
		}
		var out []byte
		if str == "" {
			return out, nil
		}
		for _, p := range strings.Split(str, ",") {
			if strings.Contains(p, "_") {
				return nil, fieldErr(s, s.byNum[1], fmt.Errorf("invalid path %q: want lowerCamelCase", p))
			}
			out = appendLenBytes(out, 1, []byte(protoname.Snake(p)))
		}
		return out, nil
	case wktAny:
		return nil, fieldErr(s, nil, errors.New("google.protobuf.Any is read only as a message field"))
	}
	return nil, fieldErr(s, nil, errors.New("unknown well-known type"))
}

func appendSecondsNanos(b []byte, sec int64, nanos int32) []byte {
	if sec != 0 {
		b = appendScalar(b, 1, kindInt64, uint64(sec))
	}
	if nanos != 0 {
		b = appendScalar(b, 2, kindInt32, uint64(int64(nanos)))
	}
	return b
}

func parseTimestamp(s string) (int64, int32, error) {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		n := 0
		for j := i + 1; j < len(s) && s[j] >= '0' && s[j] <= '9'; j++ {
			n++
		}
		if n == 0 || n > 9 {
			return 0, 0, errors.New("want 1 to 9 fractional digits")
		}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return 0, 0, errors.New("not RFC 3339")
	}
	sec := t.Unix()
	if sec < minTimestampSeconds || sec > maxTimestampSeconds {
		return 0, 0, errors.New("out of range")
	}
	return sec, int32(t.Nanosecond()), nil
}

// parseDuration reads protojson's duration form: an optional sign, whole
// seconds without leading zeros (may be left out before a fraction), up
// to 9 fractional digits (a bare "." too), and "s".
func parseDuration(s string) (int64, int32, error) {
	bad := errors.New(`want [-]seconds[.fraction]s`)
	body, ok := strings.CutSuffix(s, "s")
	if !ok || body == "" {
		return 0, 0, bad
	}
	neg := false
	switch body[0] {
	case '-':
		neg, body = true, body[1:]
	case '+':
		body = body[1:]
	}
	whole, frac, hasFrac := strings.Cut(body, ".")
	if (whole == "" && !hasFrac) || (len(whole) > 1 && whole[0] == '0') || !allDigits(whole) ||
		len(frac) > 9 || !allDigits(frac) {
		return 0, 0, bad
	}
	var sec int64
	if whole != "" {
		var err error
		if sec, err = strconv.ParseInt(whole, 10, 64); err != nil || sec > maxDurationSeconds {
			return 0, 0, errors.New("out of range")
		}
	}
	var nanos int64
	if frac != "" {
		nanos, _ = strconv.ParseInt(frac+strings.Repeat("0", 9-len(frac)), 10, 32)
	}
	if neg {
		sec, nanos = -sec, -nanos
	}
	return sec, int32(nanos), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
