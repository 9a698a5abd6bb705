package testsuite

import (
	"runtime/metrics"
	"testing"
)

// TestYieldReadsARuntimeMetric guards the metric's name: under a name the
// runtime does not know, yield would read nothing and never yield.
func TestYieldReadsARuntimeMetric(t *testing.T) {
	t.Parallel()
	s := []metrics.Sample{{Name: runningGoroutines}}
	metrics.Read(s)
	if k := s[0].Value.Kind(); k != metrics.KindUint64 {
		t.Fatalf("metric %q has kind %v, want KindUint64", runningGoroutines, k)
	}
	if s[0].Value.Uint64() < 1 {
		t.Errorf("metric %q = %d while this test runs, want ≥ 1", runningGoroutines, s[0].Value.Uint64())
	}
}

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
