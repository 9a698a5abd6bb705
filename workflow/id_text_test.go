package workflow

import (
	"math"
	"strconv"
	"testing"
)

// IDs written into the shared buffer keep their text after the buffer
// fills and a new one starts.
func TestIDTextKeepsEveryID(t *testing.T) {
	t.Parallel()
	var ids idText
	got := make([]string, 0, 5000)
	for n := int64(100); n < 5100; n++ {
		got = append(got, ids.format(n))
	}
	got = append(got, ids.format(-12345), ids.format(1<<62), ids.format(0), ids.format(9), ids.format(10), ids.format(math.MaxInt64))
	want := make([]string, 0, len(got))
	for n := int64(100); n < 5100; n++ {
		want = append(want, strconv.FormatInt(n, 10))
	}
	want = append(want, "-12345", strconv.FormatInt(1<<62, 10), "0", "9", "10", strconv.FormatInt(math.MaxInt64, 10))
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("ID %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestIDTextAllocatesPerBufferNotPerID(t *testing.T) {
	var ids idText
	n := int64(1000)
	allocs := testing.AllocsPerRun(1000, func() {
		_ = ids.format(n)
		n++
	})
	if allocs > 0.1 {
		t.Errorf("format allocates %v times per ID, want one buffer per dozens of IDs", allocs)
	}
}
