package benchmarks_test

import (
	"context"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/workflow"
)

// Fail is an activity that always fails (BenchmarkRetry).
func Fail(ctx context.Context, s string) (string, error) {
	return "", wfsim.NewApplicationError("boom", "Boom")
}

// actWorkflow runs one activity, named by actCase, with its options, and
// returns its result or error.
func actWorkflow(ctx workflow.Context, c actCase) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, c.Options)
	var out string
	err := workflow.ExecuteActivity(ctx, c.Activity, c.Input).Get(ctx, &out)
	return out, err
}

type actCase struct {
	Activity string
	Input    string
	Options  workflow.ActivityOptions
}

var noRetry = &wfsim.RetryPolicy{MaximumAttempts: 1}
