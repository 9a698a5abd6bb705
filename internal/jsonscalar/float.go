package jsonscalar

import (
	"math"
	"strconv"
)

// AppendFloat appends f, a double (bits 64) or a float (bits 32), as
// protojson does: the shortest decimal that reads back the same, with an
// exponent only below 1e-6 or from 1e21 in magnitude, written with no
// leading zero (1e-7, as ECMAScript writes it); NaN and the infinities as
// the strings "NaN", "Infinity" and "-Infinity".
func AppendFloat(b []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(b, `"Infinity"`...)
	case math.IsInf(f, -1):
		return append(b, `"-Infinity"`...)
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 {
		if bits == 64 && (a < 1e-6 || a >= 1e21) || bits == 32 && (float32(a) < 1e-6 || float32(a) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
