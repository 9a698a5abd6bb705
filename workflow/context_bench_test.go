package workflow

import (
	"testing"
)

// BenchmarkGetState measures finding the run from a cancelable context,
// which every blocking call and command does.
func BenchmarkGetState(b *testing.B) {
	s := new(runState)
	var ctx Context = &cancelContext{Context: &rootContext{state: s}, state: s}
	for b.Loop() {
		if getState(ctx) != s {
			b.Fatal("wrong state")
		}
	}
}
