package testsuite_test

import (
	"time"

	"github.com/wfsim/wfsim/workflow"
)

// Workflows several tests run (package benchmarks has its own copies).

// sleepLoopWorkflow sleeps an hour n times.
func sleepLoopWorkflow(ctx workflow.Context, n int) error {
	for range n {
		if err := workflow.Sleep(ctx, time.Hour); err != nil {
			return err
		}
	}
	return nil
}

// sumSignals receives n signals named "sig" and returns their sum.
func sumSignals(ctx workflow.Context, n int) (int, error) {
	ch := workflow.GetSignalChannel(ctx, "sig")
	sum := 0
	for range n {
		var v int
		ch.Receive(ctx, &v)
		sum += v
	}
	return sum, nil
}
