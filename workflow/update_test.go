package workflow_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// outcomes collects update callbacks as "at name event" lines.
type outcomes struct {
	env   *testsuite.TestWorkflowEnvironment
	lines []string
}

func (o *outcomes) cb(name string) *testsuite.TestUpdateCallback {
	at := func() time.Duration { return o.env.Now().Sub(testsuite.DefaultStartTime) }
	return &testsuite.TestUpdateCallback{
		OnAccept: func() { o.lines = append(o.lines, fmt.Sprintf("%v %s accepted", at(), name)) },
		OnReject: func(err error) { o.lines = append(o.lines, fmt.Sprintf("%v %s rejected: %v", at(), name, err)) },
		OnComplete: func(v any, err error) {
			o.lines = append(o.lines, fmt.Sprintf("%v %s completed: %v, %v", at(), name, v, err))
		},
	}
}

// Jobs runs "job" updates, each sleeping its argument, concurrently; it
// returns once every handler has finished, with the order they ran in.
func Jobs(ctx workflow.Context) (trace, error) {
	var tr trace
	running := 0
	err := workflow.SetUpdateHandler(ctx, "job", func(ctx workflow.Context, d time.Duration) (string, error) {
		info := workflow.GetCurrentUpdateInfo(ctx)
		running++
		tr.add(ctx, "%s starts (%d running, all finished: %v)", info.ID, running, workflow.AllHandlersFinished(ctx))
		// The update's info goes with its Context into coroutines it starts.
		done := workflow.NewChannel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, d)
			done.Send(ctx, workflow.GetCurrentUpdateInfo(ctx).ID)
		})
		var id string
		done.Receive(ctx, &id)
		running--
		if d > time.Hour {
			return "", errors.New("too long")
		}
		tr.add(ctx, "%s ends", id)
		return id + " done", nil
	})
	if err != nil {
		return nil, err
	}
	_ = workflow.Sleep(ctx, time.Minute)
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return nil, err
	}
	tr.add(ctx, "all finished")
	return tr, nil
}

func TestUpdateHandlersRunConcurrently(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	o := &outcomes{env: env}
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow("job", "slow", o.cb("slow"), 30*time.Minute)
		env.UpdateWorkflow("job", "fast", o.cb("fast"), 10*time.Minute)
	}, 0)
	env.RegisterDelayedCallback(func() { env.UpdateWorkflow("job", "huge", o.cb("huge"), 2*time.Hour) }, 5*time.Minute)
	env.ExecuteWorkflow(Jobs)
	var tr trace
	require.NoError(t, env.GetWorkflowResult(&tr))
	assert.Equal(t, trace{
		"0s slow starts (1 running, all finished: false)",
		"0s fast starts (2 running, all finished: false)",
		"5m0s huge starts (3 running, all finished: false)",
		"10m0s fast ends",
		"30m0s slow ends",
		"2h5m0s all finished",
	}, tr)
	assert.Equal(t, []string{
		"0s slow accepted", "0s fast accepted",
		"5m0s huge accepted",
		"10m0s fast completed: fast done, <nil>",
		"30m0s slow completed: slow done, <nil>",
		"2h5m0s huge completed: , too long",
	}, o.lines, "a handler's error completes the update; the workflow goes on")
}

func TestUpdateOfACanceledWorkflow(t *testing.T) {
	t.Parallel()
	// An update handler runs on the workflow's root Context: cancelling
	// the workflow cancels what the handler waits for.
	env := testsuite.NewTestWorkflowEnvironment(t)
	o := &outcomes{env: env}
	env.RegisterDelayedCallback(func() { env.UpdateWorkflow("job", "j", o.cb("j"), time.Hour) }, time.Minute)
	env.RegisterDelayedCallback(env.CancelWorkflow, 2*time.Minute)
	env.ExecuteWorkflow(Jobs)
	assert.True(t, wfsim.IsCanceledError(env.GetWorkflowError()))
	assert.Equal(t, []string{"1m0s j accepted"}, o.lines[:1])
}

func TestUnfinishedUpdatesAreLogged(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		policy workflow.HandlerUnfinishedPolicy
		warned bool
	}{
		{"warn and abandon", workflow.HandlerUnfinishedPolicyWarnAndAbandon, true},
		{"abandon", workflow.HandlerUnfinishedPolicyAbandon, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			var s testsuite.WorkflowTestSuite
			s.SetLogger(slog.New(slog.NewTextHandler(&buf, nil)))
			env := s.NewTestWorkflowEnvironment()
			env.RegisterDelayedCallback(func() { env.UpdateWorkflow("wait", "w1", &testsuite.TestUpdateCallback{}) }, time.Minute)
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				if err := workflow.SetUpdateHandlerWithOptions(ctx, "wait", func(ctx workflow.Context) error {
					return workflow.Sleep(ctx, 24*time.Hour)
				}, workflow.UpdateHandlerOptions{UnfinishedPolicy: tt.policy}); err != nil {
					return err
				}
				return workflow.Sleep(ctx, time.Hour)
			})
			require.NoError(t, env.GetWorkflowError())
			assert.Equal(t, tt.warned, bytes.Contains(buf.Bytes(), []byte("update handlers were still running")), buf.String())
			if tt.warned {
				assert.Contains(t, buf.String(), "Updates=\"[{Name:wait ID:w1}]\"")
			}
		})
	}
}

func TestValidatorReadsTheUpdateInfo(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		err := workflow.SetUpdateHandlerWithOptions(ctx, "named", func(ctx workflow.Context, want string) error { return nil },
			workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context, want string) error {
				if id := workflow.GetCurrentUpdateInfo(ctx).ID; id != want {
					return fmt.Errorf("ID %s, want %s", id, want)
				}
				return nil
			}})
		if err != nil {
			return err
		}
		return workflow.Sleep(ctx, time.Hour)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	o := &outcomes{env: env}
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow("named", "u1", o.cb("u1"), "u1")
		env.UpdateWorkflow("named", "u2", o.cb("u2"), "other")
	}, time.Minute)
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, []string{
		"1m0s u1 accepted",
		"1m0s u1 completed: <nil>, <nil>",
		"1m0s u2 rejected: ID u2, want other",
	}, o.lines, "in the order the update coroutines answered")
}

func ExampleSetUpdateHandlerWithOptions() {
	wf := func(ctx workflow.Context) (int, error) {
		total := 0
		err := workflow.SetUpdateHandlerWithOptions(ctx, "add", func(ctx workflow.Context, n int) (int, error) {
			total += n
			return total, nil
		}, workflow.UpdateHandlerOptions{Validator: func(n int) error {
			if n <= 0 {
				return fmt.Errorf("%d is not positive", n)
			}
			return nil
		}})
		if err != nil {
			return 0, err
		}
		return total, workflow.Sleep(ctx, time.Hour)
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	for i, n := range []int{5, -1, 7} {
		env.RegisterDelayedCallback(func() {
			env.UpdateWorkflow("add", "", &testsuite.TestUpdateCallback{
				OnReject:   func(err error) { fmt.Printf("add %d: rejected: %v\n", n, err) },
				OnComplete: func(v any, err error) { fmt.Printf("add %d: total %v\n", n, v) },
			}, n)
		}, time.Duration(i+1)*time.Minute)
	}
	env.ExecuteWorkflow(wf)
	// The rejected update left no event: 5 for the start, 5 for each
	// accepted update, 5 for the end.
	fmt.Println(len(env.History().Events), "events")
	// Output:
	// add 5: total 5
	// add -1: rejected: -1 is not positive
	// add 7: total 12
	// 20 events
}
