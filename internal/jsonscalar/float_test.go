package jsonscalar_test

import (
	"math"
	"testing"

	"github.com/wfsim/wfsim/internal/jsonscalar"
)

func TestAppendFloat(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		f    float64
		bits int
		want string
	}{
		{"zero", 0, 64, "0"},
		{"integral", 2, 64, "2"},
		{"fraction", 0.5, 64, "0.5"},
		{"small stays plain", 1e-6, 64, "0.000001"},
		{"smaller takes an exponent without a leading zero", 1e-7, 64, "1e-7"},
		{"two-digit exponent", 1.5e-10, 64, "1.5e-10"},
		{"large", 1e21, 64, "1e+21"},
		{"below large", 1e20, 64, "100000000000000000000"},
		{"float32 shortest", float64(float32(0.1)), 32, "0.1"},
		{"negative", -3.25, 64, "-3.25"},
		{"NaN", math.NaN(), 64, `"NaN"`},
		{"Infinity", math.Inf(1), 64, `"Infinity"`},
		{"-Infinity", math.Inf(-1), 32, `"-Infinity"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := string(jsonscalar.AppendFloat(nil, tt.f, tt.bits)); got != tt.want {
				t.Errorf("AppendFloat(%v, %d) = %s, want %s", tt.f, tt.bits, got, tt.want)
			}
		})
	}
}
