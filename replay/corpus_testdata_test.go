package replay

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestTestdataCorporaRoundTrip reads every history of the real-history
// corpora kept in testdata's subdirectories (recorded by Temporal servers;
// each directory says where from), including those no port replays (Nexus
// operations), and checks that it writes back without losing a field.
func TestTestdataCorporaRoundTrip(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("testdata", "*", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if filepath.Base(filepath.Dir(f)) == "golden" {
			continue
		}
		n++
		t.Run(filepath.ToSlash(f), func(t *testing.T) {
			t.Parallel()
			h, err := ReadHistoryFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(h.Events) == 0 || h.Events[0].EventType != EventTypeWorkflowExecutionStarted {
				t.Fatalf("history does not begin with WorkflowExecutionStarted")
			}
			checkRoundTrip(t, h)
			orig, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := h.WriteJSON(&buf); err != nil {
				t.Fatal(err)
			}
			for _, p := range lostFields(orig, buf.Bytes()) {
				t.Errorf("field lost in writing: %s", p)
			}
		})
	}
	if n == 0 {
		t.Fatal("no corpus under testdata")
	}
}
