package testsuite

import (
	"reflect"
	"testing"
)

// TestActivityTaskSizeClass keeps the activity task, made for every
// activity, in the allocator's 256-byte size class (see activityTask).
func TestActivityTaskSizeClass(t *testing.T) {
	t.Parallel()
	if n := reflect.TypeFor[activityTask]().Size(); n > 256 {
		t.Errorf("activityTask is %d bytes, over its 256-byte size class", n)
	}
}
