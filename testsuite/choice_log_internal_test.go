package testsuite

import (
	"strconv"
	"testing"
)

// TestChoiceLogKeepsOrder checks the chunked list of choices against a
// plain slice, around the chunk size.
func TestChoiceLogKeepsOrder(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, choiceChunkSize - 1, choiceChunkSize, choiceChunkSize + 1, 3*choiceChunkSize + 5} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			t.Parallel()
			var l choiceLog
			var want []Choice
			for i := range n {
				c := Choice{Kind: ChoiceTie, Among: i + 2, Picked: i}
				l.add(c)
				want = append(want, c)
			}
			got := l.all()
			if (got == nil) != (want == nil) || len(got) != len(want) {
				t.Fatalf("all() = %d choices (nil: %v), want %d (nil: %v)", len(got), got == nil, len(want), want == nil)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("choice %d = %+v, want %+v", i, got[i], want[i])
				}
			}
		})
	}
}
