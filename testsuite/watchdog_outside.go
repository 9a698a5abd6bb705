package testsuite

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// waitsOutsideBubble reads a dump of every goroutine (allStacks) for the
// goroutines of synctest bubble bubble that run activity code
// (runActivityCode) and wait on something the bubble does not count as
// durably blocked, and describes each: "activity goroutine 35 [chan
// receive] at /src/gate_test.go:34". Inside a bubble such a wait is not
// durable (the runtime's dump marks the durable ones "(durable)"), so
// synctest.Wait, which the simulation calls at every instant, waits for
// it; only a goroutine outside the bubble can end it.
func waitsOutsideBubble(dump []byte, bubble uint32) []string {
	var out []string
	marker := []byte(bubbleMarker + strconv.FormatUint(uint64(bubble), 10) + "]")
	for g := range bytes.SplitSeq(dump, []byte("\n\n")) {
		header, frames, _ := bytes.Cut(g, []byte("\n"))
		if !bytes.Contains(header, marker) || !bytes.Contains(frames, []byte("testsuite.runActivityCode(")) {
			continue
		}
		start := bytes.IndexByte(header, '[')
		end := bytes.IndexAny(header[start+1:], ",]")
		if start < 0 || end < 0 {
			continue
		}
		state := string(header[start+1 : start+1+end])
		if !waitsNonDurably(state) {
			continue
		}
		id := header[len("goroutine "):start]
		out = append(out, fmt.Sprintf("activity goroutine %s[%s] at %s", id, state, firstUserFrame(frames)))
	}
	return out
}

// waitsNonDurably reports whether a goroutine of a bubble in the given
// state (its dump's, e.g. "chan receive") waits on something that does
// not durably block it. Running goroutines are not waiting, and the
// states synctest counts as durable say "(durable)" or are those of a
// sleep, a sync.Cond, a coroutine or a nil channel.
func waitsNonDurably(state string) bool {
	switch state {
	case "running", "runnable", "sleep", "sync.Cond.Wait", "coroutine",
		"select (no cases)", "chan receive (nil chan)", "chan send (nil chan)":
		return false
	}
	return !strings.HasSuffix(state, "(durable)")
}

// firstUserFrame returns the file:line of the first frame of a goroutine's
// dump (its frames, two lines each) outside the runtime and the standard
// library's synchronization: where the code waits.
func firstUserFrame(frames []byte) string {
	lines := bytes.Split(frames, []byte("\n"))
	for i := 0; i+1 < len(lines); i += 2 {
		fn := lines[i]
		if bytes.HasPrefix(fn, []byte("runtime.")) || bytes.HasPrefix(fn, []byte("sync.")) ||
			bytes.HasPrefix(fn, []byte("internal/")) || bytes.HasPrefix(fn, []byte("time.")) {
			continue
		}
		loc := bytes.TrimSpace(lines[i+1])
		if j := bytes.LastIndex(loc, []byte(" +0x")); j >= 0 {
			loc = loc[:j]
		}
		return string(loc)
	}
	return "?"
}
