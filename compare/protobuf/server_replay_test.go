package protobuf_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// The histories in testdata/server_*.json were recorded by a Temporal dev
// server (1.31) running the workflows of server_scen_test.go, in their
// Temporal version, with Temporal's Go SDK 1.51 worker and client: once
// with Temporal's default data converter (messages as json/protobuf,
// files *.jsonpb.json) and once with ProtoPayloadConverter first (messages
// as binary/protobuf, *.binpb.json). Command serverrecord records them
// (its package scen is the Temporal version of server_scen_test.go, and
// its gen.sh writes server_{scen,converters,variants}_test.go from it).

// serverHistories returns the recorded histories of scenario name with
// converter cv: the run itself, its children (.cN) and later runs (.runN).
func serverHistories(t *testing.T, name, cv string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "server_"+name+".*"+cv+".json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no history of %s with %s: %v", name, cv, err)
	}
	return files
}

// serverReplayer returns a replayer with the scenario's workflows and the
// converter the history was recorded with.
func serverReplayer(t *testing.T, dc converter.DataConverter, workflows ...any) *replay.WorkflowReplayer {
	t.Helper()
	r, err := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{DataConverter: dc})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range workflows {
		r.RegisterWorkflow(w)
	}
	return r
}

// replayOptions runs a parent under its recorded workflow ID: its
// children's IDs derive from it.
func replayOptions(h *replay.History) replay.ReplayWorkflowHistoryOptions {
	var opts replay.ReplayWorkflowHistoryOptions
	for _, ev := range h.Events {
		if a := ev.GetStartChildWorkflowExecutionInitiatedEventAttributes(); a != nil {
			opts.OriginalExecution = workflow.WorkflowExecution{ID: a.WorkflowID[:strings.LastIndex(a.WorkflowID, "-c")]}
			break
		}
	}
	return opts
}

// TestServerHistoriesReplay replays every recorded history with
// the code that recorded it: the workflow code decodes every message the
// same way, so it issues the same commands.
func TestServerHistoriesReplay(t *testing.T) {
	t.Parallel()
	for _, cv := range Converters {
		for _, s := range All {
			for _, f := range serverHistories(t, s.Name, cv.Name) {
				t.Run(filepath.Base(f), func(t *testing.T) {
					t.Parallel()
					h, err := replay.ReadHistoryFile(f)
					if err != nil {
						t.Fatal(err)
					}
					r := serverReplayer(t, cv.DC, append([]any{s.Workflow}, s.Workflows...)...)
					if err := r.ReplayWorkflowHistoryWithOptions(nil, h, replayOptions(h)); err != nil {
						t.Errorf("replay: %v", err)
					}
				})
			}
		}
	}
}

// TestServerVariantsNondeterministic replays recorded histories with code
// that reads another field of a decoded message and so issues another
// command. Temporal's replayer (SDK 1.51) rejects each of them with
// [TMPRL1100]; wfsim's must report a *replay.NondeterminismError.
func TestServerVariantsNondeterministic(t *testing.T) {
	t.Parallel()
	for _, cv := range Converters {
		for _, v := range Variants {
			t.Run(v.Name+"."+cv.Name, func(t *testing.T) {
				t.Parallel()
				r := serverReplayer(t, cv.DC)
				r.RegisterWorkflowWithOptions(v.Workflow, workflow.RegisterOptions{Name: v.Type})
				err := r.ReplayWorkflowHistoryFromJSONFile(nil, filepath.Join("testdata", "server_"+v.History+"."+cv.Name+".json"))
				var nde *replay.NondeterminismError
				if v.WantErr != errors.As(err, &nde) {
					t.Errorf("replay: %v, want a NondeterminismError: %v", err, v.WantErr)
				}
			})
		}
	}
}
