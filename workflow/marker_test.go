package workflow_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// replayTests holds histories recorded by Temporal's Go SDK against the
// workflows of its replay tests.
const replayTests = "../../shared/histories/temporal/sdk-go/replaytests"

// Ports of the workflows of those histories. Their nondeterministic values
// are the ones recorded.

func sideEffectWorkflow(ctx workflow.Context, field string) error {
	var random int
	if err := workflow.SideEffect(ctx, func(workflow.Context) any { return 81 }).Get(&random); err != nil {
		return err
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	return workflow.ExecuteActivity(ctx, "helloworldActivity", field).Get(ctx, nil)
}

func mutableSideEffectWorkflow(ctx workflow.Context) ([]int, error) {
	f := func(v int) int {
		var out int
		if err := workflow.MutableSideEffect(ctx, "side-effect-1", func(workflow.Context) any { return v },
			func(a, b any) bool { return a.(int) == b.(int) }).Get(&out); err != nil {
			panic(err)
		}
		return out
	}
	results := []int{f(0), f(0), f(0), f(1), f(1), f(2)}
	_ = workflow.Sleep(ctx, time.Second)
	results = append(results, f(3), f(3), f(4))
	_ = workflow.Sleep(ctx, time.Second)
	return append(results, f(4), f(5)), nil
}

func versionLoopWorkflow(ctx workflow.Context, changeID string, iterations int) error {
	for i := range iterations {
		workflow.GetVersion(ctx, fmt.Sprintf("%s:%d", changeID, i), workflow.DefaultVersion, 1)
	}
	return workflow.Sleep(ctx, time.Second)
}

// TestMarkersMatchTemporalHistories runs the workflows of three histories
// that Temporal's SDK recorded and compares what the simulator records:
// the same events at the same IDs, and markers and search attributes with
// the same bytes.
func TestMarkersMatchTemporalHistories(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(replayTests); err != nil {
		// As replay's fixture tests: the shared histories live next to
		// the repository, not in it (a checkout elsewhere has none).
		t.Skipf("the shared reference histories are not at %s: %v", replayTests, err)
	}
	tests := []struct {
		file string
		name string
		wf   any
		args []any
	}{
		{"side-effect.json", "SideEffectWorkflow", sideEffectWorkflow, []any{"test"}},
		{"mutable-side-effect.json", "MutableSideEffectWorkflow", mutableSideEffectWorkflow, nil},
		{"version-loop-workflow-10.json", "VersionLoopWorkflow", versionLoopWorkflow, []any{"versionID", 10}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			want, err := replay.ReadHistoryFile(filepath.Join(replayTests, tt.file))
			require.NoError(t, err)
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflowWithOptions(tt.wf, workflow.RegisterOptions{Name: tt.name})
			env.RegisterActivityWithOptions(func(context.Context, string) (string, error) { return "", nil }, activity.RegisterOptions{Name: "helloworldActivity"})
			env.OnActivity("helloworldActivity", mock.Anything, mock.Anything).Return("Hello test!", nil).Maybe()
			env.ExecuteWorkflow(tt.name, tt.args...)
			require.NoError(t, env.GetWorkflowError())
			got := env.History()
			require.Equal(t, eventIDsAndTypes(want), eventIDsAndTypes(got))
			for i, w := range want.Events {
				g := got.Events[i]
				switch {
				case w.GetMarkerRecordedEventAttributes() != nil:
					details := w.GetMarkerRecordedEventAttributes().Details
					if w.GetMarkerRecordedEventAttributes().MarkerName == "Version" {
						// SDKs of 2023 wrote this detail always; current
						// ones only when the upsert was skipped.
						details = withoutKey(details, "version-search-attribute-updated")
					}
					assert.Equal(t, w.GetMarkerRecordedEventAttributes().MarkerName, g.GetMarkerRecordedEventAttributes().MarkerName, "event %d", w.EventID)
					assert.Equal(t, details, g.GetMarkerRecordedEventAttributes().Details, "event %d", w.EventID)
				case w.GetUpsertWorkflowSearchAttributesEventAttributes() != nil:
					// Temporal lists the older change versions in map order,
					// the simulator sorts them: compare the newest and the set.
					wv, gv := changeVersions(t, w), changeVersions(t, g)
					assert.Equal(t, wv[0], gv[0], "event %d", w.EventID)
					assert.ElementsMatch(t, wv, gv, "event %d", w.EventID)
					wp := w.GetUpsertWorkflowSearchAttributesEventAttributes().SearchAttributes.IndexedFields[workflow.TemporalChangeVersion]
					gp := g.GetUpsertWorkflowSearchAttributesEventAttributes().SearchAttributes.IndexedFields[workflow.TemporalChangeVersion]
					assert.Equal(t, wp.Metadata, gp.Metadata, "event %d", w.EventID)
				case w.GetWorkflowTaskCompletedEventAttributes() != nil:
					var wf, gf []uint32
					if m := w.GetWorkflowTaskCompletedEventAttributes().SDKMetadata; m != nil {
						wf = m.LangUsedFlags
					}
					if m := g.GetWorkflowTaskCompletedEventAttributes().SDKMetadata; m != nil {
						gf = m.LangUsedFlags
					}
					if !slices.Contains(wf, 3) {
						// These histories predate SDKs that take up flag 3
						// when a run starts, as current ones (and the
						// simulator) do.
						gf = slices.DeleteFunc(slices.Clone(gf), func(f uint32) bool { return f == 3 })
						if len(gf) == 0 {
							gf = nil
						}
					}
					assert.Equal(t, wf, gf, "SDK flags of event %d", w.EventID)
				case w.GetTimerStartedEventAttributes() != nil:
					assert.Equal(t, w.GetTimerStartedEventAttributes().TimerID, g.GetTimerStartedEventAttributes().TimerID)
				case w.GetActivityTaskScheduledEventAttributes() != nil:
					assert.Equal(t, w.GetActivityTaskScheduledEventAttributes().ActivityID, g.GetActivityTaskScheduledEventAttributes().ActivityID)
				}
			}
			// And the simulator's history replays.
			rp := replay.NewWorkflowReplayer()
			rp.RegisterWorkflowWithOptions(tt.wf, workflow.RegisterOptions{Name: tt.name})
			require.NoError(t, rp.ReplayWorkflowHistory(nil, got))
		})
	}
}

func eventIDsAndTypes(h *replay.History) []string {
	out := make([]string, len(h.Events))
	for i, ev := range h.Events {
		out[i] = fmt.Sprintf("%d %s", ev.EventID, ev.EventType)
	}
	return out
}

func withoutKey(m map[string]*converter.Payloads, key string) map[string]*converter.Payloads {
	out := make(map[string]*converter.Payloads, len(m))
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	return out
}

func changeVersions(t *testing.T, ev *replay.Event) []string {
	t.Helper()
	var out []string
	p := ev.GetUpsertWorkflowSearchAttributesEventAttributes().SearchAttributes.IndexedFields[workflow.TemporalChangeVersion]
	require.NoError(t, converter.GetDefaultDataConverter().FromPayload(p, &out))
	return out
}

// TestSideEffectReplaysRecordedValues checks that replay returns the values
// a history records without calling the functions again.
func TestSideEffectReplaysRecordedValues(t *testing.T) {
	t.Parallel()
	calls := 0
	next := 100
	wf := func(ctx workflow.Context) ([]int, error) {
		var out []int
		for range 3 {
			var v int
			if err := workflow.SideEffect(ctx, func(workflow.Context) any { calls++; next++; return next }).Get(&v); err != nil {
				return nil, err
			}
			out = append(out, v)
			_ = workflow.Sleep(ctx, time.Minute)
		}
		var m string
		for _, s := range []string{"a", "a", "b"} {
			if err := workflow.MutableSideEffect(ctx, "config", func(workflow.Context) any { calls++; return s },
				func(a, b any) bool { return a == b }).Get(&m); err != nil {
				return nil, err
			}
		}
		return append(out, int(m[0])), nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Effects"})
	env.ExecuteWorkflow("Effects")
	var got []int
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []int{101, 102, 103, 'b'}, got)
	assert.Equal(t, 6, calls)
	markers := 0
	for _, ev := range env.History().Events {
		if ev.GetMarkerRecordedEventAttributes() != nil {
			markers++
		}
	}
	assert.Equal(t, 5, markers, "three side effects, and the mutable one only when it changed")

	calls, next = 0, 0
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Effects"})
	require.NoError(t, rp.ReplayWorkflowHistory(nil, env.History()))
	assert.Equal(t, 0, calls, "replay calls no side effect function")
}

func TestSideEffectMarkersAndIDs(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		workflow.SideEffect(ctx, func(workflow.Context) any { return "x" })
		workflow.SideEffect(ctx, func(workflow.Context) any { return nil })
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		return workflow.ExecuteActivity(ctx, "A").Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Markers"})
	env.RegisterActivityWithOptions(func(context.Context) error { return nil }, activity.RegisterOptions{Name: "A"})
	env.OnActivity("A", mock.Anything).Return(nil)
	env.ExecuteWorkflow("Markers")
	require.NoError(t, env.GetWorkflowError())
	h := env.History()
	dc := converter.GetDefaultDataConverter()
	var ids []int64
	var data []string
	for _, ev := range h.Events {
		if m := ev.GetMarkerRecordedEventAttributes(); m != nil {
			assert.Equal(t, "SideEffect", m.MarkerName)
			var id int64
			require.NoError(t, dc.FromPayloads(m.Details["side-effect-id"], &id))
			ids = append(ids, id)
			data = append(data, m.Details["data"].Payloads[0].Encoding())
		}
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
			assert.Equal(t, "7", a.ActivityID, "markers take event IDs 5 and 6")
		}
	}
	assert.Equal(t, []int64{1, 2}, ids)
	assert.Equal(t, []string{"json/plain", "binary/null"}, data)
}
