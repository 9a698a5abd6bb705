package workflow

import (
	"testing"

	"github.com/wfsim/wfsim/internal/coro"
)

// BenchmarkGetState measures finding the run from a cancelable context,
// which every blocking call and command does.
func BenchmarkGetState(b *testing.B) {
	s := &runState{d: new(coro.Dispatcher)}
	var ctx Context = &cancelContext{Context: &rootContext{state: s}, state: s}
	for b.Loop() {
		if getState(ctx) != s {
			b.Fatal("wrong state")
		}
	}
}
