package protobuf_test

import (
	"bytes"
	"testing"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	tscen "github.com/wfsim/wfsim/compare/protobuf/serverrecord/scen"
)

// TestTemporalReplaysWfsimHistories runs each scenario in wfsim's test
// environment and replays every history it records (the workflow under
// test, its later runs and its children) with Temporal's own replayer
// (SDK 1.51) and the Temporal version of the same code: a Temporal worker
// must accept what wfsim records with protobuf payloads, as wfsim's
// replayer accepts what the server recorded.
func TestTemporalReplaysWfsimHistories(t *testing.T) {
	t.Parallel()
	for i, cv := range Converters {
		for j, s := range All {
			ts := tscen.All[j]
			if ts.Name != s.Name || tscen.Converters[i].Name != cv.Name {
				t.Fatalf("scenario lists differ: regenerate with serverrecord/gen.sh")
			}
			t.Run(s.Name+"."+cv.Name, func(t *testing.T) {
				t.Parallel()
				env := scenarioEnv(t, s, cv.DC)
				for _, m := range s.Messages {
					if !m.Query {
						env.RegisterDelayedCallback(func() { sendMessage(t, env, m, nil) }, m.After)
					}
				}
				env.ExecuteWorkflow(s.Workflow, s.Args...)
				if !env.IsWorkflowCompleted() {
					t.Fatal("workflow did not complete")
				}
				for _, id := range env.WorkflowIDs() {
					for n, h := range env.Histories(id) {
						var buf bytes.Buffer
						if err := h.WriteJSON(&buf); err != nil {
							t.Fatal(err)
						}
						th, err := client.HistoryFromJSON(&buf, client.HistoryJSONOptions{})
						if err != nil {
							t.Fatalf("%s run %d: Temporal cannot read wfsim's history: %v", id, n+1, err)
						}
						r, err := worker.NewWorkflowReplayerWithOptions(worker.WorkflowReplayerOptions{DataConverter: tscen.Converters[i].DC})
						if err != nil {
							t.Fatal(err)
						}
						r.RegisterWorkflow(ts.Workflow)
						for _, w := range ts.Workflows {
							r.RegisterWorkflow(w)
						}
						var opts worker.ReplayWorkflowHistoryOptions
						opts.OriginalExecution.ID = rootID // children's IDs derive from it
						if err := r.ReplayWorkflowHistoryWithOptions(nil, th, opts); err != nil {
							t.Errorf("%s run %d: Temporal's replayer: %v", id, n+1, err)
						}
					}
				}
			})
		}
	}
}
