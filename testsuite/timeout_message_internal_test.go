package testsuite

import (
	"testing"

	"github.com/wfsim/wfsim"
)

// TestTimeoutMessageNamesTheTimeout checks timeoutMessage's constants
// against the message they stand for, for every timeout type and one
// beyond.
func TestTimeoutMessageNamesTheTimeout(t *testing.T) {
	t.Parallel()
	for tt := wfsim.TimeoutTypeUnspecified; tt <= wfsim.TimeoutTypeHeartbeat+1; tt++ {
		if got, want := timeoutMessage(tt), "activity "+tt.String()+" timeout"; got != want {
			t.Errorf("timeoutMessage(%v) = %q, want %q", tt, got, want)
		}
	}
}
