package benchmarks_test

import (
	"context"
	"testing"
	"time"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// benchOrder is an activity input of the kind real workflows pass: a
// struct, which the default converter encodes with encoding/json (a string
// or a number takes a shorter path).
type benchOrder struct {
	ID    string
	Items []string
	Qty   int
}

func BenchPlace(ctx context.Context, o benchOrder) (string, error) { return "placed " + o.ID, nil }

func benchStructWorkflow(ctx workflow.Context, id string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var out string
	err := workflow.ExecuteActivity(ctx, BenchPlace, benchOrder{ID: id, Items: []string{"a", "b"}, Qty: 2}).Get(ctx, &out)
	return out, err
}

// BenchmarkHelloStruct is BenchmarkHello with a struct for the activity's
// input.
func BenchmarkHelloStruct(b *testing.B) {
	runActivityBench(b, func(env *testsuite.TestWorkflowEnvironment) { env.RegisterActivity(BenchPlace) }, benchStructWorkflow, "x")
}
