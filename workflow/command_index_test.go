package workflow

import (
	"strconv"
	"testing"

	"pgregory.net/rapid"

	"github.com/wfsim/wfsim/internal/run"
)

// TestCommandIndexIsAMap checks commandIndex against a Go map keyed by kind
// and ID, across its move from array to hash table and the table's growth.
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
		for range rapid.IntRange(0, 200).Draw(t, "ops") {
			k := key{rapid.SampledFrom(kinds).Draw(t, "kind"), strconv.Itoa(rapid.IntRange(0, 40).Draw(t, "id"))}
			switch rapid.IntRange(0, 2).Draw(t, "op") {
			case 0:
				c := &command{k: uint8(k.kind), ID: k.id}
				x.set(c)
				want[k] = c
			case 1: // add keeps what is indexed
				c := &command{k: uint8(k.kind), ID: k.id}
				if got := x.add(c); got != want[k] {
					t.Fatalf("add(%v, %s) = %p, want %p", k.kind, k.id, got, want[k])
				}
				if want[k] == nil {
					want[k] = c
				}
			default:
				x.remove(k.kind, k.id)
				delete(want, k)
			}
			for _, kind := range kinds {
				for id := range 41 {
					k := key{kind, strconv.Itoa(id)}
					if got := x.get(k.kind, k.id); got != want[k] {
						t.Fatalf("get(%v, %s) = %p, want %p", k.kind, k.id, got, want[k])
					}
				}
			}
		}
	})
}

// TestCommandIndexByEventIsAMap checks an index by predicted event ID
// against a Go map, through several growths of its table and removals.
func TestCommandIndexByEventIsAMap(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		var x activityIndex
		want := map[int64]*command{}
		keys := rapid.IntRange(1, 300).Draw(t, "keys")
		for range rapid.IntRange(0, 400).Draw(t, "ops") {
			n := int64(rapid.IntRange(0, keys).Draw(t, "n"))
			if rapid.IntRange(0, 2).Draw(t, "op") > 0 {
				c := &command{k: uint8(run.CommandScheduleActivity), ID: strconv.Itoa(int(n)), n: n}
				x.set(c)
				want[n] = c
			} else {
				x.remove(n)
				delete(want, n)
			}
		}
		for n := range int64(keys + 1) {
			if got := x.get(n); got != want[n] {
				t.Fatalf("get(%d) = %p, want %p", n, got, want[n])
			}
		}
	})
}
