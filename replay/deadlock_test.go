package replay_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// TestReplayDeadlock: workflow code that runs without yielding fails the
// replay after a second or two of real time, as Temporal's replayer fails
// it after one, with Temporal's error text, whether it loops making
// workflow calls (it is interrupted at its next one), loops without any,
// or is stuck on a Go channel (it is left where it is stuck).
func TestReplayDeadlock(t *testing.T) {
	t.Parallel()
	const want = `[TMPRL1101] Potential deadlock detected: workflow goroutine "root" didn't yield for over 1s`
	var stop atomic.Bool
	t.Cleanup(func() { stop.Store(true) }) // lets the spinning coroutine go
	var mu sync.Mutex
	mu.Lock()
	tests := []struct {
		name string
		wf   func(workflow.Context, string) (string, error)
	}{
		{"loop of workflow calls", func(ctx workflow.Context, card string) (string, error) {
			for {
				workflow.Now(ctx)
			}
		}},
		{"loop without workflow calls", func(ctx workflow.Context, card string) (string, error) {
			for !stop.Load() {
			}
			return charge(ctx, card)
		}},
		{"an Await condition that loops, run on the dispatcher", func(ctx workflow.Context, card string) (string, error) {
			calls := 0
			workflow.Go(ctx, func(ctx workflow.Context) { _, _ = charge(ctx, card) })
			return "", workflow.Await(ctx, func() bool {
				calls++
				for calls > 1 {
					workflow.GetInfo(ctx)
				}
				return false
			})
		}},
		// Temporal's limit holds for each time a coroutine runs, and
		// passing it fails the task whatever the code does next.
		{"a time.Sleep a little over the limit, then a return", func(ctx workflow.Context, card string) (string, error) {
			time.Sleep(1100 * time.Millisecond)
			return "", nil
		}},
		{"a time.Sleep a little over the limit, then a workflow call", func(ctx workflow.Context, card string) (string, error) {
			time.Sleep(1100 * time.Millisecond)
			return charge(ctx, card)
		}},
		{"blocked on a Go channel", func(ctx workflow.Context, card string) (string, error) {
			<-make(chan struct{})
			return "", nil
		}},
		{"blocked on a mutex", func(ctx workflow.Context, card string) (string, error) {
			mu.Lock()
			return "", nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			err := replayer(t, false, map[string]any{"Order": tt.wf}).ReplayWorkflowHistory(nil, chargeHistory("Charge", "4242", "ok"))
			elapsed := time.Since(start)
			var pe *replay.PanicError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, want, pe.Value)
			assert.Equal(t, "root", pe.Coroutine)
			assert.Equal(t, int64(3), pe.EventID)
			assert.Contains(t, err.Error(), want)
			var wpe *wfsim.PanicError
			require.ErrorAs(t, err, &wpe)
			assert.Equal(t, want, wpe.Error())
			assert.GreaterOrEqual(t, elapsed, time.Second)
		})
	}
}

// TestReplayDeadlockDisabled: with DisableDeadlockDetection, code may take
// its time (here 2.5 seconds of real time in its first task).
func TestReplayDeadlockDisabled(t *testing.T) {
	t.Parallel()
	slow := func(ctx workflow.Context, card string) (string, error) {
		time.Sleep(2500 * time.Millisecond)
		return charge(ctx, card)
	}
	for _, disabled := range []bool{false, true} {
		t.Run(map[bool]string{false: "enabled", true: "disabled"}[disabled], func(t *testing.T) {
			t.Parallel()
			r, err := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{DisableDeadlockDetection: disabled})
			require.NoError(t, err)
			r.RegisterWorkflowWithOptions(slow, workflow.RegisterOptions{Name: "Order"})
			err = r.ReplayWorkflowHistory(nil, chargeHistory("Charge", "4242", "ok"))
			var pe *replay.PanicError
			if disabled {
				assert.NoError(t, err)
			} else {
				assert.True(t, errors.As(err, &pe), "got %v", err)
			}
		})
	}
}
