package testsuite

import (
	"reflect"
	"testing"
)

// TestEnvironmentSizeClass keeps the allocation every test makes for its
// environment (the handle, the environment and its registry: see
// newEnvironment) in the allocator's 1152-byte size class, less the 8-byte
// header of an object with pointers: a few bytes more cost every test 128.
func TestEnvironmentSizeClass(t *testing.T) {
	t.Parallel()
	n := reflect.TypeFor[TestWorkflowEnvironment]().Size() + reflect.TypeFor[environment]().Size() + reflect.TypeFor[registry]().Size()
	if n > 1152-8 {
		t.Errorf("the environment's allocation is %d bytes, over its 1152-byte size class", n)
	}
}
