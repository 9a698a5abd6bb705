package testsuite_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// RegisterOptions.VersioningBehavior ports (cheelim1/go-temporal-sre
// registers with it) and changes nothing: Temporal's worker sends it only
// when it uses worker deployment versioning, which a simulation has not.
func TestRegisterWithVersioningBehaviorChangesNothing(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context, in string) (string, error) { return "hello " + in, nil }
	history := func(b workflow.VersioningBehavior) []byte {
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Greet", VersioningBehavior: b})
		env.ExecuteWorkflow("Greet", "you")
		require.NoError(t, env.GetWorkflowError())
		var out string
		require.NoError(t, env.GetWorkflowResult(&out))
		assert.Equal(t, "hello you", out)
		var buf bytes.Buffer
		require.NoError(t, env.History().WriteJSON(&buf))
		return buf.Bytes()
	}
	plain := history(workflow.VersioningBehaviorUnspecified)
	for _, b := range []workflow.VersioningBehavior{workflow.VersioningBehaviorPinned, workflow.VersioningBehaviorAutoUpgrade} {
		assert.Equal(t, string(plain), string(history(b)), "behavior %d", b)
	}
}
