package wfsim_test

import (
	"errors"
	"testing"

	"github.com/wfsim/wfsim"
)

func TestArgumentErrorText(t *testing.T) {
	t.Parallel()
	cause := errors.New("bad json")
	tests := []struct {
		name string
		err  *wfsim.ArgumentError
		want string
	}{
		{"type", &wfsim.ArgumentError{Kind: "activity", Name: "Charge", Position: 2, Expected: "int", Got: "string"},
			`activity "Charge": argument 2: the function takes int, got string`},
		{"count", &wfsim.ArgumentError{Kind: "activity", Name: "Charge", WantCount: 2, GotCount: 3},
			`activity "Charge": takes 2 arguments, got 3`},
		{"count of one", &wfsim.ArgumentError{Kind: "workflow", Name: "Order", WantCount: 1, GotCount: 0},
			`workflow "Order": takes 1 argument, got 0`},
		{"with cause", &wfsim.ArgumentError{Kind: "signal", Name: "approve", Position: 1, Expected: "bool", Got: `json/plain "x"`, Err: cause},
			`signal "approve": argument 1: the function takes bool, got json/plain "x": bad json`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			check(t, "Error", tt.err.Error(), tt.want)
			if tt.err.Err != nil && !errors.Is(tt.err, cause) {
				t.Error("errors.Is(err, cause) = false")
			}
		})
	}
}
