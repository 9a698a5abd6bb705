package replay

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// corpusDir is the shared reference corpus, next to the repository.
var corpusDir = filepath.Join("..", "..", "shared", "histories")

// cmpHistory compares histories field by field; NaN equals NaN so that the
// round-trip property holds for every float.
var cmpHistory = cmpopts.EquateNaNs()

// corpusFiles lists the corpus files under dir, or skips the test when the
// corpus is absent.
func corpusFiles(t *testing.T, dir string) []string {
	t.Helper()
	root := filepath.Join(corpusDir, dir)
	if _, err := os.Stat(root); err != nil {
		t.Skipf("reference corpus not found at %s (it lives outside the repository): %v", root, err)
	}
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no .json files under %s", root)
	}
	return files
}

// readFails lists the corpus files that must not be read, and why.
var readFails = map[string]error{
	// Its unknown event lacks workerMayIgnore; Temporal's replayer fails
	// on it with "unknown history event".
	"workflow_with_bad_unknown_event.json": ErrUnknownEventType,
}

func TestCorpusRoundTrip(t *testing.T) {
	t.Parallel()
	for _, path := range corpusFiles(t, "temporal") {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h, err := ReadHistoryFile(path)
			if want := readFails[name]; want != nil {
				if !errors.Is(err, want) {
					t.Fatalf("ReadHistoryFile = %v, want %v", err, want)
				}
				return
			}
			if err != nil {
				t.Fatalf("ReadHistoryFile: %v", err)
			}
			checkRoundTrip(t, h)
			if lines := strings.Count(h.String(), "\n"); lines != len(h.Events) {
				t.Errorf("timeline has %d lines, want one per event (%d)", lines, len(h.Events))
			}
		})
	}
}

// checkRoundTrip checks that h survives write → read unchanged and that
// writing is stable.
func checkRoundTrip(t *testing.T, h *History) {
	t.Helper()
	var first bytes.Buffer
	if err := h.WriteJSON(&first); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	again, err := ReadHistory(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatalf("ReadHistory(WriteJSON(h)): %v\n%s", err, first.Bytes())
	}
	if diff := cmp.Diff(h, again, cmpHistory); diff != "" {
		t.Fatalf("read → write → read changed the history (-first +second):\n%s", diff)
	}
	var second bytes.Buffer
	if err := again.WriteJSON(&second); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatalf("write → read → write changed the bytes:\n%s\n----\n%s", first.Bytes(), second.Bytes())
	}
}

func TestCorpusCadence(t *testing.T) {
	t.Parallel()
	for _, path := range corpusFiles(t, "cadence") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			_, err := ReadHistoryFile(path)
			if !errors.Is(err, ErrCadenceHistory) {
				t.Fatalf("ReadHistoryFile = %v, want ErrCadenceHistory", err)
			}
			if !strings.Contains(err.Error(), "Cadence histories are not supported") {
				t.Errorf("error %q does not say Cadence histories are not supported", err)
			}
		})
	}
}
