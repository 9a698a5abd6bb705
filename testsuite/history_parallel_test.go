package testsuite_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Parallel subtests may take one finished run's history at once: the
// first History writes into it (each payload gets metadata of its own),
// and the race detector would catch two doing so unguarded.
func TestHistoryFromParallelGoroutines(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(func(ctx workflow.Context, name string) (string, error) {
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return "", err
		}
		return "hello " + name, nil
	}, "wfsim")
	require.NoError(t, env.GetWorkflowError())

	const readers = 4
	lens := make([]int, readers)
	var wg sync.WaitGroup
	for i := range readers {
		wg.Go(func() { lens[i] = len(env.History().String()) })
	}
	wg.Wait()
	want := len(env.History().String())
	for i, n := range lens {
		require.Equal(t, want, n, "reader %d saw another history", i)
	}
}
