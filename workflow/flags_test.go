package workflow_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

var flagTestActivityOptions = workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second}

// blockedDefault sends on a channel while a Selector's default branch
// blocks on another, and runs an activity when the Selector still holds
// the value. It does so twice, a task apart, so the second time relies on
// the SDK flags the first task recorded.
func blockedDefault(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, flagTestActivityOptions)
	for round := range 2 {
		if round > 0 {
			if err := workflow.Sleep(ctx, time.Minute); err != nil {
				return err
			}
		}
		ch1, ch2 := workflow.NewChannel(ctx), workflow.NewChannel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) { ch1.Send(ctx, "one") })
		workflow.Go(ctx, func(ctx workflow.Context) { ch2.Send(ctx, "two") })
		s := workflow.NewSelector(ctx)
		var v string
		s.AddReceive(ch1, func(c workflow.ReceiveChannel, more bool) { c.Receive(ctx, &v) })
		s.AddDefault(func() { ch2.Receive(ctx, &v) })
		s.Select(ctx)
		if s.HasPending() {
			if err := workflow.ExecuteActivity(ctx, "Pending", round).Get(ctx, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// channelWorkers has two coroutines take items off one channel with a
// Selector each, and runs an activity per item they got.
func channelWorkers(ctx workflow.Context) error {
	ch := workflow.NewChannel(ctx)
	var received []string
	workflow.Go(ctx, func(ctx workflow.Context) {
		ch.Send(ctx, "item-1")
		ch.Send(ctx, "item-2")
		ch.Close()
	})
	wg := workflow.NewWaitGroup(ctx)
	wg.Add(2)
	for range 2 {
		workflow.Go(ctx, func(ctx workflow.Context) {
			defer wg.Done()
			for done := false; !done; {
				s := workflow.NewSelector(ctx)
				s.AddReceive(ch, func(c workflow.ReceiveChannel, more bool) {
					if !more {
						done = true
						return
					}
					var v string
					c.Receive(ctx, &v)
					received = append(received, v)
				})
				s.Select(ctx)
			}
		})
	}
	wg.Wait(ctx)
	ctx = workflow.WithActivityOptions(ctx, flagTestActivityOptions)
	for _, item := range received {
		if item == "" {
			continue
		}
		if err := workflow.ExecuteActivity(ctx, "Item", item).Get(ctx, nil); err != nil {
			return err
		}
	}
	return nil
}

// recordedFlags lists the SDK flags of each WorkflowTaskCompleted event.
func recordedFlags(h *replay.History) [][]uint32 {
	var out [][]uint32
	for _, ev := range h.Events {
		if a := ev.GetWorkflowTaskCompletedEventAttributes(); a != nil {
			var flags []uint32
			if a.SDKMetadata != nil {
				flags = a.SDKMetadata.LangUsedFlags
			}
			out = append(out, flags)
		}
	}
	return out
}

// withFlags returns a copy of h whose first WorkflowTaskCompleted records
// flags, and the others none.
func withFlags(t *testing.T, h *replay.History, flags ...uint32) *replay.History {
	t.Helper()
	data, err := h.MarshalJSON()
	require.NoError(t, err)
	var out replay.History
	require.NoError(t, out.UnmarshalJSON(data))
	first := true
	for _, ev := range out.Events {
		if a := ev.GetWorkflowTaskCompletedEventAttributes(); a != nil {
			a.SDKMetadata = nil
			if first && len(flags) > 0 {
				a.SDKMetadata = &replay.WorkflowTaskCompletedMetadata{LangUsedFlags: flags}
			}
			first = false
		}
	}
	return &out
}

func activityInputs(h *replay.History) []string {
	var out []string
	for _, ev := range h.Events {
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
			out = append(out, a.ActivityType.Name+" "+string(a.Input.Payloads[0].Data))
		}
	}
	return out
}

func TestSDKFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		wf       any
		mocks    []string
		wantActs []string
		// replays maps the flags a history records to whether the run
		// replays the same way.
		replays []struct {
			flags []uint32
			ok    bool
		}
	}{
		{
			name:     "blocked default keeps the value under flag 5",
			wf:       blockedDefault,
			mocks:    []string{"Pending"},
			wantActs: []string{"Pending 0", "Pending 1"},
			replays: []struct {
				flags []uint32
				ok    bool
			}{{[]uint32{5, 8}, true}, {[]uint32{5}, true}, {nil, false}, {[]uint32{8}, false}},
		},
		{
			name:     "two selectors on a channel each keep their value under flag 8",
			wf:       channelWorkers,
			mocks:    []string{"Item"},
			wantActs: []string{`Item "item-1"`, `Item "item-2"`},
			replays: []struct {
				flags []uint32
				ok    bool
			}{{[]uint32{5, 8}, true}, {[]uint32{5}, false}, {nil, true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			for _, m := range tt.mocks {
				env.RegisterActivityWithOptions(func(context.Context, any) error { return nil }, activity.RegisterOptions{Name: m})
				env.OnActivity(m, mock.Anything, mock.Anything).Return(nil)
			}
			env.ExecuteWorkflow(tt.wf)
			require.True(t, env.IsWorkflowCompleted())
			require.NoError(t, env.GetWorkflowError())
			h := env.History()
			assert.Equal(t, tt.wantActs, activityInputs(h))
			// New runs take the current paths and record their flags on
			// the first task that used them (3 when the run starts), never
			// flag 6 (off by default, as in Temporal's SDK).
			flags := recordedFlags(h)
			require.NotEmpty(t, flags)
			assert.Equal(t, []uint32{3, 5, 8}, flags[0])
			for _, f := range flags[1:] {
				assert.NotContains(t, f, uint32(5))
			}
			for _, f := range flags {
				assert.NotContains(t, f, uint32(6))
			}
			for _, r := range tt.replays {
				rp := replay.NewWorkflowReplayer()
				rp.RegisterWorkflow(tt.wf)
				err := rp.ReplayWorkflowHistory(nil, withFlags(t, h, r.flags...))
				if r.ok {
					assert.NoError(t, err, "flags %v", r.flags)
					continue
				}
				var nd *replay.NondeterminismError
				assert.True(t, errors.As(err, &nd), "flags %v: want a NondeterminismError, got %v", r.flags, err)
			}
		})
	}
}

func TestSDKFlagsOfAHistoryStayOn(t *testing.T) {
	t.Parallel()
	// The second round of blockedDefault runs in a later task than the
	// one whose completion recorded flag 5: replay keeps the flag on.
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivityWithOptions(func(context.Context, any) error { return nil }, activity.RegisterOptions{Name: "Pending"})
	env.OnActivity("Pending", mock.Anything, mock.Anything).Return(nil)
	env.ExecuteWorkflow(blockedDefault)
	require.NoError(t, env.GetWorkflowError())
	flags := recordedFlags(env.History())
	require.Greater(t, len(flags), 2)
	assert.True(t, slices.Contains(flags[0], 5))
	for _, f := range flags[1:] {
		assert.Empty(t, f)
	}
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflow(blockedDefault)
	assert.NoError(t, rp.ReplayWorkflowHistory(nil, env.History()))
}
