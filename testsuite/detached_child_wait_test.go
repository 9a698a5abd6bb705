package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
)

func TestSetDetachedChildWait(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		policy wfsim.ParentClosePolicy
		wait   *bool // nil: the default
		// now is the virtual time ExecuteWorkflow ends at; childDone
		// says whether the child closed by then.
		now       time.Duration
		childDone bool
	}{
		{name: "abandon, default waits", policy: wfsim.ParentClosePolicyAbandon, now: time.Hour, childDone: true},
		{name: "abandon, wait", policy: wfsim.ParentClosePolicyAbandon, wait: ptr(true), now: time.Hour, childDone: true},
		{name: "abandon, no wait", policy: wfsim.ParentClosePolicyAbandon, wait: ptr(false), now: 0, childDone: false},
		{name: "request cancel, no wait", policy: wfsim.ParentClosePolicyRequestCancel, wait: ptr(false), now: 0, childDone: false},
		// A terminated child closes with its parent: nothing to wait for.
		{name: "terminate, no wait", policy: wfsim.ParentClosePolicyTerminate, wait: ptr(false), now: 0, childDone: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflow(SleepyChild)
			if tt.wait != nil {
				assert.Same(t, env, env.SetDetachedChildWait(*tt.wait))
			}
			env.ExecuteWorkflow(Abandoner, tt.policy)
			require.True(t, env.IsWorkflowCompleted())
			require.NoError(t, env.GetWorkflowError())
			assert.Equal(t, tt.now, env.Now().Sub(testsuite.DefaultStartTime))
			h := env.Histories("child")[0]
			last := h.Events[len(h.Events)-1].EventType
			closed := last == replay.EventTypeWorkflowExecutionCompleted || last == replay.EventTypeWorkflowExecutionTerminated || last == replay.EventTypeWorkflowExecutionCanceled
			assert.Equal(t, tt.childDone, closed, "child's last event: %s", last)
		})
	}
}

func ptr[T any](v T) *T { return &v }
