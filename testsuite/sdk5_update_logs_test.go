package testsuite_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/log"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the tests of Temporal's internal/workflow_testsuite_test.go that
// read the workflow's log: the warning about update handlers still running
// when the workflow ends, and the update's name and ID on the records of
// its handler and validator.

// sdk5JSONSuite returns a suite whose logger writes JSON lines of level
// min and above to buf.
func sdk5JSONSuite(buf *bytes.Buffer, min slog.Level) *testsuite.WorkflowTestSuite {
	var s testsuite.WorkflowTestSuite
	s.SetLogger(log.NewStructuredLogger(slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: min}))))
	return &s
}

// sdk5LogLines decodes buf's JSON lines.
func sdk5LogLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.SplitSeq(strings.TrimSpace(buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m), line)
		out = append(out, m)
	}
	return out
}

// sdk5EndWith runs two hour-long "update" handlers and one of the same
// length that abandons silently, then ends as the "completion" signal
// says, or canceled.
func sdk5EndWith(ctx workflow.Context) (int, error) {
	ran := 0
	sleepHour := func(ctx workflow.Context) error {
		ran++
		return workflow.Sleep(ctx, time.Hour)
	}
	if err := workflow.SetUpdateHandler(ctx, "update", sleepHour); err != nil {
		return 0, err
	}
	err := workflow.SetUpdateHandlerWithOptions(ctx, "nonWarningHandler", sleepHour,
		workflow.UpdateHandlerOptions{UnfinishedPolicy: workflow.HandlerUnfinishedPolicyAbandon})
	if err != nil {
		return 0, err
	}
	var how string
	workflow.NewSelector(ctx).
		AddReceive(ctx.Done(), func(workflow.ReceiveChannel, bool) { how = "cancel" }).
		AddReceive(workflow.GetSignalChannel(ctx, "completion"), func(c workflow.ReceiveChannel, _ bool) { c.Receive(ctx, &how) }).
		Select(ctx)
	switch how {
	case "cancel":
		return 0, ctx.Err()
	case "complete":
		return ran, nil
	case "failure":
		return 0, errors.New("test workflow failed")
	default:
		return 0, workflow.NewContinueAsNewError(ctx, "continue-as-new")
	}
}

// Temporal: internal/workflow_testsuite_test.go TestWorkflowAllHandlersFinished
func TestSDK5UnfinishedUpdatesWarnedUnlessTheWorkflowFails(t *testing.T) {
	t.Parallel()
	cases := []struct {
		how     string
		wantErr bool
		warned  bool
		// finished is how many updates completed before the workflow
		// closed.
		finished int
	}{
		{how: "complete", warned: true},
		// Temporal's environment warns here too: it delivers the
		// cancellation of the handlers' timers after the workflow
		// returned. A worker cancels them at once, so the handlers return
		// (canceled) in the task the workflow returns in, and wfsim, as
		// the worker, finds no handler unfinished.
		{how: "cancel", wantErr: true, finished: 3},
		{how: "failure", wantErr: true},
		{how: "continue-as-new", wantErr: true, warned: true},
	}
	for _, tc := range cases {
		t.Run(tc.how, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			env := sdk5JSONSuite(&buf, slog.LevelWarn).NewTestWorkflowEnvironment()
			env.RegisterDelayedCallback(func() { env.UpdateWorkflowNoRejection("update", "id_1", t) }, 0)
			env.RegisterDelayedCallback(func() { env.UpdateWorkflowNoRejection("update", "id_2", t) }, time.Minute)
			env.RegisterDelayedCallback(func() { env.UpdateWorkflowNoRejection("nonWarningHandler", "id_3", t) }, 2*time.Minute)
			env.RegisterDelayedCallback(func() {
				if tc.how == "cancel" {
					env.CancelWorkflow()
				} else {
					env.SignalWorkflow("completion", tc.how)
				}
			}, 2*time.Minute)
			env.ExecuteWorkflow(sdk5EndWith)
			if tc.wantErr {
				require.Error(t, env.GetWorkflowError())
			} else {
				var ran int
				require.NoError(t, env.GetWorkflowResult(&ran))
				assert.Equal(t, 3, ran)
			}
			finished := 0
			for _, ev := range env.History().Events {
				if ev.EventType == replay.EventTypeWorkflowExecutionUpdateCompleted {
					finished++
				}
			}
			assert.Equal(t, tc.finished, finished)
			logs := sdk5LogLines(t, &buf)
			if !tc.warned {
				assert.Empty(t, logs)
				return
			}
			require.Len(t, logs, 1)
			assert.Contains(t, logs[0]["msg"], "[TMPRL1102]")
			// The updates that warn, by name and ID, not the one whose
			// handler abandons silently.
			assert.Equal(t, []any{
				map[string]any{"name": "update", "id": "id_1"},
				map[string]any{"name": "update", "id": "id_2"},
			}, logs[0]["Updates"])
		})
	}
}

// Temporal: internal/workflow_testsuite_test.go TestWorkflowUpdateLogger
func TestSDK5UpdateLogRecordsNameTheUpdate(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	env := sdk5JSONSuite(&buf, slog.LevelInfo).NewTestWorkflowEnvironment()
	env.RegisterDelayedCallback(func() { env.UpdateWorkflowNoRejection("logging_update", "id_1", t) }, 0)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("completion", nil) }, 2*time.Minute)
	env.ExecuteWorkflow(func(ctx workflow.Context) (int, error) {
		ran := 0
		err := workflow.SetUpdateHandlerWithOptions(ctx, "logging_update", func(ctx workflow.Context) error {
			ran++
			workflow.GetLogger(ctx).Info("logging update handler")
			return nil
		}, workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context) error {
			workflow.GetLogger(ctx).Info("logging update validator")
			return nil
		}})
		if err != nil {
			return 0, err
		}
		workflow.GetLogger(ctx).Info("outside the update")
		workflow.GetSignalChannel(ctx, "completion").Receive(ctx, nil)
		return ran, nil
	})
	var ran int
	require.NoError(t, env.GetWorkflowResult(&ran))
	assert.Equal(t, 1, ran)
	type record struct{ Msg, UpdateName, UpdateID any }
	var got []record
	for _, l := range sdk5LogLines(t, &buf) {
		got = append(got, record{l["msg"], l["UpdateName"], l["UpdateID"]})
	}
	// Each record once (the replay check logs nothing); the workflow's own
	// record names no update.
	assert.Equal(t, []record{
		{"logging update validator", "logging_update", "id_1"},
		{"logging update handler", "logging_update", "id_1"},
		{"outside the update", nil, nil},
	}, got)
}
