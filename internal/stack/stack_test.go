package stack_test

import (
	"strings"
	"testing"

	"github.com/wfsim/wfsim/internal/stack"
)

func TestStable(t *testing.T) {
	t.Parallel()
	in := "goroutine 19 [running]:\n" +
		"runtime/debug.Stack()\n" +
		"\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e\n" +
		"panic({0xb7a6c0?, 0x126f4b0?})\n" +
		"\t/usr/local/go/src/runtime/panic.go:860 +0x13a\n" +
		"example.com/p.(*direct[...]).call(0xeafff3aff?)\n" +
		"\t/src/p/direct.go:123 +0xa2\n" +
		"created by iter.Pull[...] in goroutine 19\n" +
		"\t/usr/local/go/src/iter/iter.go:271 +0x90\n"
	want := "goroutine [running]:\n" +
		"runtime/debug.Stack(...)\n" +
		"\t/usr/local/go/src/runtime/debug/stack.go:26\n" +
		"panic(...)\n" +
		"\t/usr/local/go/src/runtime/panic.go:860\n" +
		"example.com/p.(*direct[...]).call(...)\n" +
		"\t/src/p/direct.go:123\n" +
		"created by iter.Pull[...]\n" +
		"\t/usr/local/go/src/iter/iter.go:271\n"
	if got := stack.Stable(in); got != want {
		t.Errorf("Stable:\n%s\nwant:\n%s", got, want)
	}
}

// TestTraceIsTheSameEachTime takes the trace of one call site from two
// goroutines with different arguments: only what runs differs, never the
// numbers of goroutines or the argument words.
func TestTraceIsTheSameEachTime(t *testing.T) {
	t.Parallel()
	traces := make(chan string, 2)
	for _, p := range []*int{new(int), new(int)} {
		go func() { traces <- traceFrom(p) }()
	}
	a, b := <-traces, <-traces
	if a != b {
		t.Errorf("two traces of one call site differ:\n%s\n----\n%s", a, b)
	}
	if !strings.Contains(a, "stack_test.traceFrom(...)") {
		t.Errorf("trace lacks its frame:\n%s", a)
	}
	if strings.Contains(a, " +0x") {
		t.Errorf("trace keeps PC offsets, which differ between builds:\n%s", a)
	}
}

//go:noinline
func traceFrom(p *int) string {
	*p++
	return stack.Trace()
}
