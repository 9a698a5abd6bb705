package testsuite_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// HistoryWatcher notes, at each of its workflow tasks (one a minute, three
// in all), what it is told of its history, and continues as new when the
// server suggests it.
func HistoryWatcher(ctx workflow.Context) ([]string, error) {
	var seen []string
	for i := 0; i < 3; i++ {
		info := workflow.GetInfo(ctx)
		seen = append(seen, fmt.Sprintf("len=%d size=%d can=%v", info.GetCurrentHistoryLength(), info.GetCurrentHistorySize(), info.GetContinueAsNewSuggested()))
		if info.GetContinueAsNewSuggested() {
			return seen, workflow.NewContinueAsNewError(ctx, HistoryWatcher)
		}
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return nil, err
		}
	}
	return seen, nil
}

func TestHistoryView(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(env *testsuite.TestWorkflowEnvironment)
		want  []string
		can   bool // the run continues as new
	}{
		{
			name: "defaults: the true length, no size, no suggestion",
			want: []string{"len=3 size=0 can=false", "len=8 size=0 can=false", "len=13 size=0 can=false"},
		},
		{
			name: "length and size set before the start",
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.SetCurrentHistoryLength(5000)
				env.SetCurrentHistorySize(1 << 20)
			},
			want: []string{"len=5000 size=1048576 can=false", "len=5000 size=1048576 can=false", "len=5000 size=1048576 can=false"},
		},
		{
			name:  "suggested before the start",
			setup: func(env *testsuite.TestWorkflowEnvironment) { env.SetContinueAsNewSuggested(true) },
			can:   true,
		},
		{
			name: "set between tasks",
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.RegisterDelayedCallback(func() { env.SetCurrentHistorySize(42) }, 30*time.Second)
				env.RegisterDelayedCallback(func() { env.SetCurrentHistoryLength(99) }, 90*time.Second)
			},
			want: []string{"len=3 size=0 can=false", "len=8 size=42 can=false", "len=99 size=42 can=false"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			if tt.setup != nil {
				tt.setup(env)
			}
			env.ExecuteWorkflow(HistoryWatcher)
			require.True(t, env.IsWorkflowCompleted())
			if tt.can {
				var canErr *wfsim.ContinueAsNewError
				require.True(t, errors.As(env.GetWorkflowError(), &canErr), "got %v", env.GetWorkflowError())
				return
			}
			require.NoError(t, env.GetWorkflowError()) // the replay check passed
			var seen []string
			require.NoError(t, env.GetWorkflowResult(&seen))
			assert.Equal(t, tt.want, seen)
		})
	}
}

// The suggestion and the size are in the history, where a replay (here of
// its JSON) finds them.
func TestHistoryViewIsRecorded(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetContinueAsNewSuggested(true)
	env.SetCurrentHistorySize(2048)
	env.ExecuteWorkflow(HistoryWatcher)
	var started []string
	for _, ev := range env.History().Events {
		if a := ev.GetWorkflowTaskStartedEventAttributes(); a != nil {
			started = append(started, fmt.Sprintf("suggest=%v size=%d", a.SuggestContinueAsNew, a.HistorySizeBytes))
		}
	}
	assert.Equal(t, []string{"suggest=true size=2048"}, started)
	var buf bytes.Buffer
	require.NoError(t, env.History().WriteJSON(&buf))
	assert.Contains(t, buf.String(), `"suggestContinueAsNew": true`)
	assert.Contains(t, buf.String(), `"historySizeBytes": "2048"`)
	h, err := replay.ReadHistory(&buf)
	require.NoError(t, err)
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflow(HistoryWatcher)
	require.NoError(t, rp.ReplayWorkflowHistory(nil, h))
}

// A run the workflow under test continues as new into starts with none of
// the settings, as its history is short again.
func TestHistoryViewEndsWithTheRun(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.FollowContinueAsNew(3)
	env.SetContinueAsNewSuggested(true)
	env.SetCurrentHistoryLength(7)
	env.ExecuteWorkflow(HistoryWatcher)
	require.NoError(t, env.GetWorkflowError())
	var seen []string
	require.NoError(t, env.GetWorkflowResult(&seen))
	assert.Equal(t, []string{"len=3 size=0 can=false", "len=8 size=0 can=false", "len=13 size=0 can=false"}, seen)
	assert.Len(t, env.Histories(testsuiteDefaultID), 2)
}

const testsuiteDefaultID = "default-test-workflow-id"

func TestSetContinuedExecutionRunID(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetContinuedExecutionRunID("previous-run")
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		return workflow.GetInfo(ctx).ContinuedExecutionRunID, nil
	})
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "previous-run", got)
	assert.Equal(t, "previous-run", env.History().Events[0].GetWorkflowExecutionStartedEventAttributes().ContinuedExecutionRunID)
}

// SuggestionReader reports the reasons and deployment flag of its first
// task.
func SuggestionReader(ctx workflow.Context) (string, error) {
	info := workflow.GetInfo(ctx)
	return fmt.Sprintf("can=%v reasons=%v target=%v", info.GetContinueAsNewSuggested(),
		info.GetContinueAsNewSuggestedReasons(), info.GetTargetWorkerDeploymentVersionChanged()), nil
}

func TestContinueAsNewSuggestedReasons(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		suggest bool
		target  bool
		want    string
		json    []string
	}{
		{name: "none", want: "can=false reasons=[] target=false"},
		{
			name: "suggested", suggest: true,
			want: "can=true reasons=[1 2] target=false",
			json: []string{`"suggestContinueAsNewReasons": [`, `"SUGGEST_CONTINUE_AS_NEW_REASON_HISTORY_SIZE_TOO_LARGE"`, `"SUGGEST_CONTINUE_AS_NEW_REASON_TOO_MANY_HISTORY_EVENTS"`},
		},
		// The server leaves the reasons unset when it suggests nothing.
		{name: "reasons without a suggestion", target: true, want: "can=false reasons=[] target=true",
			json: []string{`"targetWorkerDeploymentVersionChanged": true`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.SetContinueAsNewSuggested(tt.suggest)
			env.SetContinueAsNewSuggestedReasons([]workflow.ContinueAsNewSuggestedReason{
				workflow.ContinueAsNewSuggestedReasonHistorySizeTooLarge, workflow.ContinueAsNewSuggestedReasonTooManyHistoryEvents})
			env.SetTargetWorkerDeploymentVersionChanged(tt.target)
			env.ExecuteWorkflow(SuggestionReader)
			require.NoError(t, env.GetWorkflowError())
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
			// The history's JSON carries them, and a replay of it reads
			// them back.
			var buf bytes.Buffer
			require.NoError(t, env.History().WriteJSON(&buf))
			for _, s := range tt.json {
				assert.Contains(t, buf.String(), s)
			}
			h, err := replay.ReadHistory(&buf)
			require.NoError(t, err)
			a := h.Events[2].GetWorkflowTaskStartedEventAttributes()
			require.NotNil(t, a)
			assert.Equal(t, tt.target, a.TargetWorkerDeploymentVersionChanged)
			if tt.suggest {
				assert.Equal(t, []replay.SuggestContinueAsNewReason{replay.SuggestContinueAsNewReasonHistorySizeTooLarge,
					replay.SuggestContinueAsNewReasonTooManyHistoryEvents}, a.SuggestContinueAsNewReasons.Reasons())
			} else {
				assert.Zero(t, a.SuggestContinueAsNewReasons)
			}
			rp := replay.NewWorkflowReplayer()
			rp.RegisterWorkflow(SuggestionReader)
			require.NoError(t, rp.ReplayWorkflowHistory(nil, h))
		})
	}
}
