package replay

import (
	"reflect"
	"testing"
)

// TestReplayRunSizeClass keeps the allocations a replay with a
// WorkflowReplayer makes for its state within the 768 bytes of the one it
// used to make: replayRun in the allocator's 512-byte size class (no
// header up to 512 bytes), its taskSource, kept apart so that the test
// environment's replay check holds replayRun on its stack, in the
// 256-byte one. A few bytes more cost every replay 128 or 64.
func TestReplayRunSizeClass(t *testing.T) {
	t.Parallel()
	if n := reflect.TypeFor[replayRun]().Size(); n > 512 {
		t.Errorf("replayRun is %d bytes, over its 512-byte size class", n)
	}
	if n := reflect.TypeFor[taskSource]().Size(); n > 256 {
		t.Errorf("taskSource is %d bytes, over its 256-byte size class", n)
	}
}
