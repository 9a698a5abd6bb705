package testsuite_test

import (
	"context"
	"time"

	"github.com/wfsim/wfsim/workflow"
)

// Shared by the sdk2_* ports of Temporal's internal_workflow_testsuite_test.go.

// s2ActivityOptions are the activity options that suite's SetupSuite sets.
var s2ActivityOptions = workflow.ActivityOptions{
	ScheduleToStartTimeout: time.Minute,
	StartToCloseTimeout:    time.Minute,
	HeartbeatTimeout:       20 * time.Second,
}

// s2Hello is the suite's greeting activity: "hello_" + msg.
func s2Hello(_ context.Context, msg string) (string, error) {
	return "hello_" + msg, nil
}

// s2HelloWorkflow runs s2Hello with "world".
func s2HelloWorkflow(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, s2ActivityOptions)
	var out string
	if err := workflow.ExecuteActivity(ctx, s2Hello, "world").Get(ctx, &out); err != nil {
		return "", err
	}
	return out, nil
}

// s2RaceChild waits for whichever comes first, a one-hour timer or the
// named child workflow, and fails when the timer wins.
func s2RaceChild(ctx workflow.Context, child any) error {
	timer := workflow.NewTimer(ctx, time.Hour)
	ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Hour})
	f := workflow.ExecuteChildWorkflow(ctx, child)
	workflow.NewSelector(ctx).
		AddFuture(timer, func(workflow.Future) {}).
		AddFuture(f, func(workflow.Future) {}).
		Select(ctx)
	if f.IsReady() {
		return f.Get(ctx, nil)
	}
	return errSlowChild
}

type s2Error string

func (e s2Error) Error() string { return string(e) }

const errSlowChild = s2Error("child workflow takes too long")
