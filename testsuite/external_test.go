package testsuite_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Relay is a child that waits for "ping" signals, answers each by
// signaling its parent, and ends after n of them.
func Relay(ctx workflow.Context, n int) (int, error) {
	parent := workflow.GetInfo(ctx).ParentWorkflowExecution
	ch := workflow.GetSignalChannel(ctx, "ping")
	for i := range n {
		var from string
		ch.Receive(ctx, &from)
		_ = workflow.Sleep(ctx, time.Duration(i+1)*time.Second)
		if err := workflow.SignalExternalWorkflow(ctx, parent.ID, "", "pong", workflow.GetInfo(ctx).WorkflowExecution.ID+"<-"+from).Get(ctx, nil); err != nil {
			return i, err
		}
	}
	return n, nil
}

// RelayParent starts three relays and logs the pongs as they arrive.
func RelayParent(ctx workflow.Context) ([]string, error) {
	var log []string
	var children []workflow.ChildWorkflowFuture
	for i := range 3 {
		opts := workflow.ChildWorkflowOptions{WorkflowID: fmt.Sprintf("relay-%d", i)}
		children = append(children, workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, opts), Relay, 2))
	}
	pongs := workflow.GetSignalChannel(ctx, "pong")
	workflow.Go(ctx, func(ctx workflow.Context) {
		for {
			var p string
			pongs.Receive(ctx, &p)
			log = append(log, fmt.Sprintf("%v %s", workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime), p))
		}
	})
	for _, c := range children {
		if err := c.Get(ctx, nil); err != nil {
			return log, err
		}
	}
	return log, workflow.Await(ctx, func() bool { return len(log) == 6 })
}

// relayHistories runs RelayParent with pings sent from delayed callbacks,
// some to the same instant, and returns every history as JSON.
func relayHistories(t *testing.T) []byte {
	t.Helper()
	env := unbound()
	env.RegisterWorkflow(Relay)
	for i, d := range []time.Duration{time.Second, time.Second, 2 * time.Second, 3 * time.Second, 3 * time.Second, 5 * time.Second} {
		to := fmt.Sprintf("relay-%d", (i*2)%3)
		env.RegisterDelayedCallback(func() {
			require.NoError(t, env.SignalWorkflowByID(to, "ping", fmt.Sprintf("ping%d", i)))
		}, d)
	}
	env.ExecuteWorkflow(RelayParent)
	require.NoError(t, env.GetWorkflowError())
	var buf strings.Builder
	for _, id := range env.WorkflowIDs() {
		for _, h := range env.Histories(id) {
			data, err := h.MarshalJSON()
			require.NoError(t, err)
			buf.Write(data)
		}
	}
	return []byte(buf.String())
}

// TestDeterminismWithChildrenAndSignals runs a scenario of children,
// signals between workflows, signals from the test and timers many times,
// with one and with eight Ps: every history must be byte-identical. Not
// parallel: it changes GOMAXPROCS.
func TestDeterminismWithChildrenAndSignals(t *testing.T) {
	runs := 50
	if testing.Short() {
		runs = 10
	}
	want := relayHistories(t)
	prev := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(prev)
	for _, procs := range []int{1, 8} {
		runtime.GOMAXPROCS(procs)
		for i := range runs {
			if got := relayHistories(t); string(got) != string(want) {
				t.Fatalf("GOMAXPROCS=%d run %d: the histories differ from the first run's", procs, i)
			}
		}
	}
}

func TestRelayOutcome(t *testing.T) {
	t.Parallel()
	env := unbound()
	env.RegisterWorkflow(Relay)
	for i, d := range []time.Duration{time.Second, time.Second, 2 * time.Second, 3 * time.Second, 3 * time.Second, 5 * time.Second} {
		to := fmt.Sprintf("relay-%d", (i*2)%3)
		env.RegisterDelayedCallback(func() { _ = env.SignalWorkflowByID(to, "ping", fmt.Sprintf("ping%d", i)) }, d)
	}
	env.ExecuteWorkflow(RelayParent)
	var log []string
	require.NoError(t, env.GetWorkflowResult(&log))
	assert.Equal(t, []string{
		"2s relay-0<-ping0",
		"2s relay-2<-ping1",
		"3s relay-1<-ping2",
		"5s relay-0<-ping3",
		"5s relay-2<-ping4",
		"7s relay-1<-ping5",
	}, log)
}

// TestDeadlockAcrossRuns: a parent waits for a child that waits for a
// signal nobody sends. Nothing is pending anywhere, so the simulation is
// deadlocked; the error names where each run waits.
func TestDeadlockAcrossRuns(t *testing.T) {
	t.Parallel()
	env := unbound()
	env.RegisterWorkflow(Relay)
	env.ExecuteWorkflow(RelayParent)
	var dl *testsuite.DeadlockError
	require.ErrorAs(t, env.GetWorkflowError(), &dl)
	var runs []string
	for _, b := range dl.Blocked {
		runs = append(runs, b[:strings.Index(b, ":")])
	}
	assert.Equal(t, []string{"default-test-workflow-id", "default-test-workflow-id", "relay-0", "relay-1", "relay-2"}, runs)
}
