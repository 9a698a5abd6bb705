package replay_test

import (
	"bytes"
	"encoding/json"
	"sync"
	"testing"

	"github.com/wfsim/wfsim/replay"
)

// Writing a history stores nothing in it, so goroutines may write one
// history at once (parallel subtests sharing a fixture): the race
// detector, in CI's -race run, finds nothing, and each writes the same.
// Enum fields (a task queue's kind, a timeout type) were once stored back
// by the writer.
func TestGoroutinesWriteOneHistoryAtOnce(t *testing.T) {
	t.Parallel()
	h, err := replay.ReadHistoryFile("testdata/rainbowstatusesworkflow.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([][]byte, 4)
	errs := make([]error, len(got))
	for i := range got {
		wg.Go(func() { got[i], errs[i] = json.Marshal(h) })
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil {
			t.Fatalf("writer %d: %v", i, errs[i])
		}
		if !bytes.Equal(got[i], want) {
			t.Errorf("writer %d wrote other JSON than a lone writer", i)
		}
	}
}
