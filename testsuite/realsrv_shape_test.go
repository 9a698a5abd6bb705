package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Event attributes checked against histories a Temporal server (1.31)
// recorded for the same workflows.

// TestRequestCancelParentClosePolicyNamesTheParent: the server's
// WorkflowExecutionCancelRequested for a RequestCancel parent close policy
// names the parent as the requester and has no cause.
func TestRequestCancelParentClosePolicyNamesTheParent(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(SleepyChild)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "parent"})
	env.ExecuteWorkflow(Abandoner, wfsim.ParentClosePolicyRequestCancel)
	require.NoError(t, env.GetWorkflowError())
	var got *replay.WorkflowExecutionCancelRequestedEventAttributes
	for _, ev := range env.Histories("child")[0].Events {
		if a := ev.GetWorkflowExecutionCancelRequestedEventAttributes(); a != nil {
			got = a
		}
	}
	require.NotNil(t, got)
	assert.Equal(t, "", got.Cause)
	assert.Equal(t, "history-service", got.Identity)
	require.NotNil(t, got.ExternalWorkflowExecution)
	assert.Equal(t, "parent", got.ExternalWorkflowExecution.WorkflowID)
	assert.NotEmpty(t, got.ExternalWorkflowExecution.RunID)
	assert.Zero(t, got.ExternalInitiatedEventID)
}

// TestExternalFailureEventsHaveNoTaskCompletedID: the server records
// SignalExternalWorkflowExecutionFailed and
// RequestCancelExternalWorkflowExecutionFailed without a
// WorkflowTaskCompletedEventId (only the initiated events have one).
func TestExternalFailureEventsHaveNoTaskCompletedID(t *testing.T) {
	t.Parallel()
	env := externalToNobody(t)
	var failed int
	for _, ev := range env.History().Events {
		switch a := ev.Attributes.(type) {
		case *replay.SignalExternalWorkflowExecutionFailedEventAttributes:
			failed++
			assert.Zero(t, a.WorkflowTaskCompletedEventID)
			assert.NotZero(t, a.InitiatedEventID)
		case *replay.RequestCancelExternalWorkflowExecutionFailedEventAttributes:
			failed++
			assert.Zero(t, a.WorkflowTaskCompletedEventID)
			assert.NotZero(t, a.InitiatedEventID)
		}
	}
	assert.Equal(t, 2, failed)
}

// TestUnsetSearchAttributeIsTyped: the SDK sends an unset attribute as a
// null payload without a "type"; the server records it with the type it
// knows the key by.
func TestUnsetSearchAttributeIsTyped(t *testing.T) {
	t.Parallel()
	intKey := wfsim.NewSearchAttributeKeyInt64("CustomIntField")
	kwKey := wfsim.NewSearchAttributeKeyKeyword("CustomKeywordField")
	env := testsuite.NewTestWorkflowEnvironment(t)
	wf := func(ctx workflow.Context) error {
		if err := workflow.UpsertTypedSearchAttributes(ctx, intKey.ValueSet(7)); err != nil {
			return err
		}
		if err := workflow.Sleep(ctx, time.Second); err != nil {
			return err
		}
		// kwKey was never set: the simulator does not know its type.
		return workflow.UpsertTypedSearchAttributes(ctx, intKey.ValueUnset(), kwKey.ValueUnset())
	}
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Unsetter"})
	env.ExecuteWorkflow("Unsetter")
	require.NoError(t, env.GetWorkflowError())
	var upserts []map[string]*converter.Payload
	for _, ev := range env.History().Events {
		if a := ev.GetUpsertWorkflowSearchAttributesEventAttributes(); a != nil {
			upserts = append(upserts, a.SearchAttributes.GetIndexedFields())
		}
	}
	require.Len(t, upserts, 2)
	assert.Equal(t, "Int", string(upserts[0]["CustomIntField"].Metadata["type"]))
	unset := upserts[1]["CustomIntField"]
	assert.Nil(t, unset.Data)
	assert.Equal(t, "binary/null", string(unset.Metadata["encoding"]))
	assert.Equal(t, "Int", string(unset.Metadata["type"]))
	assert.Nil(t, upserts[1]["CustomKeywordField"].Metadata["type"])
}

// TestRunTimeoutRetryStateAndTaskTimeout: a run timeout without a retry
// policy is recorded with RetryPolicyNotSet (an expired execution timeout
// with Timeout), and the workflow task timeout, capped by the run timeout,
// is the one each WorkflowTaskScheduled carries.
func TestRunTimeoutRetryStateAndTaskTimeout(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		opts workflow.ChildWorkflowOptions
		want wfsim.RetryState
	}{
		{"run timeout", workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Second}, wfsim.RetryStateRetryPolicyNotSet},
		{"execution timeout", workflow.ChildWorkflowOptions{WorkflowExecutionTimeout: time.Second}, wfsim.RetryStateTimeout},
		{"run timeout within the execution timeout", workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Second, WorkflowExecutionTimeout: time.Hour}, wfsim.RetryStateRetryPolicyNotSet},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflow(SleepyChild)
			parent := func(ctx workflow.Context) error {
				o := tt.opts
				o.WorkflowID = "kid"
				_ = workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, o), SleepyChild, "x").Get(ctx, nil)
				return nil
			}
			env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "TimingOutParent"})
			env.ExecuteWorkflow("TimingOutParent")
			require.NoError(t, env.GetWorkflowError())
			kid := env.Histories("kid")[0].Events
			last := kid[len(kid)-1].GetWorkflowExecutionTimedOutEventAttributes()
			require.NotNil(t, last)
			assert.Equal(t, tt.want, last.RetryState)
			for _, ev := range kid {
				if a := ev.GetWorkflowTaskScheduledEventAttributes(); a != nil {
					assert.Equal(t, time.Second, a.StartToCloseTimeout)
				}
			}
			timedOut := 0
			for _, ev := range env.History().Events {
				if a := ev.GetChildWorkflowExecutionTimedOutEventAttributes(); a != nil {
					timedOut++
					assert.Equal(t, tt.want, a.RetryState)
				}
			}
			assert.Equal(t, 1, timedOut, "the parent records the child's timeout")
		})
	}
}

// TestLocalActivityMarkerOfAFailureNotRetried: Temporal's worker records a
// local activity failure it does not retry with Backoff -1ns (its
// noRetryBackoff) in the marker's data.
func TestLocalActivityMarkerOfAFailureNotRetried(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Second,
			RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 1}})
		_ = workflow.ExecuteLocalActivity(ctx, func(context.Context) error { return errors.New("no") }).Get(ctx, nil)
		return nil
	}
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "LocalFailsOnce"})
	env.ExecuteWorkflow("LocalFailsOnce")
	require.NoError(t, env.GetWorkflowError())
	var data map[string]any
	for _, ev := range env.History().Events {
		if a := ev.GetMarkerRecordedEventAttributes(); a != nil {
			require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(a.Details["data"], &data))
		}
	}
	require.NotNil(t, data)
	assert.Equal(t, float64(-1), data["Backoff"])
	assert.Equal(t, float64(1), data["Attempt"])
}

// TestUntypedUpsertOfAKnownKeyIsTyped: the server types the attributes of
// the untyped UpsertSearchAttributes too; the simulator does for keys the
// run already carries typed.
func TestUntypedUpsertOfAKnownKeyIsTyped(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	require.NoError(t, env.SetTypedSearchAttributesOnStart(wfsim.NewSearchAttributes(wfsim.NewSearchAttributeKeyKeyword("CustomKeywordField").ValueSet("start"))))
	wf := func(ctx workflow.Context) error {
		//lint:ignore SA1019 the untyped API is what this test checks
		return workflow.UpsertSearchAttributes(ctx, map[string]any{"CustomKeywordField": "later", "Other": 1})
	}
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "UntypedUpserter"})
	env.ExecuteWorkflow("UntypedUpserter")
	require.NoError(t, env.GetWorkflowError())
	var fields map[string]*converter.Payload
	for _, ev := range env.History().Events {
		if a := ev.GetUpsertWorkflowSearchAttributesEventAttributes(); a != nil {
			fields = a.SearchAttributes.GetIndexedFields()
		}
	}
	require.NotNil(t, fields)
	assert.Equal(t, "Keyword", string(fields["CustomKeywordField"].Metadata["type"]))
	assert.Nil(t, fields["Other"].Metadata["type"])
}

// TestDefaultTaskTimeoutCappedByRunTimeout: the server caps the workflow
// task timeout by the run timeout even when it is the default one.
func TestDefaultTaskTimeoutCappedByRunTimeout(t *testing.T) {
	t.Parallel()
	for _, viaOptions := range []bool{false, true} {
		env := testsuite.NewTestWorkflowEnvironment(t)
		if viaOptions {
			env.SetStartWorkflowOptions(client.StartWorkflowOptions{WorkflowRunTimeout: 5 * time.Second})
		} else {
			env.SetWorkflowRunTimeout(5 * time.Second)
		}
		wf := func(ctx workflow.Context) error { return workflow.Sleep(ctx, time.Second) }
		env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "ShortRun"})
		env.ExecuteWorkflow("ShortRun")
		require.NoError(t, env.GetWorkflowError())
		h := env.History()
		assert.Equal(t, 5*time.Second, h.Events[0].GetWorkflowExecutionStartedEventAttributes().WorkflowTaskTimeout, "via options %v", viaOptions)
		for _, ev := range h.Events {
			if a := ev.GetWorkflowTaskScheduledEventAttributes(); a != nil {
				assert.Equal(t, 5*time.Second, a.StartToCloseTimeout, "via options %v", viaOptions)
			}
		}
	}
}

// TestActivityTimeoutsCappedByItsRunsTimeout: the server caps an activity's
// timeouts by the run timeout of the run that schedules it: the workflow
// under test's (set through SetStartWorkflowOptions too) or a child's own,
// never another run's.
func TestActivityTimeoutsCappedByItsRunsTimeout(t *testing.T) {
	t.Parallel()
	hello := func(ctx context.Context) error { return nil }
	schedule := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second})
		return workflow.ExecuteActivity(ctx, hello).Get(ctx, nil)
	}
	scheduled := func(h *replay.History) *replay.ActivityTaskScheduledEventAttributes {
		for _, ev := range h.Events {
			if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
				return a
			}
		}
		return nil
	}

	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{WorkflowRunTimeout: 5 * time.Second})
	env.RegisterActivityWithOptions(hello, activity.RegisterOptions{Name: "hello"})
	env.RegisterWorkflowWithOptions(schedule, workflow.RegisterOptions{Name: "Schedule"})
	env.ExecuteWorkflow("Schedule")
	require.NoError(t, env.GetWorkflowError())
	a := scheduled(env.History())
	require.NotNil(t, a)
	assert.Equal(t, []time.Duration{5 * time.Second, 5 * time.Second, 5 * time.Second},
		[]time.Duration{a.ScheduleToCloseTimeout, a.ScheduleToStartTimeout, a.StartToCloseTimeout})

	env = testsuite.NewTestWorkflowEnvironment(t)
	env.SetWorkflowRunTimeout(time.Hour)
	env.RegisterActivityWithOptions(hello, activity.RegisterOptions{Name: "hello"})
	env.RegisterWorkflowWithOptions(schedule, workflow.RegisterOptions{Name: "Schedule"})
	parent := func(ctx workflow.Context) error {
		if err := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "short", WorkflowRunTimeout: 3 * time.Second}), "Schedule").Get(ctx, nil); err != nil {
			return err
		}
		return workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "unbounded"}), "Schedule").Get(ctx, nil)
	}
	env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "TwoChildren"})
	env.ExecuteWorkflow("TwoChildren")
	require.NoError(t, env.GetWorkflowError())
	a = scheduled(env.Histories("short")[0])
	require.NotNil(t, a)
	assert.Equal(t, []time.Duration{3 * time.Second, 3 * time.Second, 3 * time.Second},
		[]time.Duration{a.ScheduleToCloseTimeout, a.ScheduleToStartTimeout, a.StartToCloseTimeout})
	a = scheduled(env.Histories("unbounded")[0])
	require.NotNil(t, a)
	assert.Equal(t, []time.Duration{0, 0, 10 * time.Second},
		[]time.Duration{a.ScheduleToCloseTimeout, a.ScheduleToStartTimeout, a.StartToCloseTimeout})
}

// TestRunTimeoutRetryContinuedFailureSource: the server's failure for a
// run timeout, which the retry carries as its continuedFailure, has source
// "Server".
func TestRunTimeoutRetryContinuedFailureSource(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "retried", WorkflowRunTimeout: time.Second,
		RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 2}})
	wf := func(ctx workflow.Context) error {
		if workflow.GetInfo(ctx).Attempt == 1 {
			return workflow.Sleep(ctx, time.Minute)
		}
		return nil
	}
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "SlowFirst"})
	env.ExecuteWorkflow("SlowFirst")
	require.NoError(t, env.GetWorkflowError())
	runs := env.Histories("retried")
	require.Len(t, runs, 2)
	f := runs[1].Events[0].GetWorkflowExecutionStartedEventAttributes().ContinuedFailure
	require.NotNil(t, f)
	assert.Equal(t, "Server", f.Source)
	assert.Equal(t, "workflow timeout", f.Message)
}

// TestAwaitWithTimeoutTimerSummary: Temporal's SDK starts the timer of
// AwaitWithTimeout (and so of ReceiveWithTimeout) with the summary
// "AwaitWithTimeout", which the server records, as Sleep's "Sleep".
func TestAwaitWithTimeoutTimerSummary(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	wf := func(ctx workflow.Context) error {
		if _, err := workflow.AwaitWithTimeout(ctx, time.Second, func() bool { return false }); err != nil {
			return err
		}
		var s string
		workflow.GetSignalChannel(ctx, "never").ReceiveWithTimeout(ctx, time.Second, &s)
		return workflow.NewTimerWithOptions(ctx, time.Second, workflow.TimerOptions{Summary: "mine"}).Get(ctx, nil)
	}
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "AwaitTimers"})
	env.ExecuteWorkflow("AwaitTimers")
	require.NoError(t, env.GetWorkflowError())
	var summaries []string
	for _, ev := range env.History().Events {
		if ev.GetTimerStartedEventAttributes() != nil {
			var s string
			md := ev.GetUserMetadata()
			require.NotNil(t, md)
			require.NoError(t, converter.GetDefaultDataConverter().FromPayload(md.Summary, &s))
			summaries = append(summaries, s)
		}
	}
	assert.Equal(t, []string{"AwaitWithTimeout", "AwaitWithTimeout", "mine"}, summaries)
}

// externalToNobodyWorkflow signals, then asks to cancel, a workflow that
// does not exist; both fail.
func externalToNobodyWorkflow(ctx workflow.Context) error {
	_ = workflow.SignalExternalWorkflow(ctx, "nobody", "", "sig", "x").Get(ctx, nil)
	_ = workflow.RequestCancelExternalWorkflow(ctx, "nobody", "").Get(ctx, nil)
	return nil
}

// externalToNobody runs externalToNobodyWorkflow.
func externalToNobody(t *testing.T) *testsuite.TestWorkflowEnvironment {
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(externalToNobodyWorkflow, workflow.RegisterOptions{Name: "ExternalToNobody"})
	env.ExecuteWorkflow("ExternalToNobody")
	require.NoError(t, env.GetWorkflowError())
	return env
}
