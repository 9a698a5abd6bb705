package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the start-option tests of Temporal's
// internal/workflow_testsuite_test.go: memo and search attributes given
// before the start, the workflow ID and start time the workflow sees, and
// signalling by that ID.

// sdk5StartInfo is what a workflow reports of its own start.
type sdk5StartInfo struct {
	ID        string
	Memo      string
	Attribute string
	TypedInt  int64
	HasTyped  bool
	StartUnix int64
}

// sdk5ReportStart returns what the workflow knows of how it was started.
func sdk5ReportStart(ctx workflow.Context) (sdk5StartInfo, error) {
	info := workflow.GetInfo(ctx)
	out := sdk5StartInfo{ID: info.WorkflowExecution.ID, StartUnix: info.WorkflowStartTime.Unix()}
	dc := converter.GetDefaultDataConverter()
	if p, ok := info.Memo.GetFields()["memoKey"]; ok {
		if err := dc.FromPayload(p, &out.Memo); err != nil {
			return out, err
		}
	}
	if p, ok := info.SearchAttributes.GetIndexedFields()["CustomKeywordField"]; ok {
		if err := dc.FromPayload(p, &out.Attribute); err != nil {
			return out, err
		}
	}
	out.TypedInt, out.HasTyped = workflow.GetTypedSearchAttributes(ctx).GetInt64(temporal.NewSearchAttributeKeyInt64("CustomIntField"))
	return out, nil
}

// Temporal: internal/workflow_testsuite_test.go TestSetMemoOnStart
func TestSDK5MemoOnStart(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	// A value the data converter cannot encode is refused at once.
	require.Error(t, env.SetMemoOnStart(map[string]any{"key": make(chan int)}))

	require.NoError(t, env.SetMemoOnStart(map[string]any{"memoKey": "memo"}))
	env.ExecuteWorkflow(sdk5ReportStart)
	var got sdk5StartInfo
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "memo", got.Memo)
}

// Temporal: internal/workflow_testsuite_test.go TestSetSearchAttributesOnStart
func TestSDK5SearchAttributesOnStart(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	require.Error(t, env.SetSearchAttributesOnStart(map[string]any{"key": make(chan int)}))

	require.NoError(t, env.SetSearchAttributesOnStart(map[string]any{"CustomKeywordField": "blue"}))
	env.ExecuteWorkflow(sdk5ReportStart)
	var got sdk5StartInfo
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "blue", got.Attribute)
}

// Temporal: internal/workflow_testsuite_test.go TestSetTypedSearchAttributesOnStart
func TestSDK5TypedSearchAttributesOnStart(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	key := temporal.NewSearchAttributeKeyInt64("CustomIntField")
	require.NoError(t, env.SetTypedSearchAttributesOnStart(temporal.NewSearchAttributes(key.ValueSet(1))))
	env.ExecuteWorkflow(sdk5ReportStart)
	var got sdk5StartInfo
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.True(t, got.HasTyped)
	assert.Equal(t, int64(1), got.TypedInt)
}

// Temporal: internal/workflow_testsuite_test.go TestWorkflowIDInsideTestWorkflow
func TestSDK5WorkflowIDInsideWorkflow(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		id   string
		want string
	}{
		{name: "default", id: "", want: "default-test-workflow-id"},
		{name: "custom", id: "my-workflow-id", want: "my-workflow-id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
			if tc.id != "" {
				env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: tc.id})
			}
			env.ExecuteWorkflow(sdk5ReportStart)
			var got sdk5StartInfo
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tc.want, got.ID)
		})
	}
}

// Temporal: internal/workflow_testsuite_test.go TestWorkflowIDSignalWorkflowByID
func TestSDK5SignalWorkflowByCustomID(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "my-workflow-id"})
	var signalErr, unknownErr error
	env.RegisterDelayedCallback(func() {
		unknownErr = env.SignalWorkflowByID("no-such-workflow", "signal", "payload")
		signalErr = env.SignalWorkflowByID("my-workflow-id", "signal", "payload")
	}, time.Second)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		var payload string
		workflow.GetSignalChannel(ctx, "signal").Receive(ctx, &payload)
		return workflow.GetInfo(ctx).WorkflowExecution.ID + " got " + payload, nil
	})
	require.NoError(t, signalErr)
	assert.Error(t, unknownErr, "a signal to an unknown workflow ID fails")
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "my-workflow-id got payload", got)
}

// Temporal: internal/workflow_testsuite_test.go TestWorkflowStartTimeInsideTestWorkflow
func TestSDK5StartTimeInsideWorkflow(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(sdk5ReportStart)
	var got sdk5StartInfo
	require.NoError(t, env.GetWorkflowResult(&got))
	// The run took no virtual time, so its start is the environment's now.
	assert.Equal(t, env.Now().Unix(), got.StartUnix)
	assert.Equal(t, testsuite.DefaultStartTime.Unix(), got.StartUnix)
}
