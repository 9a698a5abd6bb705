package smallmap

import (
	"strconv"
	"testing"

	"pgregory.net/rapid"
)

// TestMapIsAMap checks Map against a Go map under any sequence of sets and
// removes, across its move from array to map.
func TestMapIsAMap(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		var m Map[int64, string]
		want := map[int64]string{}
		for i := range rapid.IntRange(0, 60).Draw(t, "ops") {
			k := rapid.Int64Range(0, 20).Draw(t, "key")
			if rapid.Bool().Draw(t, "set") {
				v := strconv.Itoa(i)
				m.Set(k, v)
				want[k] = v
			} else {
				m.Remove(k)
				delete(want, k)
			}
			for k := range int64(21) {
				got, ok := m.Get(k)
				w, wok := want[k]
				if got != w || ok != wok {
					t.Fatalf("Get(%d) = %q, %v; want %q, %v", k, got, ok, w, wok)
				}
			}
		}
	})
}
