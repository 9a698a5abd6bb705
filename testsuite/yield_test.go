package testsuite

import "testing"

// TestYieldLooksEvery256Events checks that the loop's look moves with
// the event count's second byte.
func TestYieldLooksEvery256Events(t *testing.T) {
	t.Parallel()
	var e environment
	for _, c := range []struct {
		seq  int64
		mark uint8
	}{{0, 0}, {255, 0}, {256, 1}, {300, 1}, {512, 2}, {256 * 256, 0}} {
		e.taskSeq = c.seq
		e.yield()
		if e.yieldMark != c.mark {
			t.Errorf("after %d events the mark is %d, want %d", c.seq, e.yieldMark, c.mark)
		}
	}
}
