package testsuite

import (
	"fmt"
	"testing"
)

// TestTokenTable checks that a table finds every token and no other,
// whether it scans its list or indexes it, and that refs added after the
// index was built are found too; and that its list holds them newest first.
func TestTokenTable(t *testing.T) {
	setToken := func(ref *tokenRef, token string) {
		ref.t = &activityTask{}
		ref.tokenLen = uint8(copy(ref.t.tokenBuf[:], token))
	}
	t.Parallel()
	for _, n := range []int{0, 1, tokenScanMax, tokenScanMax + 1, 40} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			var tt tokenTable
			refs := make([]tokenRef, n+3)
			for i := range n {
				setToken(&refs[i], fmt.Sprintf("run-1/%d", i+5))
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
						t.Fatalf("list entry %d is %q, want newest first", upTo-1-i, ref.token())
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
				setToken(&refs[i], fmt.Sprintf("run-1/%d", i+5))
				tt.add(&refs[i])
			}
			check(n + 3)
		})
	}
}

// TestLongTaskToken: a token too long for the task's buffer is kept in
// its extras, and the ref answers with it, the same bytes each time.
func TestLongTaskToken(t *testing.T) {
	t.Parallel()
	task := &activityTask{}
	long := []byte("a-run-id-longer-than-sixteen/12345")
	task.more().longToken = &long
	ref := &tokenRef{t: task}
	if got := ref.token(); string(got) != string(long) || &got[0] != &long[0] {
		t.Fatalf("token %q, want %q in its own bytes", got, long)
	}
	var tt tokenTable
	tt.add(ref)
	if got, ok := tt.lookup([]byte(string(long))); !ok || got != ref {
		t.Fatalf("lookup of the long token: %p %v", got, ok)
	}
}
