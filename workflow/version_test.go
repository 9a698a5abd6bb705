package workflow_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// versioned returns a workflow that asks for the version of "change" in
// [minV, maxV] and reports it.
func versioned(minV, maxV workflow.Version) func(ctx workflow.Context) (string, error) {
	return func(ctx workflow.Context) (string, error) {
		v := workflow.GetVersion(ctx, "change", minV, maxV)
		again := workflow.GetVersion(ctx, "change", minV, maxV)
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return "", err
		}
		return fmt.Sprintf("v%d v%d", v, again), nil
	}
}

// record runs wf under the name "Versioned" and returns its history.
func record(t *testing.T, wf any) *replay.History {
	t.Helper()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Versioned"})
	env.ExecuteWorkflow("Versioned")
	require.NoError(t, env.GetWorkflowError())
	return env.History()
}

func TestGetVersionRecordsMaxSupported(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(versioned(workflow.DefaultVersion, 2), workflow.RegisterOptions{Name: "Versioned"})
	env.ExecuteWorkflow("Versioned")
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "v2 v2", got)
	assert.Equal(t, []string{"WorkflowExecutionStarted", "MarkerRecorded", "UpsertWorkflowSearchAttributes",
		"TimerStarted", "TimerFired", "WorkflowExecutionCompleted"}, eventTypes(env.History()))
	// The timer's ID counts the marker and the upsert: 5, 6, then 7.
	assert.Equal(t, "7", env.History().Events[6].GetTimerStartedEventAttributes().TimerID)
}

// TestGetVersionReplay replays a history recorded with one range against
// code with another: Temporal's errors when the recorded version left the
// range, the recorded version otherwise; DefaultVersion for a history that
// has no record of the change.
func TestGetVersionReplay(t *testing.T) {
	t.Parallel()
	withV1 := record(t, versioned(workflow.DefaultVersion, 1))
	without := record(t, func(ctx workflow.Context) (string, error) {
		return "", workflow.Sleep(ctx, time.Minute)
	})
	tests := []struct {
		name    string
		history *replay.History
		code    func(ctx workflow.Context) (string, error)
		wantErr string
	}{
		{name: "same range", history: withV1, code: versioned(workflow.DefaultVersion, 1)},
		{name: "wider range", history: withV1, code: versioned(workflow.DefaultVersion, 3)},
		{name: "removed support", history: withV1, code: versioned(2, 3),
			wantErr: `[TMPRL1100] Workflow code removed support of version 1. for "change" changeID. The oldest supported version is 2`},
		{name: "too old", history: withV1, code: versioned(workflow.DefaultVersion, 0),
			wantErr: `[TMPRL1100] Workflow code is too old to support version 1 for "change" changeID. The maximum supported version is 0`},
		{name: "unversioned history, default supported", history: without, code: versioned(workflow.DefaultVersion, 1)},
		{name: "unversioned history, default removed", history: without, code: versioned(0, 1),
			wantErr: `[TMPRL1100] Workflow code removed support of version -1. for "change" changeID. The oldest supported version is 0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rp := replay.NewWorkflowReplayer()
			rp.RegisterWorkflowWithOptions(tt.code, workflow.RegisterOptions{Name: "Versioned"})
			err := rp.ReplayWorkflowHistory(nil, tt.history)
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestGetVersionOutOfRangeFailsTheTask(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		workflow.GetVersion(ctx, "change", workflow.DefaultVersion, 3)
		workflow.GetVersion(ctx, "change", workflow.DefaultVersion, 1)
		return nil
	}
	env := executeUnbound(wf)
	err := env.GetWorkflowError()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `[TMPRL1100] Workflow code is too old to support version 3 for "change" changeID. The maximum supported version is 1`)
}

func TestOnGetVersion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(env *testsuite.TestWorkflowEnvironment)
		want  string
	}{
		{"no mock: maxSupported", func(*testsuite.TestWorkflowEnvironment) {}, "v2 v2"},
		{"mocked change", func(env *testsuite.TestWorkflowEnvironment) {
			env.OnGetVersion("change", workflow.DefaultVersion, 2).Return(workflow.DefaultVersion)
		}, "v-1 v-1"},
		{"mocked with a function", func(env *testsuite.TestWorkflowEnvironment) {
			env.OnGetVersion("change", workflow.DefaultVersion, 2).Return(func(id string, minV, maxV workflow.Version) workflow.Version { return maxV - 1 })
		}, "v1 v1"},
		{"mock.Anything", func(env *testsuite.TestWorkflowEnvironment) {
			env.OnGetVersion("mock.Anything", workflow.DefaultVersion, 2).Return(workflow.Version(0))
		}, "v0 v0"},
		{"specific wins over mock.Anything", func(env *testsuite.TestWorkflowEnvironment) {
			env.OnGetVersion("mock.Anything", workflow.DefaultVersion, 2).Return(workflow.Version(0)).Maybe()
			env.OnGetVersion("change", workflow.DefaultVersion, 2).Return(workflow.Version(1))
		}, "v1 v1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflowWithOptions(versioned(workflow.DefaultVersion, 2), workflow.RegisterOptions{Name: "Versioned"})
			tt.setup(env)
			env.ExecuteWorkflow("Versioned")
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
			// What the mock said is recorded, so the history replays.
			rp := replay.NewWorkflowReplayer()
			rp.RegisterWorkflowWithOptions(versioned(workflow.DefaultVersion, 2), workflow.RegisterOptions{Name: "Versioned"})
			require.NoError(t, rp.ReplayWorkflowHistory(nil, env.History()))
		})
	}
}

func TestOnGetVersionBadReturnFailsTheRun(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(versioned(workflow.DefaultVersion, 2), workflow.RegisterOptions{Name: "Versioned"})
	env.OnGetVersion("change", workflow.DefaultVersion, 2).Return(7)
	env.ExecuteWorkflow("Versioned")
	// As in Temporal's environment, the GetVersion call panics: the run
	// fails instead of going on with GetVersion's own answer.
	var pe *wfsim.PanicError
	require.True(t, errors.As(env.GetWorkflowError(), &pe), "got %v", env.GetWorkflowError())
	assert.Equal(t, "mock of GetVersion has incorrect return type, expected workflow.Version, but actual is int (7)", pe.Error())
}

// TestGetVersionSearchAttributeAfterReplay checks that a replay sees what
// the run saw: replaying GetVersion issues no command (its marker and
// upsert are skipped in the comparison) and learns TemporalChangeVersion
// from the recorded upsert, so code that reads its search attributes in a
// later task reads the same values in both. The activity's input carries
// what the code read, which strict replay compares.
func TestGetVersionSearchAttributeAfterReplay(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		workflow.GetVersion(ctx, "a", workflow.DefaultVersion, 1)
		if err := workflow.UpsertTypedSearchAttributes(ctx, wfsim.NewSearchAttributeKeyKeyword("Stage").ValueSet("one")); err != nil {
			return err
		}
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return err
		}
		workflow.GetVersion(ctx, "b", workflow.DefaultVersion, 2)
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return err
		}
		changes, _ := workflow.GetTypedSearchAttributes(ctx).GetKeywordList(wfsim.NewSearchAttributeKeyKeywordList(workflow.TemporalChangeVersion))
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		return workflow.ExecuteActivity(ctx, "Report", fmt.Sprint(changes)).Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Versioned"})
	env.RegisterActivityWithOptions(func(context.Context, string) error { return nil }, activity.RegisterOptions{Name: "Report"})
	env.OnActivity("Report", mock.Anything, mock.Anything).Return(nil)
	env.ExecuteWorkflow("Versioned")
	require.NoError(t, env.GetWorkflowError())
	h := env.History()
	var input string
	for _, ev := range h.Events {
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
			input = string(a.Input.Payloads[0].Data)
		}
	}
	assert.Equal(t, `"[b-2 a-1]"`, input)
	rp, err := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{Strict: true})
	require.NoError(t, err)
	rp.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Versioned"})
	require.NoError(t, rp.ReplayWorkflowHistory(nil, h))
}
