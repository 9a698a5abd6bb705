package testsuite

import (
	"reflect"
	"slices"
	"testing"
)

// TestLateAttemptKnowsThePlan fails when a field is added to plan: a
// lateAttempt carries every field runPlan may read (all but after and
// timed, which execute reads before it waits); carry the new one too, then
// add it here.
func TestLateAttemptKnowsThePlan(t *testing.T) {
	t.Parallel()
	var got []string
	pt := reflect.TypeFor[plan]()
	for i := range pt.NumField() {
		got = append(got, pt.Field(i).Name)
	}
	if want := []string{"o", "call", "direct", "after", "timed", "aside"}; !slices.Equal(got, want) {
		t.Errorf("plan has fields %v; lateAttempt knows %v", got, want)
	}
}
