package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/wfsim/wfsim/testsuite"
)

// The fuzzing benchmarks run the saga property once per iteration: a
// three-step saga under the faults, explored by a seed (or by rapid), and
// the property checked on its world. Each reports simulated executions per
// second of one core (the benchmark runs on one goroutine). The replay
// check that ends every ExecuteWorkflow is on, as in a property test; the
// "NoReplayCheck" variants show its cost.

var benchFaults = map[string]testsuite.Faults{
	"NoExplorer": {},
	"NoFaults":   {},
	"Faults":     {ActivityLatency: 12 * time.Second, ActivityFailure: 0.2, ActivityHang: 0.05, Jitter: time.Second},
	"Restarts":   {ActivityLatency: 12 * time.Second, ActivityFailure: 0.2, ActivityHang: 0.05, WorkerRestart: 0.2},
}

func runSagaProperty(t require.TestingT, x testsuite.Explorer, f testsuite.Faults, replayCheck bool) {
	b := &fzBooking{}
	env := fzSagaEnv(b)
	if !replayCheck {
		env.DisableReplayCheck()
	}
	if x != nil {
		env.SetExplorer(x)
		env.SetFaults(f)
	}
	env.ExecuteWorkflow(fzSaga, 3)
	require.True(t, env.IsWorkflowCompleted(), "the saga did not complete: %v", env.GetWorkflowError())
	sagaHolds(t, b.log, env.GetWorkflowError())
}

func BenchmarkSagaProperty(b *testing.B) {
	for _, name := range []string{"NoExplorer", "NoFaults", "Faults", "Restarts"} {
		for _, check := range []bool{true, false} {
			label := name
			if !check {
				label += "NoReplayCheck"
			}
			b.Run(label, func(b *testing.B) {
				b.ReportAllocs()
				seed := uint64(0)
				for b.Loop() {
					var x testsuite.Explorer
					if name != "NoExplorer" {
						x = testsuite.SeedExplorer(seed)
					}
					runSagaProperty(b, x, benchFaults[name], check)
					seed++
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "execs/s")
			})
		}
	}
}

// BenchmarkSagaPropertyRapid is the same property under rapid.Check: each
// iteration is one check of 100 executions.
func BenchmarkSagaPropertyRapid(b *testing.B) {
	b.ReportAllocs()
	execs := 0
	for b.Loop() {
		rapid.Check(b, func(t *rapid.T) {
			runSagaProperty(t, testsuite.RapidExplorer(t), benchFaults["Faults"], true)
			execs++
		})
	}
	b.ReportMetric(float64(execs)/b.Elapsed().Seconds(), "execs/s")
}
