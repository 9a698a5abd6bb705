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

// TestKeyedTableReserve checks that reserve makes room for the values put
// after it in increasing key order, so that putting them moves nothing,
// and that it allocates nothing when the table's own room suffices.
func TestKeyedTableReserve(t *testing.T) {
	var small keyedTable[int, *tkv]
	small.reserve(1 + keyedBuf) // one in place, the rest in buf
	if small.more != nil {
		t.Fatalf("reserve(%d) on an empty table made its overflow", 1+keyedBuf)
	}
	for _, start := range []int{0, 1, 20} { // empty, first in place, slice in use
		var tb keyedTable[int, *tkv]
		for k := range start {
			tb.put(&tkv{k})
		}
		const n = 100
		tb.reserve(n)
		if tb.more == nil {
			t.Fatalf("start %d: reserve(%d) made no room", start, n)
		}
		mem := &tb.more.asc[:1][0]
		for k := start; k < start+n; k++ {
			tb.put(&tkv{k})
		}
		if &tb.more.asc[0] != mem {
			t.Errorf("start %d: the puts after reserve(%d) moved the slice", start, n)
		}
		for k := range start + n {
			if v := tb.get(k); v == nil || v.k != k {
				t.Fatalf("start %d: get(%d) = %v", start, k, v)
			}
		}
	}
}
