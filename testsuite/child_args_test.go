package testsuite_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func IntChild(ctx workflow.Context, n int) (int, error) { return n * 2, nil }

// TestChildWorkflowBadArguments: arguments that do not fit the child's
// parameters give a typed error, whether the child is given as a function
// (checked at once) or by name (the child fails its first workflow task
// with Temporal's error, whose failure type is that of fmt.Errorf's
// error, as in Temporal).
func TestChildWorkflowBadArguments(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		var out []string
		err := workflow.ExecuteChildWorkflow(ctx, IntChild, "two").Get(ctx, nil)
		var argErr *wfsim.ArgumentError
		out = append(out, fmt.Sprintf("by function: ArgumentError=%v: %v", errors.As(err, &argErr), err))
		err = workflow.ExecuteChildWorkflow(ctx, "IntChild", "two").Get(ctx, nil)
		var cwe *wfsim.ChildWorkflowExecutionError
		var appErr *wfsim.ApplicationError
		if errors.As(err, &cwe) && errors.As(err, &appErr) {
			out = append(out, "by name: "+appErr.Type()+": "+appErr.Error())
		}
		return out, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(IntChild)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "BadArgs"})
	env.ExecuteWorkflow("BadArgs")
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Len(t, got, 2)
	assert.Contains(t, got[0], "by function: ArgumentError=true")
	assert.True(t, strings.HasPrefix(got[1], `by name: wrapError: unable to decode the workflow function input payload with error: workflow "IntChild": argument 1: the function takes int, got json/plain "two"`), got[1])
	assert.Contains(t, got[1], `, function name: IntChild (type: wrapError`)
	child := env.Histories("default-test-run-id_5")
	require.Len(t, child, 1)
	var types []replay.EventType
	for _, ev := range child[0].Events {
		types = append(types, ev.EventType)
	}
	assert.Equal(t, []replay.EventType{replay.EventTypeWorkflowExecutionStarted, replay.EventTypeWorkflowTaskScheduled,
		replay.EventTypeWorkflowTaskStarted, replay.EventTypeWorkflowTaskCompleted, replay.EventTypeWorkflowExecutionFailed}, types)
}

// TestWorkflowByNameBadInput: the workflow under test started by name with
// input its function cannot decode fails its first workflow task with
// Temporal's error, and its history replays.
func TestWorkflowByNameBadInput(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(IntChild)
	env.ExecuteWorkflow("IntChild", "two")
	err := env.GetWorkflowError()
	var wee *wfsim.WorkflowExecutionError
	require.ErrorAs(t, err, &wee)
	assert.Contains(t, err.Error(), `unable to decode the workflow function input payload with error: workflow "IntChild": argument 1: the function takes int`)
	assert.Len(t, env.History().Events, 5)
	assert.Equal(t, replay.EventTypeWorkflowExecutionFailed, env.History().Events[4].EventType)
}

// Nested starts a child of its own type, named by how, until depth 2;
// with how "continue" it continues as new instead, by name.
func Nested(ctx workflow.Context, how string, depth int) (string, error) {
	if depth == 2 {
		return "leaf", nil
	}
	if how == "continue" {
		return "", workflow.NewContinueAsNewError(ctx, "Nested", how, depth+1)
	}
	var child any = Nested
	if how == "name" {
		child = "Nested"
	}
	var out string
	err := workflow.ExecuteChildWorkflow(ctx, child, how, depth+1).Get(ctx, &out)
	return fmt.Sprintf("%d(%s)", depth, out), err
}

// TestUnregisteredWorkflowUnderTestIsItsType checks that the function
// given to ExecuteWorkflow runs wherever its type is started, registered
// or not, as Temporal's ExecuteWorkflow registers it.
func TestUnregisteredWorkflowUnderTestIsItsType(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, how, want string
		listen          bool
	}{
		{name: "child by name", how: "name", want: "0(1(leaf))"},
		{name: "child by function", how: "function", want: "0(1(leaf))"},
		{name: "child by name with a started listener", how: "name", want: "0(1(leaf))", listen: true},
		{name: "continue-as-new with a started listener", how: "continue", want: "leaf", listen: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.FollowContinueAsNew(5)
			if tc.listen {
				env.SetOnChildWorkflowStartedListener(func(*workflow.Info, workflow.Context, converter.EncodedValues) {})
			}
			env.ExecuteWorkflow(Nested, tc.how, 0)
			var out string
			require.NoError(t, env.GetWorkflowResult(&out))
			assert.Equal(t, tc.want, out)
		})
	}
}
