package workflow_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// execute runs wf(args...) in a fresh environment bound to t.
func execute(t *testing.T, wf any, args ...any) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(wf, args...)
	require.True(t, env.IsWorkflowCompleted(), "workflow did not complete")
	return env
}

// executeUnbound runs wf(args...) in an environment not bound to a test, so
// that a failing run is returned rather than reported.
func executeUnbound(wf any, args ...any) *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(wf, args...)
	return env
}

// result runs wf(args...) and returns its result, failing t on any error.
func result[T any](t *testing.T, wf any, args ...any) T {
	t.Helper()
	env := execute(t, wf, args...)
	var out T
	require.NoError(t, env.GetWorkflowResult(&out))
	return out
}

// elapsed is the virtual time since the workflow started.
func elapsed(ctx workflow.Context) time.Duration {
	return workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime)
}

// trace collects what happens in a workflow, each line stamped with the
// virtual time since the start.
type trace []string

func (tr *trace) add(ctx workflow.Context, format string, args ...any) {
	*tr = append(*tr, fmt.Sprintf("%v %s", elapsed(ctx), fmt.Sprintf(format, args...)))
}

// eventTypes lists the types of a history's events, without the workflow
// task events, which every test would otherwise repeat.
func eventTypes(h *replay.History) []string {
	var out []string
	for _, ev := range h.Events {
		switch ev.EventType {
		case replay.EventTypeWorkflowTaskScheduled, replay.EventTypeWorkflowTaskStarted, replay.EventTypeWorkflowTaskCompleted:
			continue
		}
		out = append(out, ev.EventType.String())
	}
	return out
}

// panicMessage runs f and returns what it panicked with, as a string, or ""
// when it did not panic.
func panicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}
