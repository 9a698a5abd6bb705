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

// TestRunMemorySizeClass keeps the allocation of the run under test (the
// run, its link and its firsts: see newRunMemory) in the allocator's
// 1536-byte size class, less the 8-byte header of an object with pointers:
// every ExecuteWorkflow makes one. Its room for a short history's events
// (workflowRun.firstEvents) is what the class leaves.
func TestRunMemorySizeClass(t *testing.T) {
	t.Parallel()
	n := reflect.TypeFor[struct {
		r workflowRun
		l runLink
		f runFirsts
	}]().Size()
	if n > 1536-8 {
		t.Errorf("the run's allocation is %d bytes, over its 1536-byte size class", n)
	}
}

// TestLateAttemptSizeClass keeps an attempt that waits a latency in the
// allocator's 80-byte size class: an explored run makes one per attempt.
func TestLateAttemptSizeClass(t *testing.T) {
	t.Parallel()
	if n := reflect.TypeFor[lateAttempt]().Size(); n > 80 {
		t.Errorf("a late attempt is %d bytes, over its 80-byte size class", n)
	}
}

// TestExplorationSizeClass keeps an explored run's exploration in the
// allocator's 256-byte size class.
func TestExplorationSizeClass(t *testing.T) {
	t.Parallel()
	if n := reflect.TypeFor[exploration]().Size(); n > 256 {
		t.Errorf("the exploration is %d bytes, over its 256-byte size class", n)
	}
}
