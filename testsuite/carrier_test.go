package testsuite_test

import (
	"bytes"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// callerGoroutine returns the ID of the calling goroutine, from its stack
// trace's header ("goroutine 42 [running]:").
func callerGoroutine() uint64 {
	buf := make([]byte, 64)
	buf = bytes.TrimPrefix(buf[:runtime.Stack(buf, false)], []byte("goroutine "))
	id, _ := strconv.ParseUint(string(buf[:bytes.IndexByte(buf, ' ')]), 10, 64)
	return id
}

// TestARunsInstancesRideOnOneGoroutine checks that the workflow function of
// each instance of a run (the run's own, its rebuild after each worker
// restart, the replay check's) runs on the goroutine the previous one ran
// on, which no longer needs it, and that it is gone after ExecuteWorkflow.
// In a synctest bubble, the replay check, outside it, runs on another.
func TestARunsInstancesRideOnOneGoroutine(t *testing.T) {
	// Not parallel: it counts the process's goroutines.
	wf := func(starts *[]uint64) func(ctx workflow.Context) error {
		return func(ctx workflow.Context) error {
			*starts = append(*starts, callerGoroutine())
			for range 3 {
				if err := workflow.Sleep(ctx, time.Hour); err != nil {
					return err
				}
			}
			return nil
		}
	}
	before := coroutineGoroutines()
	for _, bound := range []bool{false, true} {
		t.Run("bound="+strconv.FormatBool(bound), func(t *testing.T) {
			var env *testsuite.TestWorkflowEnvironment
			if bound {
				env = testsuite.NewTestWorkflowEnvironment(t)
			} else {
				var s testsuite.WorkflowTestSuite
				env = s.NewTestWorkflowEnvironment()
			}
			env.SetExplorer(testsuite.SeedExplorer(1))
			env.SetFaults(testsuite.Faults{WorkerRestart: 1})
			var starts []uint64
			env.ExecuteWorkflow(wf(&starts))
			require.NoError(t, env.GetWorkflowError())
			// The run, a rebuild after each of its four tasks but the
			// last, which completes it, and the replay check.
			require.Len(t, starts, 1+3+1)
			run, check := starts[:4], starts[4]
			for _, g := range run[1:] {
				assert.Equal(t, run[0], g, "a rebuilt instance's workflow function ran on a goroutine of its own: %v", starts)
			}
			if bound {
				assert.NotEqual(t, run[0], check, "the replay check ran on the bubble's goroutine: %v", starts)
			} else {
				assert.Equal(t, run[0], check, "the replay check ran on a goroutine of its own: %v", starts)
			}
			assert.Equal(t, before, coroutineGoroutines(), "a goroutine outlived ExecuteWorkflow")
		})
	}
}
