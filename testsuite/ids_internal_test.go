package testsuite

import (
	"strconv"
	"testing"
)

// TestCountUpMatchesFormatting: counting decimal digits up in place gives
// what formatting each number gives, across every carry up to six digits.
func TestCountUpMatchesFormatting(t *testing.T) {
	t.Parallel()
	var digits [20]byte
	d := append(digits[:0], '0')
	for n := 1; n <= 1_000_000; n++ {
		d = countUp(d)
		if string(d) != strconv.Itoa(n) {
			t.Fatalf("after %d: got %q", n-1, d)
		}
	}
}

// TestRequestIDsAreNumberedInOrder: the request IDs of batches, however
// they are cut, are request-1, request-2, … with no gap.
func TestRequestIDsAreNumberedInOrder(t *testing.T) {
	t.Parallel()
	e := &environment{}
	for n := int64(1); n <= 2000; n++ {
		id := e.nextRequestID()
		if want := "request-" + strconv.FormatInt(n, 10); id != want {
			t.Fatalf("got %q, want %q", id, want)
		}
	}
}
