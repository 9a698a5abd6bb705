package testsuite

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/wfsim/wfsim/workflow"
)

func reuseUpper(_ context.Context, s string) (string, error) { return strings.ToUpper(s), nil }

// reuseChild sleeps, then runs an activity.
func reuseChild(ctx workflow.Context, s string) (string, error) {
	if err := workflow.Sleep(ctx, time.Minute); err != nil {
		return "", err
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var out string
	err := workflow.ExecuteActivity(ctx, reuseUpper, s).Get(ctx, &out)
	return out, err
}

// reuseParent has many tasks issuing from one to several commands each:
// local activities (whose results come back within the task), children,
// timers and activities.
func reuseParent(ctx workflow.Context, n int) (string, error) {
	lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var b strings.Builder
	for i := range n {
		var s string
		if err := workflow.ExecuteLocalActivity(lctx, reuseUpper, fmt.Sprint("l", i)).Get(ctx, &s); err != nil {
			return "", err
		}
		b.WriteString(s)
		var fs []workflow.Future
		for j := range i%4 + 1 {
			cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: fmt.Sprint("child-", i, "-", j)})
			fs = append(fs, workflow.ExecuteChildWorkflow(cctx, reuseChild, fmt.Sprint("c", i, j)))
			fs = append(fs, workflow.ExecuteActivity(actx, reuseUpper, fmt.Sprint("a", i, j)))
			fs = append(fs, workflow.NewTimer(ctx, time.Duration(j+1)*time.Second))
		}
		for _, f := range fs {
			if err := f.Get(ctx, &s); err != nil {
				return "", err
			}
			b.WriteString(s)
		}
	}
	return b.String(), nil
}

// TestReusedCommandsRecordTheSameHistories checks that a task returning its
// commands in the memory of the previous task's (runTask) records the same
// histories, byte for byte, as tasks that each get fresh memory.
func TestReusedCommandsRecordTheSameHistories(t *testing.T) {
	t.Parallel()
	histories := func(keep bool) []byte {
		env := NewTestWorkflowEnvironment(t)
		env.e.keepCommands = keep
		env.RegisterWorkflow(reuseChild)
		env.RegisterActivity(reuseUpper)
		env.ExecuteWorkflow(reuseParent, 12)
		if err := env.GetWorkflowError(); err != nil {
			t.Fatalf("workflow failed: %v", err)
		}
		var buf bytes.Buffer
		for _, id := range env.WorkflowIDs() {
			for _, h := range env.Histories(id) {
				if err := h.WriteJSON(&buf); err != nil {
					t.Fatal(err)
				}
			}
		}
		return buf.Bytes()
	}
	reused, fresh := histories(false), histories(true)
	if !bytes.Equal(reused, fresh) {
		t.Fatalf("histories differ with reused commands:\n%s\nwith fresh ones:\n%s", reused, fresh)
	}
	if n := bytes.Count(reused, []byte("EVENT_TYPE_WORKFLOW_TASK_COMPLETED")); n < 50 {
		t.Fatalf("only %d workflow tasks completed, want many", n)
	}
}
