package converter

import (
	"bytes"
	"encoding/base64"
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The text forms of the protobuf JSON mapping's scalars, as protojson
// reads them: numbers (quoted or not), map keys, base64, and the checks
// encoding/json does not make.

var errNotANumber = errors.New("not a number in range")

func parseProtoFloat(text string, quoted bool, k protoKind) (float64, error) {
	if quoted {
		switch text {
		case "NaN":
			return math.NaN(), nil
		case "Infinity":
			return math.Inf(1), nil
		case "-Infinity":
			return math.Inf(-1), nil
		}
		if !isJSONNumber(text) { // ParseFloat takes more: "0x1p3", "+1", "010"
			return 0, errNotANumber
		}
	}
	bits := 64
	if k == kindFloat {
		bits = 32
	}
	x, err := strconv.ParseFloat(text, bits)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, errNotANumber
	}
	return x, nil
}

// parseIntKind parses an integer of kind k, accepting integral decimal and
// exponent forms ("1e3", "2.0") as protojson does, and returns its wire
// bits (zigzagged for sint kinds).
func parseIntKind(k protoKind, text string) (uint64, error) {
	digits, err := integralText(text)
	if err != nil {
		return 0, err
	}
	return parseDecimalKind(k, digits)
}

// parseDecimalKind parses decimal digits (strconv's rules: a sign, leading
// zeros allowed, which protojson takes in map keys) as an integer of kind
// k and returns its wire bits (zigzagged for sint kinds).
func parseDecimalKind(k protoKind, digits string) (uint64, error) {
	signed := true
	bits := 64
	switch k {
	case kindInt32, kindSint32, kindSfixed32, kindEnum:
		bits = 32
	case kindUint32, kindFixed32:
		bits, signed = 32, false
	case kindUint64, kindFixed64:
		signed = false
	}
	if signed {
		n, err := strconv.ParseInt(digits, 10, bits)
		if err != nil {
			return 0, errNotANumber
		}
		switch k {
		case kindSint32, kindSint64:
			return zigzag(n), nil
		}
		return uint64(n), nil
	}
	n, err := strconv.ParseUint(digits, 10, bits)
	if err != nil {
		return 0, errNotANumber
	}
	return n, nil
}

// integralText returns text as plain decimal digits (with a sign), when it
// is a JSON number with an integral value.
func integralText(text string) (string, error) {
	if !isJSONNumber(text) { // a quoted number follows JSON's grammar too
		return "", errNotANumber
	}
	if !strings.ContainsAny(text, ".eE") {
		return text, nil
	}
	if i := strings.IndexAny(text, "eE"); i >= 0 {
		// Keep big.Rat from building huge powers of ten.
		exp, err := strconv.Atoi(text[i+1:])
		if err != nil || exp > 40 || exp < -40 {
			return "", errNotANumber
		}
	}
	if len(text) > 64 {
		return "", errNotANumber
	}
	r, ok := new(big.Rat).SetString(text)
	if !ok || !r.IsInt() {
		return "", errNotANumber
	}
	return r.Num().String(), nil
}

// isJSONNumber reports whether s is a number by JSON's grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isJSONNumber(s string) bool {
	i := 0
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i, n = i+1, n+1
		}
		return n
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	if i < len(s) && s[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// checkJSONText rejects what encoding/json would quietly replace by
// U+FFFD and protojson rejects: invalid UTF-8, and \u escapes of
// surrogates that do not pair. It runs on text that is otherwise valid
// JSON or rejected later, so it only looks inside strings.
func checkJSONText(data []byte) error {
	if !utf8.Valid(data) {
		return errors.New("invalid UTF-8")
	}
	if !bytes.Contains(data, []byte(`\u`)) {
		return nil
	}
	inString := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			inString = !inString
		case c == '\\' && inString && i+1 < len(data):
			i++
			if data[i] != 'u' {
				continue
			}
			r := hexRune(data[i+1:])
			switch {
			case r >= 0xdc00 && r <= 0xdfff:
				return errors.New("unpaired surrogate escape in string")
			case r >= 0xd800 && r <= 0xdbff:
				if i+6 >= len(data) || data[i+5] != '\\' || data[i+6] != 'u' {
					return errors.New("unpaired surrogate escape in string")
				}
				if lo := hexRune(data[i+7:]); lo < 0xdc00 || lo > 0xdfff {
					return errors.New("unpaired surrogate escape in string")
				}
				i += 6
			}
		}
	}
	return nil
}

// hexRune reads 4 hex digits; -1 when there are not.
func hexRune(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	n, err := strconv.ParseUint(string(b[:4]), 16, 16)
	if err != nil {
		return -1
	}
	return rune(n)
}

// decodeBase64 accepts standard and URL-safe base64, padded or not.
func decodeBase64(s string) ([]byte, error) {
	enc := base64.StdEncoding
	if strings.ContainsAny(s, "-_") {
		enc = base64.URLEncoding
	}
	if len(s)%4 != 0 {
		enc = enc.WithPadding(base64.NoPadding)
	}
	return enc.DecodeString(s)
}
