package testsuite_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the update tests of Temporal's internal/workflow_testsuite_test.go:
// updates by workflow ID (also to a child), the order in which updates sent
// at the start run, generated and duplicate update IDs, rejections, callbacks
// left out, and AllHandlersFinished.

// sdk5CountUpdates registers an "update" handler (taking the given
// arguments' types, checked against want) that sleeps an hour, then waits
// until no update is in flight and until extra holds, and returns how many
// updates ran.
func sdk5CountUpdates(t *testing.T, extra func() bool, want ...string) func(ctx workflow.Context) (int, error) {
	return func(ctx workflow.Context) (int, error) {
		inflight, ran := 0, 0
		body := func(ctx workflow.Context, got []string) error {
			inflight++
			ran++
			defer func() { inflight-- }()
			assert.Equal(t, want, got)
			return workflow.Sleep(ctx, time.Hour)
		}
		var handler any
		switch len(want) {
		case 0:
			handler = func(ctx workflow.Context) error { return body(ctx, nil) }
		case 1:
			handler = func(ctx workflow.Context, a string) error { return body(ctx, []string{a}) }
		default:
			handler = func(ctx workflow.Context, a, b string) error { return body(ctx, []string{a, b}) }
		}
		if err := workflow.SetUpdateHandler(ctx, "update", handler); err != nil {
			return 0, err
		}
		err := workflow.Await(ctx, func() bool { return inflight == 0 && extra() })
		return ran, err
	}
}

// sdk5MustAccept returns callbacks that fail t on a rejection.
func sdk5MustAccept(t *testing.T) *testsuite.TestUpdateCallback {
	return &testsuite.TestUpdateCallback{OnReject: func(err error) { t.Errorf("update rejected: %v", err) }}
}

// Temporal: internal/workflow_testsuite_test.go TestWorkflowIDUpdateWorkflowByID
func TestSDK5UpdateWorkflowByCustomID(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "my-workflow-id"})
	var sendErr error
	env.RegisterDelayedCallback(func() {
		sendErr = env.UpdateWorkflowByID("my-workflow-id", "update", "id", sdk5MustAccept(t), "input")
	}, time.Second)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		var got string
		err := workflow.SetUpdateHandler(ctx, "update", func(_ workflow.Context, in string) error {
			got = in
			return nil
		})
		if err != nil {
			return "", err
		}
		err = workflow.Await(ctx, func() bool { return got != "" })
		return got, err
	})
	require.NoError(t, sendErr)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "input", got)
}

// SDK5UpdatedChild waits until its "child-handler" update ran.
func SDK5UpdatedChild(ctx workflow.Context) error {
	done := false
	err := workflow.SetUpdateHandler(ctx, "child-handler", func(workflow.Context, any) error {
		done = true
		return nil
	})
	if err != nil {
		return err
	}
	return workflow.Await(ctx, func() bool { return done })
}

// SDK5UpdatedParent runs SDK5UpdatedChild as "child-workflow".
func SDK5UpdatedParent(ctx workflow.Context) error {
	err := workflow.SetUpdateHandler(ctx, "parent-handler", func(workflow.Context, any) error { return nil })
	if err != nil {
		return err
	}
	ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "child-workflow"})
	return workflow.ExecuteChildWorkflow(ctx, SDK5UpdatedChild).Get(ctx, nil)
}

// Temporal: internal/workflow_testsuite_test.go TestChildWorkflowUpdate
func TestSDK5UpdateChildWorkflowByID(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "fake_workflow_id"})
	var sendErr, completeErr error
	completed := false
	env.RegisterDelayedCallback(func() {
		sendErr = env.UpdateWorkflowByID("child-workflow", "child-handler", "1", &testsuite.TestUpdateCallback{
			OnReject:   func(err error) { t.Errorf("update rejected: %v", err) },
			OnComplete: func(_ any, err error) { completed, completeErr = true, err },
		}, nil)
	}, 5*time.Second)
	env.RegisterWorkflow(SDK5UpdatedChild)
	env.RegisterWorkflow(SDK5UpdatedParent)
	env.ExecuteWorkflow(SDK5UpdatedParent)
	require.NoError(t, sendErr)
	assert.True(t, completed)
	assert.NoError(t, completeErr)
	assert.NoError(t, env.GetWorkflowErrorByID("fake_workflow_id"))
	assert.NoError(t, env.GetWorkflowErrorByID("child-workflow"))
	assert.Equal(t, testsuite.DefaultStartTime.Add(5*time.Second), env.Now())
}

// Temporal: internal/workflow_testsuite_test.go TestWorkflowUpdateOrder,
// TestWorkflowUpdateOrderWithOneArg, TestWorkflowUpdateOrderWithMultiArgs
func TestSDK5UpdatesSentAtStartRunBeforeTheWorkflowGoesOn(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		args []string
	}{
		{name: "no arguments"},
		{name: "one argument", args: []string{"args"}},
		{name: "two arguments", args: []string{"args1", "args2"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
			env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "my-workflow-id"})
			args := make([]any, len(tc.args))
			for i, a := range tc.args {
				args[i] = a
			}
			sent := 0
			env.RegisterDelayedCallback(func() {
				env.UpdateWorkflowNoRejection("update", "no-rejection", t, args...)
				sent++
			}, 0)
			want := 1
			if len(args) > 0 {
				// A second update, by ID, at the same instant.
				want = 2
				env.RegisterDelayedCallback(func() {
					require.NoError(t, env.UpdateWorkflowByID("my-workflow-id", "update", "by-id", sdk5MustAccept(t), args...))
					sent++
				}, 0)
			}
			env.ExecuteWorkflow(sdk5CountUpdates(t, func() bool { return sent == want }, tc.args...))
			var ran int
			require.NoError(t, env.GetWorkflowResult(&ran))
			assert.Equal(t, want, ran)
		})
	}
}

// Temporal: internal/workflow_testsuite_test.go TestWorkflowUpdateIdGeneration
func TestSDK5UpdatesWithoutIDAreNotDeduplicated(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	var secondRejected error
	env.RegisterDelayedCallback(func() { env.UpdateWorkflow("update", "", sdk5MustAccept(t)) }, 0)
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow("update", "", &testsuite.TestUpdateCallback{
			OnAccept: func() { t.Error("the second update should be rejected by the validator") },
			OnReject: func(err error) { secondRejected = err },
		})
	}, time.Second)
	env.ExecuteWorkflow(func(ctx workflow.Context) (int, error) {
		inflight, ran := 0, 0
		err := workflow.SetUpdateHandlerWithOptions(ctx, "update", func(ctx workflow.Context) error {
			inflight++
			ran++
			defer func() { inflight-- }()
			return workflow.Sleep(ctx, time.Hour)
		}, workflow.UpdateHandlerOptions{Validator: func() error {
			if inflight > 0 {
				return errors.New("inflight updates should be 0")
			}
			return nil
		}})
		if err != nil {
			return 0, err
		}
		if err := workflow.Await(ctx, func() bool { return inflight == 0 }); err != nil {
			return 0, err
		}
		err = workflow.Sleep(ctx, time.Minute)
		return ran, err
	})
	var ran int
	require.NoError(t, env.GetWorkflowResult(&ran))
	assert.Equal(t, 1, ran)
	// Had both got the same generated ID, the second would have been
	// deduplicated (accepted) instead of validated.
	assert.EqualError(t, secondRejected, "inflight updates should be 0")
}

// Temporal: internal/workflow_testsuite_test.go TestWorkflowNotRegisteredRejected
func TestSDK5UpdateWithoutAnyHandlerIsRejected(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	var rejected error
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow("update", "id", &testsuite.TestUpdateCallback{
			OnAccept: func() { t.Error("update should not be accepted") },
			OnReject: func(err error) { rejected = err },
		})
	}, 0)
	env.ExecuteWorkflow(func(ctx workflow.Context) error { return workflow.Sleep(ctx, time.Hour) })
	require.NoError(t, env.GetWorkflowError())
	require.NoError(t, env.GetWorkflowResult(nil))
	assert.EqualError(t, rejected, "unknown update update. KnownUpdates=[]")
}

// Temporal: internal/workflow_testsuite_test.go TestWorkflowUpdateOrderAcceptReject
func TestSDK5UnknownUpdateRejectedBetweenAcceptedOnes(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	env.RegisterDelayedCallback(func() { env.UpdateWorkflowNoRejection("update", "1", t) }, 0)
	var rejected error
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow("bad update", "2", &testsuite.TestUpdateCallback{
			OnAccept: func() { t.Error("update should not be accepted") },
			OnReject: func(err error) { rejected = err },
		})
	}, 0)
	env.RegisterDelayedCallback(func() { env.UpdateWorkflowNoRejection("update", "3", t) }, 0)
	env.ExecuteWorkflow(sdk5CountUpdates(t, func() bool { return true }))
	var ran int
	require.NoError(t, env.GetWorkflowResult(&ran))
	assert.Equal(t, 2, ran)
	assert.EqualError(t, rejected, "unknown update bad update. KnownUpdates=[update]")
}

// Temporal: internal/workflow_testsuite_test.go TestWorkflowDuplicateIDDedup,
// TestWorkflowDuplicateIDDedupInterweave, TestWorkflowDuplicateIDDedupWithSleep,
// TestWorkflowDuplicateIDDedupMore, TestWorkflowDuplicateIDDedupDelayAndSleep
func TestSDK5DuplicateUpdateIDGetsTheFirstOutcome(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		later      time.Duration // when the duplicates are sent
		sleep      bool          // the handler sleeps a second
		duplicates int
	}{
		{name: "one, a second later", later: time.Second, duplicates: 1},
		{name: "one, at once", duplicates: 1},
		{name: "one, at once, handler sleeps", sleep: true, duplicates: 1},
		{name: "fifty, a second later", later: time.Second, duplicates: 50},
		{name: "fifty, a second later, handler sleeps", later: time.Second, sleep: true, duplicates: 50},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
			completions := 0
			callbacks := func() *testsuite.TestUpdateCallback {
				return &testsuite.TestUpdateCallback{
					OnReject: func(err error) { t.Errorf("update rejected: %v", err) },
					OnComplete: func(result any, err error) {
						completions++
						assert.NoError(t, err)
						// The duplicates send 1; deduplicated, they get
						// the first update's result, 0.
						assert.Equal(t, 0, result)
					},
				}
			}
			env.RegisterDelayedCallback(func() { env.UpdateWorkflow("update", "id", callbacks(), 0) }, 0)
			for range tc.duplicates {
				env.RegisterDelayedCallback(func() { env.UpdateWorkflow("update", "id", callbacks(), 1) }, tc.later)
			}
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				err := workflow.SetUpdateHandler(ctx, "update", func(ctx workflow.Context, i int) (int, error) {
					if tc.sleep {
						if err := workflow.Sleep(ctx, time.Second); err != nil {
							return 0, err
						}
					}
					return i, nil
				})
				if err != nil {
					return err
				}
				return workflow.Sleep(ctx, time.Hour)
			})
			require.NoError(t, env.GetWorkflowError())
			assert.Equal(t, 1+tc.duplicates, completions)
			accepted := 0
			for _, ev := range env.History().Events {
				if ev.EventType == replay.EventTypeWorkflowExecutionUpdateAccepted {
					accepted++
				}
			}
			assert.Equal(t, 1, accepted, "the update was accepted, and its handler run, once")
		})
	}
}

// Temporal: internal/workflow_testsuite_test.go TestWorkflowUpdateMissingCallbackFields
func TestSDK5UpdateCallbacksMayBeLeftOut(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	completed := false
	env.RegisterDelayedCallback(func() {
		// No OnAccept: accepting the update must not panic.
		env.UpdateWorkflow("update", "id", &testsuite.TestUpdateCallback{
			OnReject:   func(err error) { t.Errorf("update rejected: %v", err) },
			OnComplete: func(any, error) { completed = true },
		}, 0)
	}, 0)
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		if err := workflow.SetUpdateHandler(ctx, "update", func(workflow.Context) error { return nil }); err != nil {
			return err
		}
		return workflow.Sleep(ctx, time.Hour)
	})
	require.NoError(t, env.GetWorkflowError())
	assert.True(t, completed)
}

// Temporal: internal/workflow_testsuite_test.go TestAllHandlersFinished
func TestSDK5AllHandlersFinishedIsFalseInValidator(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	env.RegisterDelayedCallback(func() { env.UpdateWorkflowNoRejection("update", "id_1", t) }, 0)
	env.RegisterDelayedCallback(func() { env.UpdateWorkflowNoRejection("update", "id_2", t) }, time.Minute)
	env.ExecuteWorkflow(func(ctx workflow.Context) (int, error) {
		ran := 0
		err := workflow.SetUpdateHandlerWithOptions(ctx, "update", func(ctx workflow.Context) error {
			ran++
			return workflow.Sleep(ctx, time.Hour)
		}, workflow.UpdateHandlerOptions{Validator: func() error {
			if workflow.AllHandlersFinished(ctx) {
				return fmt.Errorf("AllHandlersFinished should return false in a validator")
			}
			return nil
		}})
		if err != nil {
			return 0, err
		}
		err = workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) })
		return ran, err
	})
	var ran int
	require.NoError(t, env.GetWorkflowResult(&ran))
	assert.Equal(t, 2, ran)
	// The second update arrived a minute in and ran its hour.
	assert.Equal(t, testsuite.DefaultStartTime.Add(time.Hour+time.Minute), env.Now())
}
