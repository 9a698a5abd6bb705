package replay

import (
	"reflect"
	"testing"
)

// TestReplayRunSizeClass keeps the allocation every replay makes (a
// testsuite's replay check after each run included) in the allocator's
// 768-byte size class, less the 8-byte header of an object with pointers:
// a few bytes more cost every replay 128.
func TestReplayRunSizeClass(t *testing.T) {
	t.Parallel()
	if n := reflect.TypeFor[replayRun]().Size(); n > 768-8 {
		t.Errorf("replayRun is %d bytes, over its 768-byte size class", n)
	}
}
