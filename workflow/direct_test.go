package workflow_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/workflow"
)

// Named function types do not match the signatures a run calls without
// reflection, so each case runs once each way and must end the same.
type (
	reflectNoArg     func(workflow.Context) error
	reflectNoArgStr  func(workflow.Context) (string, error)
	reflectStr       func(workflow.Context, string) error
	reflectStrStr    func(workflow.Context, string) (string, error)
	reflectInt       func(workflow.Context, int) error
	reflectIntInt    func(workflow.Context, int) (int, error)
	reflectStrInt    func(workflow.Context, string) (int, error)
	reflectIntStr    func(workflow.Context, int) (string, error)
	reflectTwoParams func(workflow.Context, int, int) (int, error)
)

func TestDirectAndReflectiveCallsAgree(t *testing.T) {
	t.Parallel()
	errBoom := errors.New("boom")
	noArg := func(workflow.Context) error { return errBoom }
	noArgStr := func(workflow.Context) (string, error) { return "v", nil }
	str := func(_ workflow.Context, s string) error { return errors.New(s) }
	strStr := func(_ workflow.Context, s string) (string, error) { return "hi " + s, nil }
	intErr := func(_ workflow.Context, n int) error {
		if n > 1 {
			return errBoom
		}
		return nil
	}
	intInt := func(_ workflow.Context, n int) (int, error) { return 2 * n, nil }
	strInt := func(_ workflow.Context, s string) (int, error) { return len(s), nil }
	intStr := func(_ workflow.Context, n int) (string, error) { return "", errors.New("no") }
	tests := []struct {
		name        string
		direct, ref any
		args        []any
	}{
		{"error only", noArg, reflectNoArg(noArg), nil},
		{"string result", noArgStr, reflectNoArgStr(noArgStr), nil},
		{"string argument, error", str, reflectStr(str), []any{"bad"}},
		{"string to string", strStr, reflectStrStr(strStr), []any{"you"}},
		{"int argument, nil error", intErr, reflectInt(intErr), []any{1}},
		{"int argument, error", intErr, reflectInt(intErr), []any{2}},
		{"int to int", intInt, reflectIntInt(intInt), []any{21}},
		{"string to int", strInt, reflectStrInt(strInt), []any{"four"}},
		{"int to string, error", intStr, reflectIntStr(intStr), []any{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			run := func(wf any) (any, string) {
				env := executeUnbound(wf, tt.args...)
				require.True(t, env.IsWorkflowCompleted())
				var out any
				err := env.GetWorkflowResult(&out)
				if err != nil {
					return nil, err.Error()
				}
				return out, ""
			}
			gotOut, gotErr := run(tt.direct)
			wantOut, wantErr := run(tt.ref)
			assert.Equal(t, wantOut, gotOut)
			assert.Equal(t, wantErr, gotErr)
		})
	}
}

func TestReflectiveCallOfOtherSignatures(t *testing.T) {
	t.Parallel()
	wf := reflectTwoParams(func(_ workflow.Context, a, b int) (int, error) { return a + b, nil })
	assert.Equal(t, 5, result[int](t, wf, 2, 3))
}
