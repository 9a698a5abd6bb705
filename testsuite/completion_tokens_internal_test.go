package testsuite

import (
	"fmt"
	"testing"
)

// TestTokenTable checks that a table finds every token and no other,
// whether it scans its list or indexes it, and that refs added after the
// index was built are found too; and that its list holds them newest first.
func TestTokenTable(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, tokenScanMax, tokenScanMax + 1, 40} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			var tt tokenTable
			refs := make([]tokenRef, n+3)
			for i := range n {
				refs[i].token = fmt.Appendf(nil, "run-1/%d", i+5)
				tt.add(&refs[i])
			}
			check := func(upTo int) {
				t.Helper()
				for i := range upTo {
					got, ok := tt.lookup([]byte(fmt.Sprintf("run-1/%d", i+5)))
					if !ok || got != &refs[i] {
						t.Fatalf("lookup of token %d: got %p %v, want %p", i, got, ok, &refs[i])
					}
				}
				if got, ok := tt.lookup([]byte("run-1/1")); ok {
					t.Fatalf("lookup of an unknown token found %p", got)
				}
				i := upTo
				for ref := tt.newest; ref != nil; ref = ref.next {
					i--
					if i < 0 || ref != &refs[i] {
						t.Fatalf("list entry %d is %q, want newest first", upTo-1-i, ref.token)
					}
				}
				if i != 0 {
					t.Fatalf("list has %d refs, want %d", upTo-i, upTo)
				}
			}
			check(n)
			// Added after the first lookups (which built the index when
			// the table is long).
			for i := n; i < n+3; i++ {
				refs[i].token = fmt.Appendf(nil, "run-1/%d", i+5)
				tt.add(&refs[i])
			}
			check(n + 3)
		})
	}
}
