package testsuite_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func FailSecretly(context.Context) error {
	return wfsim.NewNonRetryableApplicationError("the secret is 42", "Secret", nil)
}

func WrapSecret(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	err := workflow.ExecuteActivity(ctx, FailSecretly).Get(ctx, nil)
	return fmt.Errorf("wrapped: %w", err)
}

// prefixConverter is a custom failure converter: it marks the top-level
// message of every failure it makes.
type prefixConverter struct{ wfsim.FailureConverter }

func (c prefixConverter) ErrorToFailure(err error) *wfsim.Failure {
	f := c.FailureConverter.ErrorToFailure(err)
	if f != nil {
		f.Message = "[fc] " + f.Message
	}
	return f
}

func TestSetFailureConverterEncodesCommonAttributes(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	dc := boxDataConverter()
	env.SetDataConverter(dc).SetFailureConverter(wfsim.NewDefaultFailureConverter(wfsim.DefaultFailureConverterOptions{
		DataConverter: dc, EncodeCommonAttributes: true,
	}))
	env.RegisterActivity(FailSecretly)

	env.ExecuteWorkflow(WrapSecret)

	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "wrapped: activity error")
	assert.Contains(t, err.Error(), "the secret is 42", "the error shows the decoded message")
	var actErr *wfsim.ActivityError
	require.ErrorAs(t, err, &actErr)
	var appErr *wfsim.ApplicationError
	require.ErrorAs(t, actErr.Unwrap(), &appErr)
	assert.Equal(t, "Secret", appErr.Type())
	assert.Equal(t, "the secret is 42", appErr.Message())

	b, jerr := json.Marshal(env.History())
	require.NoError(t, jerr)
	var doc any
	require.NoError(t, json.Unmarshal(b, &doc))
	failures := 0
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if key == "failure" || key == "cause" {
				failures++
				assert.Equal(t, "Encoded failure", v["message"], "failure %v", v)
				assert.Contains(t, v, "encodedAttributes")
			}
			for k, x := range v {
				walk(k, x)
			}
		case []any:
			for _, x := range v {
				walk(key, x)
			}
		}
	}
	walk("", doc)
	// ActivityTaskFailed, and WorkflowExecutionFailed with its causes.
	assert.GreaterOrEqual(t, failures, 4)
	assertAllPayloadsBoxed(t, "workflow", env.History())

	// The encoded attributes survive the history's JSON form.
	read, rerr := replay.ReadHistory(bytes.NewReader(b))
	require.NoError(t, rerr)
	again, jerr := json.Marshal(read)
	require.NoError(t, jerr)
	assert.JSONEq(t, string(b), string(again))
}

func TestSetFailureConverterIsUsed(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetFailureConverter(prefixConverter{wfsim.GetDefaultFailureConverter()})
	env.RegisterActivity(FailSecretly)

	env.ExecuteWorkflow(WrapSecret)

	err := env.GetWorkflowError()
	var actErr *wfsim.ActivityError
	require.ErrorAs(t, err, &actErr)
	var appErr *wfsim.ApplicationError
	require.ErrorAs(t, actErr.Unwrap(), &appErr)
	// The activity's failure was made by the custom converter on the
	// worker side, and the workflow's failure too.
	assert.Equal(t, "[fc] the secret is 42", appErr.Message())
	assert.Contains(t, err.Error(), "[fc] wrapped: ")
}

func TestActivityEnvironmentSetFailureConverter(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestActivityEnvironment(t)
	env.SetFailureConverter(prefixConverter{wfsim.GetDefaultFailureConverter()})
	env.RegisterActivity(FailSecretly)

	_, err := env.ExecuteActivity(FailSecretly)

	var actErr *wfsim.ActivityError
	require.ErrorAs(t, err, &actErr)
	var appErr *wfsim.ApplicationError
	require.True(t, errors.As(err, &appErr))
	assert.Equal(t, "[fc] the secret is 42", appErr.Message())

	env.SetFailureConverter(nil)
	_, err = env.ExecuteActivity(FailSecretly)
	require.True(t, errors.As(err, &appErr))
	assert.Equal(t, "the secret is 42", appErr.Message(), "nil restores the default")
}

// readConverter is a custom failure converter that marks the errors it
// makes from failures.
type readConverter struct{ wfsim.FailureConverter }

func (c readConverter) FailureToError(f *wfsim.Failure) error {
	if f == nil {
		return nil
	}
	return wfsim.NewApplicationError("[read] "+f.Message, "Read")
}

// BranchOnMessage sleeps only when the activity's error is one the custom
// converter made, so which branch a replay takes depends on the failure
// converter it is given.
func BranchOnMessage(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	err := workflow.ExecuteActivity(ctx, FailSecretly).Get(ctx, nil)
	var appErr *wfsim.ApplicationError
	if errors.As(err, &appErr) && strings.HasPrefix(appErr.Message(), "[read] ") {
		return workflow.Sleep(ctx, time.Second)
	}
	return nil
}

func TestReplayerFailureConverter(t *testing.T) {
	t.Parallel()
	fc := readConverter{wfsim.GetDefaultFailureConverter()}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetFailureConverter(fc)
	env.RegisterActivity(FailSecretly)
	env.ExecuteWorkflow(BranchOnMessage)
	require.NoError(t, env.GetWorkflowError())
	// The subtests run in parallel: they share the history, taken once
	// here (History gives the payloads their own metadata on its first
	// call, which is not safe to make from two goroutines at once).
	h := env.History()
	require.Equal(t, 1, strings.Count(h.String(), "TimerStarted"), "the recorded run took the converter's branch")

	tests := []struct {
		name    string
		fc      wfsim.FailureConverter
		wantErr bool
	}{
		{"same converter", fc, false},
		{"default converter takes the other branch", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rp, err := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{FailureConverter: tt.fc})
			require.NoError(t, err)
			rp.RegisterWorkflow(BranchOnMessage)
			err = rp.ReplayWorkflowHistory(nil, h)
			if tt.wantErr {
				var nd *replay.NondeterminismError
				assert.ErrorAs(t, err, &nd)
			} else {
				assert.NoError(t, err)
			}
		})
	}
}
