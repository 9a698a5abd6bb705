package testsuite_test

import (
	"testing"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The replay check's own cost, without the simulation that records the
// history: each iteration replays one recorded history as the check does
// (a new replayer, the workflow registered, the history replayed).

func benchReplayHistory(b *testing.B, wf any, name string, h *replay.History) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		rp := replay.NewWorkflowReplayer()
		rp.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: name})
		if err := rp.ReplayWorkflowHistory(nil, h); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(h.Events)), "ns/event")
}

func BenchmarkReplayCheckSaga(b *testing.B) {
	bk := &fzBooking{}
	env := fzSagaEnv(bk)
	env.SetExplorer(testsuite.SeedExplorer(7))
	env.SetFaults(benchFaults["Faults"])
	env.ExecuteWorkflow(fzSaga, 3)
	if !env.IsWorkflowCompleted() {
		b.Fatal("the saga did not complete")
	}
	benchReplayHistory(b, fzSaga, "fzSaga", env.History())
}

func BenchmarkReplayCheckTimers100(b *testing.B) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(sleepLoopWorkflow, 100)
	if err := env.GetWorkflowError(); err != nil {
		b.Fatal(err)
	}
	benchReplayHistory(b, sleepLoopWorkflow, "sleepLoopWorkflow", env.History())
}
