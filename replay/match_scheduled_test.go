package replay

import (
	"strconv"
	"testing"
)

// TestScheduledActivitiesActLikeAMap checks the activity map the walk keeps
// against a plain map, below and past the entries it keeps in place.
func TestScheduledActivitiesActLikeAMap(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 7, 8, 9, 30} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			t.Parallel()
			var s scheduledActivities
			want := map[string]int64{}
			for i := range n {
				id := strconv.Itoa(i % max(1, n/2+1)) // repeats: a later event replaces
				s.set(id, int64(i+1))
				want[id] = int64(i + 1)
			}
			for i := range n + 2 {
				id := strconv.Itoa(i)
				if got := s.get(id); got != want[id] {
					t.Errorf("get(%q) = %d, want %d", id, got, want[id])
				}
			}
		})
	}
}
