package testsuite

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"

	"github.com/wfsim/wfsim/activity"
)

// TestMocksRunsCode checks which expectations count as running the test's
// code (and so need the simulation's goroutine ID noted at the start).
func TestMocksRunsCode(t *testing.T) {
	t.Parallel()
	act := func(ctx context.Context, s string) (string, error) { return s, nil }
	cases := []struct {
		name string
		mock func(env *TestWorkflowEnvironment)
		want bool
	}{
		{"none", func(*TestWorkflowEnvironment) {}, false},
		{"values", func(env *TestWorkflowEnvironment) {
			env.OnActivity(act, mock.Anything, "x").Return("y", nil).Once().After(time.Second)
		}, false},
		{"type checks", func(env *TestWorkflowEnvironment) {
			env.OnActivity(act, mock.AnythingOfType("string"), mock.IsType("")).Return("y", nil)
		}, false},
		{"Run", func(env *TestWorkflowEnvironment) {
			env.OnActivity(act, mock.Anything, mock.Anything).Return("y", nil).Run(func(mock.Arguments) {})
		}, true},
		{"Panic", func(env *TestWorkflowEnvironment) {
			env.OnActivity(act, mock.Anything, mock.Anything).Panic("boom")
		}, true},
		{"function Return", func(env *TestWorkflowEnvironment) {
			env.OnActivity(act, mock.Anything, mock.Anything).Return(act)
		}, true},
		{"AfterFn", func(env *TestWorkflowEnvironment) {
			env.OnActivity(act, mock.Anything, mock.Anything).Return("y", nil).AfterFn(func() time.Duration { return 0 })
		}, true},
		{"MatchedBy", func(env *TestWorkflowEnvironment) {
			env.OnActivity(act, mock.Anything, mock.MatchedBy(func(string) bool { return true })).Return("y", nil)
		}, true},
		{"one of several", func(env *TestWorkflowEnvironment) {
			env.OnActivity(act, mock.Anything, "a").Return("y", nil)
			// Mocking by name takes a registered name.
			env.RegisterActivityWithOptions(func(context.Context) error { return nil }, activity.RegisterOptions{Name: "Other"})
			env.OnActivity("Other", mock.Anything).Return(nil).Run(func(mock.Arguments) {})
		}, true},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := newEnvironment(nil, nil)
			tt.mock(env)
			if got := env.e.mocks.runsCode(); got != tt.want {
				t.Errorf("runsCode() = %v, want %v", got, tt.want)
			}
		})
	}
}
