package workflow_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// VersionedCAN continues as new once, asking for behavior b.
func VersionedCAN(ctx workflow.Context, b workflow.ContinueAsNewVersioningBehavior) error {
	if workflow.GetInfo(ctx).ContinuedExecutionRunID != "" {
		return nil
	}
	return workflow.NewContinueAsNewErrorWithOptions(ctx, workflow.ContinueAsNewErrorOptions{
		InitialVersioningBehavior: b,
		EventGroups:               []workflow.EventGroup{workflow.NewEventGroup("g")},
	}, VersionedCAN, b)
}

func TestContinueAsNewVersioningBehavior(t *testing.T) {
	t.Parallel()
	// Untyped, as Temporal's: they fit an int as well.
	var asInt int = workflow.ContinueAsNewVersioningBehaviorUseRampingVersion
	assert.Equal(t, 2, asInt)
	tests := []struct {
		name string
		b    workflow.ContinueAsNewVersioningBehavior
		want replay.ContinueAsNewVersioningBehavior
		json string
	}{
		{"unspecified", workflow.ContinueAsNewVersioningBehaviorUnspecified, replay.ContinueAsNewVersioningBehaviorUnspecified, ""},
		{"auto upgrade", workflow.ContinueAsNewVersioningBehaviorAutoUpgrade, replay.ContinueAsNewVersioningBehaviorAutoUpgrade,
			`"initialVersioningBehavior": "CONTINUE_AS_NEW_VERSIONING_BEHAVIOR_AUTO_UPGRADE"`},
		{"ramping", workflow.ContinueAsNewVersioningBehaviorUseRampingVersion, replay.ContinueAsNewVersioningBehaviorUseRampingVersion,
			`"initialVersioningBehavior": "CONTINUE_AS_NEW_VERSIONING_BEHAVIOR_USE_RAMPING_VERSION"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.ExecuteWorkflow(VersionedCAN, tt.b)
			var can *wfsim.ContinueAsNewError
			require.ErrorAs(t, env.GetWorkflowError(), &can)
			assert.Equal(t, tt.b, can.InitialVersioningBehavior)
			h := env.History()
			a := h.Events[len(h.Events)-1].GetWorkflowExecutionContinuedAsNewEventAttributes()
			require.NotNil(t, a)
			assert.Equal(t, tt.want, a.InitialVersioningBehavior)
			text := historyJSON(t, h)
			if tt.json == "" {
				assert.NotContains(t, text, "initialVersioningBehavior")
			} else {
				assert.Contains(t, text, tt.json)
			}
			read, err := replay.ReadHistory(strings.NewReader(text))
			require.NoError(t, err)
			assert.Equal(t, tt.want, read.Events[len(read.Events)-1].GetWorkflowExecutionContinuedAsNewEventAttributes().InitialVersioningBehavior)
		})
	}
}

func TestContinueAsNewVersioningBehaviorUnknownFailsTheTask(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(nil)
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(VersionedCAN, workflow.ContinueAsNewVersioningBehavior(7))
	var p *wfsim.PanicError
	require.ErrorAs(t, env.GetWorkflowError(), &p)
	assert.Contains(t, p.Error(), "unknown continue-as-new versioning behavior type")
	types := eventTypes(env.History())
	assert.Contains(t, types, "WorkflowTaskFailed")
	assert.NotContains(t, types, "WorkflowExecutionContinuedAsNew")
}
