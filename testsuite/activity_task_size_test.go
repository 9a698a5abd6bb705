package testsuite

import (
	"reflect"
	"testing"
)

// TestActivityTaskSizeClass keeps the activity task, made for every
// activity, in the allocator's 240-byte size class (see activityTask).
func TestActivityTaskSizeClass(t *testing.T) {
	t.Parallel()
	if n := reflect.TypeFor[activityTask]().Size(); n > 240 {
		t.Errorf("activityTask is %d bytes, over its 240-byte size class", n)
	}
}
