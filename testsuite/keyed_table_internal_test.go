package testsuite

import (
	"slices"
	"testing"
)

type tkv struct{ k int }

func (v *tkv) tableKey() int { return v.k }

// TestKeyedTableMixedOrder puts values in and out of increasing key order,
// replaces and removes them, and checks the table against a plain map.
func TestKeyedTableMixedOrder(t *testing.T) {
	var tb keyedTable[int, *tkv]
	want := map[int]*tkv{}
	check := func(step string) {
		t.Helper()
		if tb.len() != len(want) {
			t.Fatalf("%s: len %d, want %d", step, tb.len(), len(want))
		}
		var keys []int
		for k, v := range want {
			keys = append(keys, k)
			if got := tb.get(k); got != v {
				t.Fatalf("%s: get(%d) = %v, want %v", step, k, got, v)
			}
		}
		slices.Sort(keys)
		if got := tb.keys(); !slices.Equal(got, keys) && len(keys) > 0 {
			t.Fatalf("%s: keys %v, want %v", step, got, keys)
		}
		vs := tb.sorted()
		for i, v := range vs {
			if v.k != keys[i] || want[v.k] != v {
				t.Fatalf("%s: sorted[%d] = %v", step, i, v)
			}
		}
	}
	put := func(k int) *tkv {
		v := &tkv{k}
		tb.put(v)
		want[k] = v
		check("put")
		return v
	}
	del := func(v *tkv) {
		tb.remove(v)
		if want[v.k] == v {
			delete(want, v.k)
		}
		check("remove")
	}
	a := put(1)
	b := put(2)
	c := put(3)
	put(5)
	put(4) // out of order: the map
	put(2) // replaces b in the slice
	del(b) // no longer held: nothing happens
	del(a)
	del(c)
	x := put(3) // below the slice's last
	del(want[5])
	put(3) // replaces x in the map, though now above the slice's last
	del(x)
	for k := 10; k < 40; k++ {
		put(k)
	}
	for k := 10; k < 40; k += 3 {
		del(want[k])
	}
	for k := range 40 {
		if v := want[k]; v != nil {
			del(v)
		}
	}
	put(7)
	put(6)
	check("end")
}
