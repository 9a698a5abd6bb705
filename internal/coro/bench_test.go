package coro

import "testing"

// BenchmarkBlockResume is one coroutine blocking and being resumed, the
// switch every workflow timer, activity and signal costs.
func BenchmarkBlockResume(b *testing.B) {
	d := New()
	defer d.Close()
	n := 0
	d.Go("root", func() {
		c := d.Current()
		for {
			want := n + 1
			c.Block("wait", func() bool { return n >= want })
		}
	})
	if err := d.RunUntilAllBlocked(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		n++
		if err := d.RunUntilAllBlocked(); err != nil {
			b.Fatal(err)
		}
	}
}
