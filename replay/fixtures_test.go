package replay_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
)

// The reference histories shared by the project: real histories recorded
// by Temporal servers, with a manifest saying what Temporal's own replayer
// does with each (see /work/shared/histories/README.md).
var historiesDir = filepath.Join("..", "..", "shared", "histories")

// manifestEntry is one history of the manifest, with the fields these
// tests use.
type manifestEntry struct {
	File                   string   `json:"file"`
	Register               []string `json:"register"`
	UpstreamTest           string   `json:"upstream_test"`
	Expected               string   `json:"expected"`
	ExpectedErrorSubstring *string  `json:"expected_error_substring"`
	Kind                   string   `json:"kind"`
}

func readManifest(t *testing.T) []manifestEntry {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(historiesDir, "manifest.json"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("the shared reference histories are not at %s", historiesDir)
	}
	require.NoError(t, err)
	var m []manifestEntry
	require.NoError(t, json.Unmarshal(data, &m))
	return m
}

// fixture says how to replay one reference history: the workflow ports to
// register (written for wfsim after the upstream test named in the
// manifest), or why it cannot be replayed yet.
type fixture struct {
	// skip names the workflow feature the port needs that package workflow
	// does not offer yet; the test is skipped with it.
	skip string
	// register registers the ports.
	register func(r *replay.WorkflowReplayer)
	// opts are the replayer's options.
	opts replay.WorkflowReplayerOptions
	// check, when set, makes further assertions on the outcome.
	check func(t *testing.T, err error)
	// gap describes a known difference between package workflow's
	// machinery and Temporal's SDK that changes this fixture's outcome.
	// While the outcome differs from Temporal's, the test is skipped with
	// the gap and the outcome; once they agree it passes.
	gap string
}

// fixtures maps each manifest file to its port. Every manifest entry must
// have one, so that a new reference history is not silently ignored.
func fixtures() map[string]fixture {
	m := map[string]fixture{}
	for _, set := range []map[string]fixture{replayTestsFixtures(), otherFixtures(), featureFixtures(), localActivityFixtures()} {
		for k, v := range set {
			m[k] = v
		}
	}
	return m
}

func TestReferenceHistories(t *testing.T) {
	t.Parallel()
	entries := readManifest(t)
	all := fixtures()
	var missing []string
	for _, e := range entries {
		if _, ok := all[e.File]; !ok {
			missing = append(missing, e.File)
		}
	}
	sort.Strings(missing)
	require.Empty(t, missing, "reference histories without a fixture entry")

	for _, e := range entries {
		f := all[e.File]
		t.Run(strings.TrimSuffix(e.File, ".json"), func(t *testing.T) {
			t.Parallel()
			if f.skip != "" {
				t.Skipf("needs %s, which package workflow does not offer yet (upstream: %s)", f.skip, e.UpstreamTest)
			}
			r, err := replay.NewWorkflowReplayerWithOptions(f.opts)
			require.NoError(t, err)
			if f.register != nil {
				f.register(r)
			}
			err = r.ReplayWorkflowHistoryFromJSONFile(nil, filepath.Join(historiesDir, e.File))
			bad := outcomeError(e, err)
			switch {
			case bad != nil && f.gap != "":
				t.Skipf("known gap in package workflow: %s\n(%v)", f.gap, bad)
			case bad != nil:
				t.Fatal(bad)
			case f.gap != "":
				t.Logf("the outcome is Temporal's: the gap noted for this fixture seems closed (%s)", f.gap)
			}
			if f.check != nil {
				f.check(t, err)
			}
		})
	}
}

// outcomeError returns why a replay's outcome differs from what the
// manifest says Temporal's replayer does, or nil when it does not.
func outcomeError(e manifestEntry, err error) error {
	want := ""
	if e.ExpectedErrorSubstring != nil {
		want = *e.ExpectedErrorSubstring
	}
	// Where the upstream test asserts only that replay fails, the manifest
	// records the error Temporal's replayer gave.
	if _, observed, ok := strings.Cut(want, "(test asserts only Error) observed: "); ok {
		want = observed
	}
	var nd *replay.NondeterminismError
	var uf *replay.UnknownSDKFlagError
	switch {
	case e.Kind == "upstream-cadence-dialect":
		if !errors.Is(err, replay.ErrCadenceHistory) {
			return fmt.Errorf("want an error wrapping replay.ErrCadenceHistory, got %v", err)
		}
	case e.Expected == "accept":
		if err != nil {
			return fmt.Errorf("want the history accepted, got %w", err)
		}
	case e.Expected == "nondeterminism", e.Expected == "error-result-mismatch":
		if !errors.As(err, &nd) {
			return fmt.Errorf("want a *replay.NondeterminismError, got %T: %v", err, err)
		}
		if !strings.Contains(nd.Message, want) {
			return fmt.Errorf("want Message containing %q, got %q", want, nd.Message)
		}
		if nd.Strict {
			return errors.New("Strict is set, but Temporal's replayer rejects this history too")
		}
	case e.Expected == "error-unknown-sdk-flag":
		if !errors.As(err, &uf) || !strings.Contains(err.Error(), want) {
			return fmt.Errorf("want a *replay.UnknownSDKFlagError saying %q, got %T: %v", want, err, err)
		}
	case e.Expected == "error-unknown-event":
		if !errors.Is(err, replay.ErrUnknownEventType) || !strings.Contains(err.Error(), want) {
			return fmt.Errorf("want an error wrapping replay.ErrUnknownEventType saying %q, got %v", want, err)
		}
	default:
		return fmt.Errorf("unhandled expectation %q", e.Expected)
	}
	return nil
}
