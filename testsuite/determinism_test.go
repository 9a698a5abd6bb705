package testsuite_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// busyWorkflow exercises everything that could make a run depend on
// scheduling: many coroutines, same-instant timers, selectors racing timers
// against channels, buffered and unbuffered channels, a mutex, a wait group
// and Await. Its result is the order in which things happened.
func busyWorkflow(ctx workflow.Context, producers int) (string, error) {
	var log []string
	note := func(format string, args ...any) {
		log = append(log, fmt.Sprintf("%v ", workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime))+fmt.Sprintf(format, args...))
	}
	items := workflow.NewNamedBufferedChannel(ctx, "items", 3)
	urgent := workflow.NewNamedChannel(ctx, "urgent")
	mu := workflow.NewMutex(ctx)
	wg := workflow.NewWaitGroup(ctx)
	shared := 0

	for p := range producers {
		wg.Add(1)
		workflow.GoNamed(ctx, fmt.Sprintf("producer-%d", p), func(ctx workflow.Context) {
			defer wg.Done()
			for i := range 4 {
				// Producers share instants: every p%3 sleeps the same.
				_ = workflow.Sleep(ctx, time.Duration(1+p%3)*time.Minute)
				if err := mu.Lock(ctx); err == nil {
					shared++
					mu.Unlock()
				}
				if (p+i)%5 == 0 {
					urgent.Send(ctx, fmt.Sprintf("u%d.%d", p, i))
				} else {
					items.Send(ctx, fmt.Sprintf("i%d.%d", p, i))
				}
			}
		})
	}
	done := false
	workflow.Go(ctx, func(ctx workflow.Context) {
		wg.Wait(ctx)
		done = true
	})
	for c := range 3 {
		workflow.GoNamed(ctx, fmt.Sprintf("consumer-%d", c), func(ctx workflow.Context) {
			for !done {
				timerCtx, cancel := workflow.WithCancel(ctx)
				s := workflow.NewSelector(ctx)
				s.AddReceive(urgent, func(ch workflow.ReceiveChannel, more bool) {
					var v string
					ch.Receive(ctx, &v)
					note("consumer-%d urgent %s", c, v)
				})
				s.AddReceive(items, func(ch workflow.ReceiveChannel, more bool) {
					var v string
					ch.Receive(ctx, &v)
					note("consumer-%d item %s", c, v)
				})
				s.AddFuture(workflow.NewTimer(timerCtx, time.Duration(30+c*15)*time.Second), func(workflow.Future) {
					note("consumer-%d idle", c)
				})
				s.Select(ctx)
				cancel()
			}
		})
	}
	if err := workflow.Await(ctx, func() bool { return done && items.Len() == 0 }); err != nil {
		return "", err
	}
	note("shared=%d", shared)
	return strings.Join(log, "\n"), nil
}

// historyBytes runs busyWorkflow and returns its history as Temporal JSON.
func historyBytes(t *testing.T) []byte {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(busyWorkflow, 12)
	require.NoError(t, env.GetWorkflowError())
	var buf bytes.Buffer
	require.NoError(t, env.History().WriteJSON(&buf))
	return buf.Bytes()
}

// TestDeterminism runs a busy workflow many times, with one and with eight
// Ps, and requires byte-identical histories. Not parallel: it changes
// GOMAXPROCS.
func TestDeterminism(t *testing.T) {
	runs := 50
	if testing.Short() {
		runs = 10
	}
	want := historyBytes(t)
	require.Greater(t, bytes.Count(want, []byte(`"eventId"`)), 200, "the scenario should be busy")
	prev := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(prev)
	for _, procs := range []int{1, 8} {
		runtime.GOMAXPROCS(procs)
		for i := range runs {
			got := historyBytes(t)
			if !bytes.Equal(want, got) {
				t.Fatalf("GOMAXPROCS=%d run %d: the history differs from the first run's:\n%s", procs, i, firstDifference(want, got))
			}
		}
	}
}

// firstDifference shows where two byte strings first differ.
func firstDifference(a, b []byte) string {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return fmt.Sprintf("at byte %d:\nwant …%s…\ngot  …%s…", i, a[from:min(len(a), i+200)], b[from:min(len(b), i+200)])
}
