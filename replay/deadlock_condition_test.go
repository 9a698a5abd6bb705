package replay_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// TestReplaySlowConditionIsNotADeadlock: an Await condition that takes a
// while (here 40ms) each time it is asked, asked in task after task while
// signals arrive that wake no coroutine, yields every time it returns, as
// in Temporal, where it runs in its coroutine, which yields after each
// look: the replay's deadlock detection must not take two looks at two
// different askings for one that never returned.
func TestReplaySlowConditionIsNotADeadlock(t *testing.T) {
	t.Parallel()
	const signals = 80
	var slow atomic.Bool
	wf := func(ctx workflow.Context) (int, error) {
		ch := workflow.GetSignalChannel(ctx, "s")
		err := workflow.Await(ctx, func() bool {
			if slow.Load() {
				for start := time.Now(); time.Since(start) < 40*time.Millisecond; {
				}
			}
			return ch.Len() >= signals
		})
		return ch.Len(), err
	}
	env := unboundEnv()
	for i := 1; i <= signals; i++ {
		env.RegisterDelayedCallback(func() { env.SignalWorkflow("s", i) }, time.Duration(i)*time.Second)
	}
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	h := env.History()

	slow.Store(true)
	r := replayer(t, false, map[string]any{"wf": wf})
	require.NoError(t, r.ReplayWorkflowHistory(nil, &replay.History{Events: h.Events}))
}

func unboundEnv() *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	return s.NewTestWorkflowEnvironment()
}
