package workflow_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

type infoSnapshot struct {
	WorkflowID, RunID, WorkflowType, TaskQueue, Namespace string
	Attempt                                               int32
	StartTime                                             time.Time
	HistoryLength                                         int
}

func InfoWorkflow(ctx workflow.Context) (infoSnapshot, error) {
	_ = workflow.Sleep(ctx, time.Minute)
	i := workflow.GetInfo(ctx)
	return infoSnapshot{
		WorkflowID:    i.WorkflowExecution.ID,
		RunID:         i.WorkflowExecution.RunID,
		WorkflowType:  i.WorkflowType.Name,
		TaskQueue:     i.TaskQueueName,
		Namespace:     i.Namespace,
		Attempt:       i.Attempt,
		StartTime:     i.WorkflowStartTime,
		HistoryLength: i.GetCurrentHistoryLength(),
	}, nil
}

func TestGetInfo(t *testing.T) {
	t.Parallel()
	got := result[infoSnapshot](t, InfoWorkflow)
	assert.Equal(t, "InfoWorkflow", got.WorkflowType)
	assert.NotEmpty(t, got.WorkflowID)
	assert.NotEmpty(t, got.RunID)
	assert.NotEmpty(t, got.TaskQueue)
	assert.Equal(t, "default", got.Namespace)
	assert.Equal(t, int32(1), got.Attempt)
	assert.True(t, got.StartTime.Equal(testsuite.DefaultStartTime), "start %v", got.StartTime)
	// Started, task (3), TimerStarted, TimerFired, task scheduled+started:
	// the second task's WorkflowTaskStarted is event 8.
	assert.Equal(t, 8, got.HistoryLength)
}

func TestRegisterOptionsName(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(InfoWorkflow, workflow.RegisterOptions{Name: "info"})
	env.ExecuteWorkflow("info")
	var got infoSnapshot
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "info", got.WorkflowType)
}

func TestRegisterOptionsDuplicates(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(InfoWorkflow)
	assert.PanicsWithValue(t, `testsuite: workflow name "InfoWorkflow" is already registered`, func() { env.RegisterWorkflow(InfoWorkflow) })
	assert.NotPanics(t, func() {
		env.RegisterWorkflowWithOptions(InfoWorkflow, workflow.RegisterOptions{DisableAlreadyRegisteredCheck: true})
	})
}

func TestDeterministicKeys(t *testing.T) {
	t.Parallel()
	m := map[string]int{"pear": 1, "apple": 2, "fig": 3, "kiwi": 4}
	assert.Equal(t, []string{"apple", "fig", "kiwi", "pear"}, workflow.DeterministicKeys(m))
	byLength := func(a, b string) int { return len(a) - len(b) }
	keys := workflow.DeterministicKeysFunc(map[string]bool{"ccc": true, "a": true, "bb": true}, byLength)
	assert.Equal(t, []string{"a", "bb", "ccc"}, keys)
	assert.Empty(t, workflow.DeterministicKeys(map[int]int{}))
}

// replayAware logs once per task and records IsReplaying at each step.
func replayAware(seen *[]bool) func(ctx workflow.Context) error {
	return func(ctx workflow.Context) error {
		for i := range 3 {
			*seen = append(*seen, workflow.IsReplaying(ctx))
			workflow.GetLogger(ctx).Info("step", "i", i)
			if err := workflow.Sleep(ctx, time.Hour); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestLoggerSilentWhileReplaying(t *testing.T) {
	t.Parallel()
	var live bytes.Buffer
	var s testsuite.WorkflowTestSuite
	s.SetLogger(slog.New(slog.NewTextHandler(&live, nil)))
	env := s.NewTestWorkflowEnvironment()
	env.DisableReplayCheck() // this test replays the history itself, below
	var liveSeen []bool
	env.RegisterWorkflowWithOptions(replayAware(&liveSeen), workflow.RegisterOptions{Name: "replayAware"})
	env.ExecuteWorkflow("replayAware")
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, []bool{false, false, false}, liveSeen)
	assert.Equal(t, 3, strings.Count(live.String(), "msg=step"), live.String())

	var replayed bytes.Buffer
	var replaySeen []bool
	r := replay.NewWorkflowReplayer()
	r.RegisterWorkflowWithOptions(replayAware(&replaySeen), workflow.RegisterOptions{Name: "replayAware"})
	require.NoError(t, r.ReplayWorkflowHistory(slog.New(slog.NewTextHandler(&replayed, nil)), env.History()))
	assert.Equal(t, []bool{true, true, true}, replaySeen)
	assert.NotContains(t, replayed.String(), "msg=step", "nothing is logged while replaying")
}
