package testsuite_test

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/wfsim/wfsim/internal/allocfloor"
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

// BenchmarkSagaPropertyParallel runs the saga property, faults and worker
// restarts included, on every core at once (GOMAXPROCS goroutines, each
// exploring its own seeds) and reports executions per second per core:
// the measure, on a machine where each core runs simulations.
func BenchmarkSagaPropertyParallel(b *testing.B) {
	b.ReportAllocs()
	var seeds atomic.Uint64
	b.RunParallel(func(pb *testing.PB) {
		t := &parallelT{b: b}
		for pb.Next() {
			runSagaProperty(t, testsuite.SeedExplorer(seeds.Add(1)), benchFaults["Restarts"], true)
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/float64(runtime.GOMAXPROCS(0)), "execs/s/core")
}

// BenchmarkSagaAllocationFloorParallel is BenchmarkSagaPropertyParallel's
// allocation floor: on every core at once, it allocates per op as many
// bytes in as many objects as one execution of the saga property does, and
// does nothing else (package allocfloor). Its execs/s/core is the most any
// simulation allocating that much could reach on the machine at hand; on
// small VMs the garbage collector's cycles, not the cores, set it.
func BenchmarkSagaAllocationFloorParallel(b *testing.B) {
	seed := uint64(0)
	shape := allocfloor.Of(func() {
		seed++
		runSagaProperty(b, testsuite.SeedExplorer(seed), benchFaults["Restarts"], true)
	})
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			shape.Allocate()
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/float64(runtime.GOMAXPROCS(0)), "execs/s/core")
}

// parallelT is a require.TestingT for a RunParallel goroutine, which may
// not call FailNow: a failure is reported, and the goroutine's work ends
// with a panic, as the benchmark cannot go on.
type parallelT struct{ b *testing.B }

func (t *parallelT) Errorf(format string, args ...any) { t.b.Errorf(format, args...) }
func (t *parallelT) FailNow()                          { panic(fmt.Sprintf("saga property failed in %s", t.b.Name())) }

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
