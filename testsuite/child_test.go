package testsuite_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// compEvents renders a history as "offset EventType detail" lines, the
// offset counted from the run's start, with the details the composition
// tests look at.
func compEvents(h *replay.History) []string {
	if h == nil || len(h.Events) == 0 {
		return nil
	}
	start := h.Events[0].EventTime
	out := make([]string, 0, len(h.Events))
	for _, ev := range h.Events {
		line := fmt.Sprintf("%d %v %s", ev.EventID, ev.EventTime.Sub(start), ev.EventType)
		switch {
		case ev.GetStartChildWorkflowExecutionInitiatedEventAttributes() != nil:
			a := ev.GetStartChildWorkflowExecutionInitiatedEventAttributes()
			line += " " + a.WorkflowType.Name + " " + a.WorkflowID
		case ev.GetChildWorkflowExecutionStartedEventAttributes() != nil:
			line += " " + ev.GetChildWorkflowExecutionStartedEventAttributes().WorkflowExecution.RunID
		case ev.GetMarkerRecordedEventAttributes() != nil:
			line += " " + ev.GetMarkerRecordedEventAttributes().MarkerName
		case ev.GetTimerStartedEventAttributes() != nil:
			line += " " + ev.GetTimerStartedEventAttributes().TimerID
		case ev.GetActivityTaskScheduledEventAttributes() != nil:
			line += " " + ev.GetActivityTaskScheduledEventAttributes().ActivityID
		case ev.GetWorkflowExecutionSignaledEventAttributes() != nil:
			line += " " + ev.GetWorkflowExecutionSignaledEventAttributes().SignalName
		case ev.GetSignalExternalWorkflowExecutionInitiatedEventAttributes() != nil:
			a := ev.GetSignalExternalWorkflowExecutionInitiatedEventAttributes()
			line += " " + a.SignalName + " " + a.WorkflowExecution.WorkflowID + " " + a.Control
		case ev.GetWorkflowExecutionTerminatedEventAttributes() != nil:
			line += " " + ev.GetWorkflowExecutionTerminatedEventAttributes().Reason
		case ev.GetWorkflowExecutionCancelRequestedEventAttributes() != nil && ev.GetWorkflowExecutionCancelRequestedEventAttributes().Cause != "":
			line += " " + ev.GetWorkflowExecutionCancelRequestedEventAttributes().Cause
		}
		out = append(out, line)
	}
	return out
}

// unbound returns an environment that returns errors rather than failing
// the test.
func unbound() *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	return s.NewTestWorkflowEnvironment()
}

// replays checks that every history the environment recorded replays
// against the registered code.
func replays(t *testing.T, env *testsuite.TestWorkflowEnvironment, workflows ...any) {
	t.Helper()
	rp := replay.NewWorkflowReplayer()
	for _, w := range workflows {
		rp.RegisterWorkflow(w)
	}
	for _, id := range env.WorkflowIDs() {
		for i, h := range env.Histories(id) {
			require.NoError(t, rp.ReplayWorkflowHistory(nil, h), "replaying run %d of %s:\n%s", i+1, id, h)
		}
	}
}

func Greeter(ctx workflow.Context, name string) (string, error) {
	if err := workflow.Sleep(ctx, time.Hour); err != nil {
		return "", err
	}
	return "Hello " + name, nil
}

func GreeterParent(ctx workflow.Context, name string) (string, error) {
	var out string
	err := workflow.ExecuteChildWorkflow(ctx, Greeter, name).Get(ctx, &out)
	return out, err
}

func TestChildWorkflowRunsInTheSimulation(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(Greeter)
	env.ExecuteWorkflow(GreeterParent, "wfsim")
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	assert.Equal(t, "Hello wfsim", out)
	assert.Equal(t, []string{
		"1 0s WorkflowExecutionStarted",
		"2 0s WorkflowTaskScheduled",
		"3 0s WorkflowTaskStarted",
		"4 0s WorkflowTaskCompleted",
		"5 0s StartChildWorkflowExecutionInitiated Greeter default-test-run-id_5",
		"6 0s ChildWorkflowExecutionStarted run-2",
		"7 0s WorkflowTaskScheduled",
		"8 0s WorkflowTaskStarted",
		"9 0s WorkflowTaskCompleted",
		"10 1h0m0s ChildWorkflowExecutionCompleted",
		"11 1h0m0s WorkflowTaskScheduled",
		"12 1h0m0s WorkflowTaskStarted",
		"13 1h0m0s WorkflowTaskCompleted",
		"14 1h0m0s WorkflowExecutionCompleted",
	}, compEvents(env.History()))
	assert.Equal(t, []string{"default-test-workflow-id", "default-test-run-id_5"}, env.WorkflowIDs())
	child := env.Histories("default-test-run-id_5")
	require.Len(t, child, 1)
	assert.Equal(t, []string{
		"1 0s WorkflowExecutionStarted",
		"2 0s WorkflowTaskScheduled",
		"3 0s WorkflowTaskStarted",
		"4 0s WorkflowTaskCompleted",
		"5 0s TimerStarted 5",
		"6 1h0m0s TimerFired",
		"7 1h0m0s WorkflowTaskScheduled",
		"8 1h0m0s WorkflowTaskStarted",
		"9 1h0m0s WorkflowTaskCompleted",
		"10 1h0m0s WorkflowExecutionCompleted",
	}, compEvents(child[0]))
	started := child[0].Events[0].GetWorkflowExecutionStartedEventAttributes()
	require.NotNil(t, started.ParentWorkflowExecution)
	assert.Equal(t, replay.WorkflowExecution{WorkflowID: "default-test-workflow-id", RunID: "default-test-run-id"}, *started.ParentWorkflowExecution)
	assert.Equal(t, int64(5), started.ParentInitiatedEventID)
	initiated := env.History().Events[4].GetStartChildWorkflowExecutionInitiatedEventAttributes()
	assert.Equal(t, replay.ParentClosePolicyTerminate, initiated.ParentClosePolicy)
	assert.Equal(t, replay.WorkflowIDReusePolicyAllowDuplicate, initiated.WorkflowIDReusePolicy)
	assert.Equal(t, 10*time.Second, initiated.WorkflowTaskTimeout)
	assert.Equal(t, "default", initiated.Namespace)
	replays(t, env, GreeterParent, Greeter)
}

// ChildOutcome runs a child and reports how it ended, as text.
func ChildOutcome(ctx workflow.Context, child string, opts workflow.ChildWorkflowOptions) (string, error) {
	ctx = workflow.WithChildOptions(ctx, opts)
	f := workflow.ExecuteChildWorkflow(ctx, child, "x")
	var we workflow.WorkflowExecution
	startErr := f.GetChildWorkflowExecution().Get(ctx, &we)
	var out string
	err := f.Get(ctx, &out)
	var cwe *wfsim.ChildWorkflowExecutionError
	switch {
	case err == nil:
		return fmt.Sprintf("%v ok %s (%s)", workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime), out, we.RunID), nil
	case errors.As(err, &cwe):
		return fmt.Sprintf("%v %T %v start=%v: %v", workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime), errors.Unwrap(err), cwe.RetryState(), startErr != nil, errors.Unwrap(err)), nil
	}
	return "", err
}

func FailingChild(ctx workflow.Context, s string) (string, error) {
	_ = workflow.Sleep(ctx, time.Minute)
	return "", wfsim.NewApplicationError("no "+s, "Nope")
}

func PanickingChild(ctx workflow.Context, s string) (string, error) {
	panic("boom " + s)
}

func SleepyChild(ctx workflow.Context, s string) (string, error) {
	err := workflow.Sleep(ctx, time.Hour)
	return "slept " + s, err
}

func TestChildWorkflowOutcomes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		child string
		opts  workflow.ChildWorkflowOptions
		setup func(env *testsuite.TestWorkflowEnvironment)
		want  string
	}{
		{name: "failure", child: "FailingChild",
			want: "1m0s *wfsim.ApplicationError RetryPolicyNotSet start=false: no x (type: Nope, retryable: true)"},
		{name: "retried failure", child: "FailingChild",
			opts: workflow.ChildWorkflowOptions{RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 3}},
			want: "3m3s *wfsim.ApplicationError MaximumAttemptsReached start=false: no x (type: Nope, retryable: true)"},
		{name: "run timeout", child: "SleepyChild", opts: workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Minute},
			// Without a retry policy, as a Temporal server records it.
			want: "1m0s *wfsim.TimeoutError RetryPolicyNotSet start=false: Child workflow timeout (type: StartToClose)"},
		{name: "execution timeout", child: "SleepyChild", opts: workflow.ChildWorkflowOptions{WorkflowExecutionTimeout: time.Minute},
			want: "1m0s *wfsim.TimeoutError Timeout start=false: Child workflow timeout (type: StartToClose)"},
		{name: "panic", child: "PanickingChild",
			want: "0s *wfsim.PanicError NonRetryableFailure start=false: boom x"},
		{name: "unregistered type", child: "NoSuchChild",
			want: "0s *wfsim.ApplicationError NonRetryableFailure start=false: unable to find workflow type: NoSuchChild. Supported types: [ChildOutcome, FailingChild, PanickingChild, SleepyChild] (type: UnknownWorkflowError, retryable: true)"},
		{name: "mocked values", child: "SleepyChild",
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnWorkflow(SleepyChild, mock.Anything, "x").Return("mocked", nil).After(2 * time.Minute)
			},
			want: "2m0s ok mocked (run-2)"},
		{name: "mocked function", child: "SleepyChild",
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnWorkflow("SleepyChild", mock.Anything, "x").Return(func(ctx workflow.Context, s string) (string, error) {
					return "func " + s, workflow.Sleep(ctx, 3*time.Minute)
				})
			},
			want: "3m0s ok func x (run-2)"},
		{name: "mocked start failure", child: "SleepyChild",
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnWorkflow(SleepyChild, mock.Anything, mock.Anything).Return("", testsuite.ErrMockStartChildWorkflowFailed)
			},
			want: "0s *wfsim.ChildWorkflowExecutionAlreadyStartedError NonRetryableFailure start=true: child workflow execution already started"},
		{name: "mocked by name only", child: "Unregistered",
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnWorkflow("Unregistered", "x").Return("by name", nil)
			},
			want: "0s ok by name (run-2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			for _, w := range []any{ChildOutcome, FailingChild, PanickingChild, SleepyChild} {
				env.RegisterWorkflow(w)
			}
			if tt.setup != nil {
				tt.setup(env)
			}
			env.ExecuteWorkflow(ChildOutcome, tt.child, tt.opts)
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestChildWorkflowRetriesRecordTheChain(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(FailingChild)
	env.ExecuteWorkflow(ChildOutcome, "FailingChild", workflow.ChildWorkflowOptions{WorkflowID: "flaky",
		RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumAttempts: 3}})
	runs := env.Histories("flaky")
	require.Len(t, runs, 3)
	for i, h := range runs {
		started := h.Events[0].GetWorkflowExecutionStartedEventAttributes()
		assert.Equal(t, int32(i+1), started.Attempt, "run %d", i+1)
		assert.Equal(t, runs[0].Events[0].GetWorkflowExecutionStartedEventAttributes().OriginalExecutionRunID, started.FirstExecutionRunID)
		failed := h.Events[len(h.Events)-1].GetWorkflowExecutionFailedEventAttributes()
		require.NotNil(t, failed)
		if i < 2 {
			assert.Equal(t, wfsim.RetryStateInProgress, failed.RetryState)
			assert.Equal(t, runs[i+1].Events[0].GetWorkflowExecutionStartedEventAttributes().OriginalExecutionRunID, failed.NewExecutionRunID)
			next := runs[i+1].Events[0].GetWorkflowExecutionStartedEventAttributes()
			assert.Equal(t, replay.ContinueAsNewInitiatorRetry, next.Initiator)
			assert.Equal(t, time.Duration(1<<i)*time.Second, next.FirstWorkflowTaskBackoff)
		} else {
			assert.Equal(t, wfsim.RetryStateMaximumAttemptsReached, failed.RetryState)
		}
	}
	// The parent saw one child: started by the first run, closed by the last.
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Contains(t, got, "MaximumAttemptsReached")
}

func TestChildWorkflowIDInUse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		id   string
		want string
		// failed is set when the server refuses the start: the parent's
		// history records StartChildWorkflowExecutionFailed.
		failed bool
	}{
		// The SDK refuses a second child with the ID of a pending one
		// itself, without a command.
		{name: "pending child of the parent", id: "same", want: "already started: true"},
		{name: "running workflow", id: "default-test-workflow-id", want: "already started: true", failed: true},
		{name: "closed workflow, AllowDuplicate", id: "closed", want: "already started: false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			twice := func(ctx workflow.Context) (string, error) {
				first := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "same"}), SleepyChild, "a")
				if err := first.GetChildWorkflowExecution().Get(ctx, nil); err != nil {
					return "", err
				}
				if tt.id == "closed" {
					_ = workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "closed"}), Greeter, "a").Get(ctx, nil)
				}
				err := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: tt.id}), Greeter, "b").Get(ctx, nil)
				var already *wfsim.ChildWorkflowExecutionAlreadyStartedError
				return fmt.Sprintf("already started: %v", errors.As(err, &already)), nil
			}
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflow(SleepyChild)
			env.RegisterWorkflow(Greeter)
			env.RegisterWorkflowWithOptions(twice, workflow.RegisterOptions{Name: "Twice"})
			env.ExecuteWorkflow("Twice")
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
			failed := false
			for _, ev := range env.History().Events {
				if a := ev.GetStartChildWorkflowExecutionFailedEventAttributes(); a != nil {
					failed = true
					assert.Equal(t, replay.StartChildWorkflowExecutionFailedCauseWorkflowAlreadyExists, a.Cause)
				}
			}
			assert.Equal(t, tt.failed, failed)
		})
	}
}

func TestChildWorkflowListeners(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(Greeter)
	var seen []string
	env.SetOnChildWorkflowStartedListener(func(info *workflow.Info, ctx workflow.Context, args converter.EncodedValues) {
		var name string
		require.NoError(t, args.Get(&name))
		seen = append(seen, fmt.Sprintf("started %s %s parent=%s %s", info.WorkflowType.Name, name, info.ParentWorkflowExecution.ID, env.Now().Sub(testsuite.DefaultStartTime)))
	})
	env.SetOnChildWorkflowCompletedListener(func(info *workflow.Info, result converter.EncodedValue, err error) {
		var out string
		require.NoError(t, result.Get(&out))
		seen = append(seen, fmt.Sprintf("completed %s %q %v %s", info.WorkflowExecution.ID, out, err, env.Now().Sub(testsuite.DefaultStartTime)))
	})
	env.ExecuteWorkflow(GreeterParent, "you")
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, []string{
		"started Greeter you parent=default-test-workflow-id 0s",
		`completed default-test-run-id_5 "Hello you" <nil> 1h0m0s`,
	}, seen)
}

func TestWorkflowMockMisuseIsReported(t *testing.T) {
	t.Parallel()
	env := unbound()
	env.RegisterWorkflow(SleepyChild)
	env.OnWorkflow(SleepyChild, mock.Anything, "x").Return(42, nil)
	env.ExecuteWorkflow(ChildOutcome, "SleepyChild", workflow.ChildWorkflowOptions{})
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	// The child fails as under Temporal's environment, whose mock panics.
	assert.Contains(t, got, `*wfsim.PanicError RetryPolicyNotSet start=false: mock of SleepyChild has incorrect return type, expected string, but actual is int (42)`)
}

// ChainChild continues as new once, then returns its run's position.
func ChainChild(ctx workflow.Context, run int) (string, error) {
	_ = workflow.Sleep(ctx, time.Minute)
	if run < 2 {
		return "", workflow.NewContinueAsNewError(ctx, ChainChild, run+1)
	}
	return fmt.Sprintf("run %d of %s", run, workflow.GetInfo(ctx).FirstRunID), nil
}

func TestChildContinuesAsNew(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(ChainChild)
	parent := func(ctx workflow.Context) (string, error) {
		f := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "chain"}), ChainChild, 1)
		var we workflow.WorkflowExecution
		if err := f.GetChildWorkflowExecution().Get(ctx, &we); err != nil {
			return "", err
		}
		var out string
		err := f.Get(ctx, &out)
		return out + ", started as " + we.RunID, err
	}
	env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "ChainParent"})
	env.ExecuteWorkflow("ChainParent")
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "run 2 of run-2, started as run-2", got)
	runs := env.Histories("chain")
	require.Len(t, runs, 2)
	assert.Equal(t, "run-2", runs[1].Events[0].GetWorkflowExecutionStartedEventAttributes().ContinuedExecutionRunID)
	assert.Equal(t, "default-test-workflow-id", runs[1].Events[0].GetWorkflowExecutionStartedEventAttributes().ParentWorkflowExecution.WorkflowID)
	var completed *replay.ChildWorkflowExecutionCompletedEventAttributes
	for _, ev := range env.History().Events {
		if ev.GetChildWorkflowExecutionCompletedEventAttributes() != nil {
			completed = ev.GetChildWorkflowExecutionCompletedEventAttributes()
		}
	}
	require.NotNil(t, completed)
	assert.Equal(t, "run-3", completed.WorkflowExecution.RunID, "the run that completed")
	assert.Equal(t, 2*time.Minute, env.Now().Sub(testsuite.DefaultStartTime))
}

func TestWorkflowResultByID(t *testing.T) {
	t.Parallel()
	env := unbound()
	env.RegisterWorkflow(Greeter)
	env.RegisterWorkflow(FailingChild)
	parent := func(ctx workflow.Context) error {
		ok := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "ok"}), Greeter, "id")
		bad := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "bad"}), FailingChild, "id")
		_ = bad.Get(ctx, nil)
		return ok.Get(ctx, nil)
	}
	env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "TwoChildren"})
	env.ExecuteWorkflow("TwoChildren")
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResultByID("ok", &out))
	assert.Equal(t, "Hello id", out)
	var appErr *wfsim.ApplicationError
	require.ErrorAs(t, env.GetWorkflowErrorByID("bad"), &appErr)
	assert.Equal(t, "Nope", appErr.Type())
	var notFound *testsuite.WorkflowNotFoundError
	require.ErrorAs(t, env.GetWorkflowErrorByID("nobody"), &notFound)
	assert.Nil(t, env.Histories("nobody"))
}

// TestDuplicateChildRecordsFlag: the SDK refuses a second pending child
// with one ID under SDK flag 2, which the history records so that replay
// takes the same path.
func TestDuplicateChildRecordsFlag(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (bool, error) {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "twin"})
		first := workflow.ExecuteChildWorkflow(ctx, Greeter, "a")
		second := workflow.ExecuteChildWorkflow(ctx, Greeter, "b")
		err := second.GetChildWorkflowExecution().Get(ctx, nil)
		_ = first.Get(ctx, nil)
		return err != nil, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(Greeter)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Twins"})
	env.ExecuteWorkflow("Twins")
	var failed bool
	require.NoError(t, env.GetWorkflowResult(&failed))
	assert.True(t, failed)
	completed := env.History().Events[3].GetWorkflowTaskCompletedEventAttributes()
	require.NotNil(t, completed.SDKMetadata)
	assert.Contains(t, completed.SDKMetadata.LangUsedFlags, uint32(2))
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Twins"})
	require.NoError(t, rp.ReplayWorkflowHistory(nil, env.History()))
}
