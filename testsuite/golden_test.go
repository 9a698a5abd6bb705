package testsuite_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

var update = flag.Bool("update", false, "rewrite the golden histories under testdata/golden")

func GoldenReserveStock(_ context.Context, sku string, qty int) (string, error) {
	return "reservation-" + sku, nil
}

func GoldenChargeCard(_ context.Context, order string, cents int64) (string, error) {
	return "", nil // mocked in the test
}

// GoldenOrderWorkflow exercises what a golden history should pin down: a side
// effect, a real activity, a mocked one that fails once and is retried, a
// timer, and a signal.
func GoldenOrderWorkflow(ctx workflow.Context, sku string, qty int) (string, error) {
	var order string
	err := workflow.SideEffect(ctx, func(workflow.Context) any { return "order-1" }).Get(&order)
	if err != nil {
		return "", err
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: time.Minute,
		RetryPolicy:         &wfsim.RetryPolicy{InitialInterval: 10 * time.Second, MaximumAttempts: 3},
	})
	var reservation string
	if err := workflow.ExecuteActivity(ctx, GoldenReserveStock, sku, qty).Get(ctx, &reservation); err != nil {
		return "", err
	}
	if err := workflow.Sleep(ctx, time.Hour); err != nil {
		return "", err
	}
	var receipt string
	if err := workflow.ExecuteActivity(ctx, GoldenChargeCard, order, int64(qty)*250).Get(ctx, &receipt); err != nil {
		return "", err
	}
	var note string
	workflow.GetSignalChannel(ctx, "note").Receive(ctx, &note)
	return order + " " + reservation + " " + receipt + " " + note, nil
}

// TestGoldenHistory records GoldenOrderWorkflow and compares its history, in
// Temporal's JSON, byte for byte with testdata/golden/order.json
// (go test -run TestGoldenHistory -update rewrites it). The stored file must
// also replay, strictly, against the code.
func TestGoldenHistory(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(GoldenOrderWorkflow)
	env.RegisterActivity(GoldenReserveStock)
	env.RegisterActivity(GoldenChargeCard)
	env.OnActivity(GoldenChargeCard, mock.Anything, "order-1", int64(500)).
		Return("", wfsim.NewApplicationError("card declined", "Declined")).Once()
	env.OnActivity(GoldenChargeCard, mock.Anything, "order-1", int64(500)).
		Return("receipt-9", nil).After(5 * time.Second).Once()
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("note", "gift wrap") }, 2*time.Hour)
	env.ExecuteWorkflow(GoldenOrderWorkflow, "sku-42", 2)

	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	require.Equal(t, "order-1 reservation-sku-42 receipt-9 gift wrap", result)

	var got bytes.Buffer
	require.NoError(t, env.History().WriteJSON(&got))
	golden := filepath.Join("testdata", "golden", "order.json")
	if *update {
		require.NoError(t, os.WriteFile(golden, got.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test -run TestGoldenHistory -update to create it")
	require.Equal(t, string(want), got.String(), "the recorded history changed; if on purpose, rerun with -update and review the diff")

	r, err := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{Strict: true})
	require.NoError(t, err)
	r.RegisterWorkflow(GoldenOrderWorkflow)
	require.NoError(t, r.ReplayWorkflowHistoryFromJSONFile(nil, golden))
}
