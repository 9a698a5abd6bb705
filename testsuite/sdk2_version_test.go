//lint:file-ignore SA1019 these tests port Temporal tests of the deprecated untyped search attribute API
package testsuite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// s2ChangeVersions decodes the TemporalChangeVersion search attribute the
// run's GetVersion calls set.
func s2ChangeVersions(ctx workflow.Context) ([]string, error) {
	p, ok := workflow.GetInfo(ctx).SearchAttributes.GetIndexedFields()[workflow.TemporalChangeVersion]
	if !ok {
		return nil, errors.New("no TemporalChangeVersion search attribute")
	}
	var out []string
	err := converter.GetDefaultDataConverter().FromPayload(p, &out)
	return out, err
}

func s2OldActivity(_ context.Context, msg string) (string, error) { return "hello_" + msg, nil }
func s2NewActivity(_ context.Context, msg string) (string, error) { return "hello_" + msg, nil }

// Temporal: internal/internal_workflow_testsuite_test.go Test_GetVersion
func TestSDK2GetVersionTakesTheNewBranchAndSetsTheSearchAttribute(t *testing.T) {
	t.Parallel()
	var versions []string
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, s2ActivityOptions)
		act, arg := any(s2NewActivity), "new_msg"
		if workflow.GetVersion(ctx, "test_change_id", workflow.DefaultVersion, 2) == workflow.DefaultVersion {
			act, arg = s2OldActivity, "old_msg"
		}
		if err := workflow.ExecuteActivity(ctx, act, arg).Get(ctx, nil); err != nil {
			return err
		}
		var err error
		versions, err = s2ChangeVersions(ctx)
		return err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(s2OldActivity)
	env.RegisterActivity(s2NewActivity)
	env.OnActivity(s2NewActivity, mock.Anything, "new_msg").Return("hello new_mock_msg", nil).Once()
	env.ExecuteWorkflow(wf)

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	env.AssertExpectations(t)
	assert.Equal(t, []string{"test_change_id-2"}, versions)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_PreferredVersionProvider
func TestSDK2PreferredVersionProviderChoosesTheFirstVersion(t *testing.T) {
	t.Parallel()
	var calls []worker.PreferredVersionProviderInput
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetWorkerOptions(worker.Options{
		PreferredVersionProvider: func(in worker.PreferredVersionProviderInput) *worker.VersionPreference {
			calls = append(calls, in)
			return &worker.VersionPreference{Version: workflow.DefaultVersion}
		},
	})
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]workflow.Version, error) {
		first := workflow.GetVersion(ctx, "preferred-version", workflow.DefaultVersion, 1)
		again := workflow.GetVersion(ctx, "preferred-version", workflow.DefaultVersion, 1)
		return []workflow.Version{first, again}, nil
	})

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var got []workflow.Version
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []workflow.Version{workflow.DefaultVersion, workflow.DefaultVersion}, got)
	// Asked once, when the version was first recorded; never on replay.
	require.Len(t, calls, 1)
	assert.Equal(t, "preferred-version", calls[0].ChangeID)
	assert.Equal(t, workflow.DefaultVersion, calls[0].MinSupported)
	assert.Equal(t, workflow.Version(1), calls[0].MaxSupported)
	require.NotNil(t, calls[0].WorkflowInfo)
	assert.Equal(t, "default-test-workflow-id", calls[0].WorkflowInfo.WorkflowExecution.ID)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_MockGetVersion
func TestSDK2OnGetVersionPicksEachBranch(t *testing.T) {
	t.Parallel()
	var versions []string
	wf := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, s2ActivityOptions)
		step := func(changeID, suffix string) (string, error) {
			act, arg := any(s2NewActivity), "new"+suffix
			if workflow.GetVersion(ctx, changeID, workflow.DefaultVersion, 2) == workflow.DefaultVersion {
				act, arg = s2OldActivity, "old"+suffix
			}
			var out string
			err := workflow.ExecuteActivity(ctx, act, arg).Get(ctx, &out)
			return out, err
		}
		r1, err := step("change_1", "1")
		if err != nil {
			return "", err
		}
		r2, err := step("change_2", "2")
		if err != nil {
			return "", err
		}
		versions, err = s2ChangeVersions(ctx)
		return r1 + r2, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(s2OldActivity)
	env.RegisterActivity(s2NewActivity)
	env.OnGetVersion("change_1", workflow.DefaultVersion, 2).Return(func(string, workflow.Version, workflow.Version) workflow.Version {
		return workflow.DefaultVersion
	})
	env.OnGetVersion(mock.Anything, workflow.DefaultVersion, 2).Return(workflow.Version(2))
	env.ExecuteWorkflow(wf)

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "hello_old1hello_new2", got)
	// The latest change first, then the earlier ones.
	assert.Equal(t, []string{"change_2-2", "change_1--1"}, versions)
	env.AssertExpectations(t)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_UpsertSearchAttributes_ReservedKey
func TestSDK2UpsertOfTheChangeVersionKeyIsRefused(t *testing.T) {
	t.Parallel()
	var upsertErr error
	var after *converter.SearchAttributes
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		upsertErr = workflow.UpsertSearchAttributes(ctx, map[string]any{workflow.TemporalChangeVersion: "some change version"})
		after = workflow.GetInfo(ctx).SearchAttributes
		return nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	assert.Error(t, upsertErr)
	assert.Nil(t, after)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_MockUpsertSearchAttributes
// Temporal: internal/internal_workflow_testsuite_test.go Test_MockUpsertMemo
func TestSDK2UntypedUpsertsWithAndWithoutMocks(t *testing.T) {
	t.Parallel()
	type upsert struct {
		name   string
		call   func(workflow.Context, map[string]any) error
		mock   func(*testsuite.TestWorkflowEnvironment, any) *testsuite.MockCallWrapper
		fields func(*workflow.Info) map[string]*converter.Payload
	}
	kinds := []upsert{
		{
			name: "search attributes", call: workflow.UpsertSearchAttributes,
			mock:   (*testsuite.TestWorkflowEnvironment).OnUpsertSearchAttributes,
			fields: func(i *workflow.Info) map[string]*converter.Payload { return i.SearchAttributes.GetIndexedFields() },
		},
		{
			name: "memo", call: workflow.UpsertMemo,
			mock:   (*testsuite.TestWorkflowEnvironment).OnUpsertMemo,
			fields: func(i *workflow.Info) map[string]*converter.Payload { return i.Memo.GetFields() },
		},
	}
	for _, k := range kinds {
		for _, mocked := range []bool{false, true} {
			name := k.name + "/no mock"
			if mocked {
				name = k.name + "/mocked"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				var errs []error
				var before, after map[string]*converter.Payload
				wf := func(ctx workflow.Context) error {
					fields := map[string]any{}
					e0 := k.call(ctx, fields) // empty: refused
					b := k.fields(workflow.GetInfo(ctx))
					fields["CustomIntField"] = 1
					e1 := k.call(ctx, fields)
					fields["CustomIntField2"] = 2 // mocked: falls to mock.Anything
					e2 := k.call(ctx, fields)
					if !workflow.IsReplaying(ctx) { // not again in the replay check
						errs, before, after = []error{e0, e1, e2}, b, k.fields(workflow.GetInfo(ctx))
					}
					return nil
				}
				env := testsuite.NewTestWorkflowEnvironment(t)
				if mocked {
					k.mock(env, map[string]any{}).Return(errors.New("empty")).Once()
					k.mock(env, map[string]any{"CustomIntField": 1}).Return(nil).Once()
					k.mock(env, mock.Anything).Return(nil).Once()
				}
				env.ExecuteWorkflow(wf)
				require.True(t, env.IsWorkflowCompleted())
				require.NoError(t, env.GetWorkflowError())
				env.AssertExpectations(t)
				require.Len(t, errs, 3)
				assert.Error(t, errs[0])
				assert.NoError(t, errs[1])
				assert.NoError(t, errs[2])
				assert.Nil(t, before)
				var v int
				require.NoError(t, converter.GetDefaultDataConverter().FromPayload(after["CustomIntField"], &v))
				assert.Equal(t, 1, v)
			})
		}
	}
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_MockUpsertTypedSearchAttributes
func TestSDK2TypedUpsertsWithAndWithoutMocks(t *testing.T) {
	t.Parallel()
	key := wfsim.NewSearchAttributeKeyInt64("CustomIntField")
	key2 := wfsim.NewSearchAttributeKeyInt64("CustomIntField2")
	for _, mocked := range []bool{false, true} {
		name := "no mock"
		if mocked {
			name = "mocked"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var errs []error
			var sa wfsim.SearchAttributes
			wf := func(ctx workflow.Context) error {
				got := []error{
					workflow.UpsertTypedSearchAttributes(ctx), // nothing: refused
					workflow.UpsertTypedSearchAttributes(ctx, key.ValueSet(1)),
					workflow.UpsertTypedSearchAttributes(ctx, key.ValueUnset()),
					workflow.UpsertTypedSearchAttributes(ctx, key2.ValueSet(2)), // mocked: falls to mock.Anything
				}
				if !workflow.IsReplaying(ctx) { // not again in the replay check
					errs, sa = got, workflow.GetTypedSearchAttributes(ctx)
				}
				return nil
			}
			env := testsuite.NewTestWorkflowEnvironment(t)
			if mocked {
				env.OnUpsertTypedSearchAttributes(wfsim.NewSearchAttributes()).Return(errors.New("empty")).Once()
				env.OnUpsertTypedSearchAttributes(wfsim.NewSearchAttributes(key.ValueSet(1))).Return(nil).Once()
				env.OnUpsertTypedSearchAttributes(wfsim.NewSearchAttributes(key.ValueUnset())).Return(nil).Once()
				env.OnUpsertTypedSearchAttributes(mock.Anything).Return(nil).Once()
			}
			env.ExecuteWorkflow(wf)
			require.True(t, env.IsWorkflowCompleted())
			require.NoError(t, env.GetWorkflowError())
			env.AssertExpectations(t)
			require.Len(t, errs, 4)
			assert.Error(t, errs[0])
			assert.NoError(t, errors.Join(errs[1:]...))
			_, ok := sa.GetInt64(key)
			assert.False(t, ok, "the unset key is gone")
			v, ok := sa.GetInt64(key2)
			assert.True(t, ok)
			assert.Equal(t, int64(2), v)
		})
	}
}

// The preference's range rules (Temporal's resolvePreferredVersion): a
// supported preference is recorded, nil means maxSupported, an unsupported
// one is clamped when asked and fails the workflow task otherwise.
func TestSDK2PreferredVersionRange(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		pref    *worker.VersionPreference
		want    workflow.Version
		wantErr string
	}{
		{name: "in range", pref: &worker.VersionPreference{Version: 2}, want: 2},
		{name: "nil: the newest", want: 3},
		{name: "below, clamped", pref: &worker.VersionPreference{Version: -5, ClampToSupportedRange: true}, want: 1},
		{name: "above, clamped", pref: &worker.VersionPreference{Version: 9, ClampToSupportedRange: true}, want: 3},
		{name: "above, not clamped", pref: &worker.VersionPreference{Version: 9},
			wantErr: `[TMPRL1100] Preferred version 9 for "c" change ID is not supported. Supported versions are between 1 and 3.`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			env.SetWorkerOptions(worker.Options{
				PreferredVersionProvider: func(worker.PreferredVersionProviderInput) *worker.VersionPreference { return tc.pref },
			})
			env.ExecuteWorkflow(func(ctx workflow.Context) (workflow.Version, error) {
				return workflow.GetVersion(ctx, "c", 1, 3), nil
			})
			require.True(t, env.IsWorkflowCompleted())
			if tc.wantErr != "" {
				require.Error(t, env.GetWorkflowError())
				assert.Contains(t, env.GetWorkflowError().Error(), tc.wantErr)
				return
			}
			require.NoError(t, env.GetWorkflowError())
			var got workflow.Version
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tc.want, got)
		})
	}
}
