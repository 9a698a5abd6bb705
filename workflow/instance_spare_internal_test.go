package workflow

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// TestInstanceTakesARetiredInstancesMemory checks that an instance built
// with a carrier to which an instance was retired takes that instance's
// memory, as new: it runs its workflow as one built afresh does.
func TestInstanceTakesARetiredInstancesMemory(t *testing.T) {
	t.Parallel()
	wf := func(ctx Context, name string) (string, error) {
		if err := Sleep(ctx, time.Hour); err != nil {
			return "", err
		}
		return "hello " + name, nil
	}
	input, err := converter.GetDefaultDataConverter().ToPayloads("wfsim")
	require.NoError(t, err)
	var k run.Carrier
	defer k.Stop()
	start := run.Start{WorkflowType: "wf", Input: input, StartTime: time.Unix(0, 0), Carrier: &k}
	// drive runs an instance through its two tasks and returns their
	// commands' kinds, and the result.
	drive := func(in run.Instance) ([]run.CommandKind, string) {
		var kinds []run.CommandKind
		var result string
		tasks := []run.Task{
			{Events: []run.Event{{Kind: run.EventWorkflowTaskStarted, EventID: 3}}},
			{Events: []run.Event{
				{Kind: run.EventTimerStarted, EventID: 5, ID: "5"},
				{Kind: run.EventTimerFired, EventID: 6, ID: "5"},
				{Kind: run.EventWorkflowTaskStarted, EventID: 8},
			}},
		}
		for _, task := range tasks {
			cmds, err := in.ProcessTask(task)
			require.NoError(t, err)
			for _, c := range cmds {
				kinds = append(kinds, c.Kind)
				if c.Kind == run.CommandCompleteWorkflow {
					require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(c.Result, &result))
				}
			}
		}
		return kinds, result
	}

	first, err := newInstance(wf, start)
	require.NoError(t, err)
	kinds, result := drive(first)
	require.Equal(t, []run.CommandKind{run.CommandStartTimer, run.CommandCompleteWorkflow}, kinds)
	require.Equal(t, "hello wfsim", result)
	assert.True(t, first.Completed())
	first.Close()
	k.Retire(first)

	second, err := newInstance(wf, start)
	require.NoError(t, err)
	assert.Same(t, first, second, "the retired instance's memory was not taken")
	assert.False(t, second.Completed(), "the instance was not reset")
	kinds2, result2 := drive(second)
	assert.Equal(t, kinds, kinds2)
	assert.Equal(t, result, result2)
	assert.True(t, second.Completed())
	second.Close()

	// Nothing retired: memory of its own.
	third, err := newInstance(wf, start)
	require.NoError(t, err)
	assert.NotSame(t, second, third)
	third.Close()
}
