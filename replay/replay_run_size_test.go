package replay

import (
	"reflect"
	"testing"

	"github.com/wfsim/wfsim/internal/run"
)

// TestReplayRunSizeClass keeps what a replay with a WorkflowReplayer
// allocates for its state in the allocator's size classes it fills:
// replayRun in the 512-byte one (no header up to 512 bytes), and its task
// source with the event it translates into (newTaskSource) in the
// 288-byte one. (The test environment's replay check keeps replayRun on
// its stack and translates into the run's dead buffer.) A few bytes more
// cost every replay 64 or 32.
func TestReplayRunSizeClass(t *testing.T) {
	t.Parallel()
	if n := reflect.TypeFor[replayRun]().Size(); n > 512 {
		t.Errorf("replayRun is %d bytes, over its 512-byte size class", n)
	}
	if n := reflect.TypeFor[taskSource]().Size() + reflect.TypeFor[run.Event]().Size(); n > 288 {
		t.Errorf("a task source with its event is %d bytes, over its 288-byte size class", n)
	}
}
