package activity_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/wfsim/wfsim/activity"
)

func TestErrActivityPausedAndReset(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		err   error
		text  string
		other error
	}{
		{"paused", activity.ErrActivityPaused, "activity paused", activity.ErrActivityReset},
		{"reset", activity.ErrActivityReset, "activity reset", activity.ErrActivityPaused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.err.Error(); got != tt.text {
				t.Errorf("Error() = %q, want Temporal's text %q", got, tt.text)
			}
			wrapped := fmt.Errorf("charge: %w", tt.err)
			if !errors.Is(wrapped, tt.err) {
				t.Error("errors.Is does not find it through %w")
			}
			if errors.Is(wrapped, tt.other) || errors.Is(wrapped, activity.ErrResultPending) {
				t.Error("errors.Is matches another of the package's errors")
			}
		})
	}
}
