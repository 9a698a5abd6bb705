package testsuite_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Nonces draws two side-effect values and reads a mutable "config" twice.
func Nonces(ctx workflow.Context) ([]string, error) {
	var out []string
	for i := 0; i < 2; i++ {
		var s string
		if err := workflow.SideEffect(ctx, func(ctx workflow.Context) any { return "real" }).Get(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	for i := 0; i < 2; i++ {
		var s string
		v := workflow.MutableSideEffect(ctx, "config", func(ctx workflow.Context) any { return "real-config" },
			func(a, b any) bool { return a == b })
		if err := v.Get(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func TestOnSideEffect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		mocks func(env *testsuite.TestWorkflowEnvironment)
		want  []string
		// markers is the number of MarkerRecorded events.
		markers int
	}{
		{name: "no mock", want: []string{"real", "real", "real-config", "real-config"}, markers: 3},
		{
			name: "values in order",
			mocks: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnSideEffect().Return("first").Once()
				env.OnSideEffect().Return("second").Once()
			},
			want: []string{"first", "second", "real-config", "real-config"}, markers: 3,
		},
		{
			name: "a function",
			mocks: func(env *testsuite.TestWorkflowEnvironment) {
				n := 0
				env.OnSideEffect().Return(func() any { n++; return string(rune('a' + n - 1)) })
			},
			want: []string{"a", "b", "real-config", "real-config"}, markers: 3,
		},
		{
			name: "mutable, changing",
			mocks: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnMutableSideEffect("config").Return("v1").Once()
				env.OnMutableSideEffect(mock.Anything).Return(func(id string) any { return id + "-v2" }).Once()
			},
			// A new value is recorded when it differs.
			want: []string{"real", "real", "v1", "config-v2"}, markers: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			if tt.mocks != nil {
				tt.mocks(env)
			}
			env.ExecuteWorkflow(Nonces)
			require.NoError(t, env.GetWorkflowError()) // the replay check replays the mocked values
			var got []string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
			markers := 0
			for _, ev := range env.History().Events {
				if ev.EventType == replay.EventTypeMarkerRecorded {
					markers++
				}
			}
			assert.Equal(t, tt.markers, markers)
			env.AssertExpectations(t)
		})
	}
}
