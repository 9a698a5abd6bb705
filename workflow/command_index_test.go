package workflow

import (
	"strconv"
	"testing"

	"pgregory.net/rapid"

	"github.com/wfsim/wfsim/internal/run"
)

// TestCommandIndexIsAMap checks commandIndex against a Go map keyed by kind
// and ID, across its move from array to per-kind maps.
func TestCommandIndexIsAMap(t *testing.T) {
	t.Parallel()
	type key struct {
		kind run.CommandKind
		id   string
	}
	kinds := []run.CommandKind{run.CommandStartTimer, run.CommandScheduleActivity, run.CommandRecordMarker}
	rapid.Check(t, func(t *rapid.T) {
		var x commandIndex
		want := map[key]*command{}
		for range rapid.IntRange(0, 60).Draw(t, "ops") {
			k := key{rapid.SampledFrom(kinds).Draw(t, "kind"), strconv.Itoa(rapid.IntRange(0, 12).Draw(t, "id"))}
			if rapid.Bool().Draw(t, "set") {
				c := &command{kind: k.kind, ID: k.id}
				x.set(c)
				want[k] = c
			} else {
				x.remove(k.kind, k.id)
				delete(want, k)
			}
			for _, kind := range kinds {
				for id := range 13 {
					k := key{kind, strconv.Itoa(id)}
					if got := x.get(k.kind, k.id); got != want[k] {
						t.Fatalf("get(%v, %s) = %p, want %p", k.kind, k.id, got, want[k])
					}
				}
			}
		}
	})
}
