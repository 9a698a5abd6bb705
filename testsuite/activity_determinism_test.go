package testsuite_test

import (
	"bytes"
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// fanOut starts n mocked and n real activities that all take one virtual
// minute, and collects their results through a Selector in the order they
// arrive.
func fanOut(ctx workflow.Context, n int) ([]string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Hour, HeartbeatTimeout: 40 * time.Second})
	s := workflow.NewSelector(ctx)
	var order []string
	for i := range n {
		for _, name := range []string{"Slow", "Sleepy"} {
			s.AddFuture(workflow.ExecuteActivity(ctx, name, string(rune('a'+i))), func(f workflow.Future) {
				var out string
				if err := f.Get(ctx, &out); err != nil {
					out = err.Error()
				}
				order = append(order, out)
			})
		}
	}
	for range 2 * n {
		s.Select(ctx)
	}
	return order, nil
}

// Sleepy is real activity code that heartbeats and sleeps a virtual minute.
func Sleepy(ctx context.Context, s string) (string, error) {
	for range 2 {
		activity.RecordHeartbeat(ctx, s)
		time.Sleep(30 * time.Second)
	}
	return "real " + s, nil
}

func fanOutHistory(t *testing.T) []byte {
	t.Helper()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Slow)
	env.RegisterActivity(Sleepy)
	env.OnActivity(Slow, mock.Anything, mock.Anything).Return(func(ctx context.Context, s string) (string, error) {
		return "mock " + s, nil
	}).After(time.Minute)
	env.ExecuteWorkflow(fanOut, 10)
	require.NoError(t, env.GetWorkflowError())
	var buf bytes.Buffer
	require.NoError(t, env.History().WriteJSON(&buf))
	return buf.Bytes()
}

// TestActivityDeterminism runs parallel activities that finish at one
// instant — mocked and real, heartbeating — 50 times with one and with
// eight Ps, and requires byte-identical histories. Not parallel: it changes
// GOMAXPROCS.
func TestActivityDeterminism(t *testing.T) {
	runs := 50
	if testing.Short() {
		runs = 5
	}
	want := fanOutHistory(t)
	prev := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(prev)
	for _, procs := range []int{1, 8} {
		runtime.GOMAXPROCS(procs)
		for i := range runs {
			if got := fanOutHistory(t); !bytes.Equal(want, got) {
				t.Fatalf("GOMAXPROCS=%d run %d: the history differs from the first run's", procs, i)
			}
		}
	}
}
