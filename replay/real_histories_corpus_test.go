package replay

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/workflow"
)

// TestRealHistoryCorpus reads every *.json file under the directory named by
// WFSIM_REAL_HISTORIES (histories gathered from Temporal's public
// repositories; see /work/notes/s4/hist.md) and checks that each either
// reads, writes back without losing a field and renders as a timeline, or
// fails with a *HistoryError. It is skipped when the variable is unset, as
// the files are not part of this repository.
func TestRealHistoryCorpus(t *testing.T) {
	dir := os.Getenv("WFSIM_REAL_HISTORIES")
	if dir == "" {
		t.Skip("WFSIM_REAL_HISTORIES is not set")
	}
	t.Parallel()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	read := 0
	for _, f := range files {
		name, _ := filepath.Rel(dir, f)
		t.Run(name, func(t *testing.T) {
			h, err := ReadHistoryFile(f)
			if err != nil {
				var he *HistoryError
				if !errors.As(err, &he) {
					t.Fatalf("error is not a *HistoryError: %v", err)
				}
				t.Logf("refused: %v", err)
				return
			}
			read++
			var buf bytes.Buffer
			if err := h.WriteJSON(&buf); err != nil {
				t.Fatal(err)
			}
			checkRoundTrip(t, h)
			if h.String() == "" {
				t.Error("empty timeline")
			}
			orig, _ := os.ReadFile(f)
			for _, p := range lostFields(orig, buf.Bytes()) {
				t.Errorf("field lost in writing: %s", p)
			}
			// Replaying against code that issues no command must end in
			// an error or success, never a panic.
			rp := NewWorkflowReplayer()
			rp.RegisterDynamicWorkflow(func(ctx workflow.Context, _ converter.EncodedValues) error {
				return workflow.Await(ctx, func() bool { return false })
			}, workflow.DynamicRegisterOptions{})
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("replay panicked: %v", r)
					}
				}()
				t.Logf("replay: %v", rp.ReplayWorkflowHistory(nil, h))
			}()
		})
	}
	t.Logf("%d of %d files read", read, len(files))
}

// lostFields returns the paths of non-default values in orig that are
// missing from written, after mapping the renames the reader applies.
func lostFields(orig, written []byte) []string {
	var a, b any
	dec := json.NewDecoder(bytes.NewReader(orig))
	dec.UseNumber()
	_ = dec.Decode(&a)
	if obj, ok := a.(map[string]any); ok && obj["events"] == nil && obj["history"] != nil {
		a = obj["history"]
	}
	_ = json.Unmarshal(written, &b)
	have := map[string]bool{}
	jsonPaths("", pruneDefaults(b), have, false)
	want := map[string]bool{}
	jsonPaths("", pruneDefaults(a), want, true)
	var lost []string
	for p := range want {
		if !have[p] {
			lost = append(lost, p)
		}
	}
	sort.Strings(lost)
	return lost
}

// pruneDefaults drops the values protojson treats as absent.
func pruneDefaults(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			if p := pruneDefaults(x); p != nil {
				out[k] = p
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case []any:
		out := make([]any, 0, len(v))
		for _, x := range v {
			p := pruneDefaults(x)
			if p == nil {
				p = map[string]any{}
			}
			out = append(out, p)
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case string:
		if v == "" || v == "0" || v == "0s" || v == "Unspecified" || strings.HasSuffix(v, "_UNSPECIFIED") || v == "0001-01-01T00:00:00Z" {
			return nil
		}
	case json.Number:
		if f, err := strconv.ParseFloat(string(v), 64); err == nil && f == 0 {
			return nil
		}
	case float64:
		if v == 0 {
			return nil
		}
	case bool:
		if !v {
			return nil
		}
	case nil:
		return nil
	}
	return v
}

// jsonPaths collects the paths of the leaves of v; rename maps the old and
// proto spellings of names to the ones WriteJSON prints.
func jsonPaths(prefix string, v any, out map[string]bool, rename bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if rename && !isMapField(prefix) {
				k = currentName(prefix, k)
			}
			jsonPaths(prefix+"."+k, x, out, rename)
		}
	case []any:
		for i, x := range v {
			jsonPaths(prefix+"["+strconv.Itoa(i)+"]", x, out, rename)
		}
	default:
		out[prefix] = true
	}
}

// isMapField reports whether the object at prefix is a proto map (search
// attributes' indexedFields, a memo's or header's fields, a payload's
// metadata): its keys are the user's names ("awaiting_approval"), not field
// names to respell.
func isMapField(prefix string) bool {
	switch prefix[strings.LastIndexByte(prefix, '.')+1:] {
	case "indexedFields", "indexed_fields", "fields", "metadata":
		return true
	}
	return false
}

func currentName(prefix, k string) string {
	switch k {
	case "useCompatibleVersion":
		if strings.HasSuffix(prefix, ".activityTaskScheduledEventAttributes") {
			return "useWorkflowBuildId"
		}
		return "inheritBuildId"
	case "workerVersioningId":
		return "workerVersion"
	case "workerBuildId":
		return "buildId"
	}
	// Proto names are lower case words joined by "_"; map keys such as
	// "__openai_span" or "_tracer-data" are left alone.
	if strings.Contains(k, "_") && strings.ToLower(k) == k && k[0] != '_' && !strings.ContainsAny(k, "-.") {
		parts := strings.Split(k, "_")
		for i := 1; i < len(parts); i++ {
			if parts[i] != "" {
				parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
			}
		}
		return strings.Join(parts, "")
	}
	return k
}
