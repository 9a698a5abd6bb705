//lint:file-ignore SA1019 these tests set the deprecated untyped search attributes of a child, as older Temporal code does

package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func compatChild(ctx workflow.Context) (string, error) {
	v := workflow.GetInfo(ctx).SearchAttributes.GetIndexedFields()["CustomKeywordField"]
	if v == nil {
		return "", nil
	}
	return string(v.Data), nil
}

// Options of Temporal's ChildWorkflowOptions and ActivityOptions that older
// or newer code sets: untyped search attributes (not with typed ones),
// static summary and details, priorities.
func TestChildOptionsFromTemporal(t *testing.T) {
	t.Parallel()
	key := wfsim.NewSearchAttributeKeyKeyword("CustomKeywordField")
	tests := []struct {
		name    string
		opts    workflow.ChildWorkflowOptions
		want    string
		wantErr string
	}{
		{"untyped", workflow.ChildWorkflowOptions{SearchAttributes: map[string]any{"CustomKeywordField": "seattle"}}, `"seattle"`, ""},
		{"typed", workflow.ChildWorkflowOptions{TypedSearchAttributes: wfsim.NewSearchAttributes(key.ValueSet("paris"))}, `"paris"`, ""},
		{"both", workflow.ChildWorkflowOptions{SearchAttributes: map[string]any{"CustomKeywordField": "seattle"}, TypedSearchAttributes: wfsim.NewSearchAttributes(key.ValueSet("paris"))},
			"", "cannot specify both SearchAttributes and TypedSearchAttributes"},
		{"summary, details and priority", workflow.ChildWorkflowOptions{StaticSummary: "s", StaticDetails: "d", Priority: wfsim.Priority{PriorityKey: 1, FairnessKey: "a", FairnessWeight: 2}}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflow(compatChild)
			env.RegisterActivity(Echo)
			env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
				actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, Priority: wfsim.Priority{PriorityKey: 2}})
				if err := workflow.ExecuteActivity(actx, Echo, "x").Get(ctx, nil); err != nil {
					return "", err
				}
				var out string
				err := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, tt.opts), compatChild).Get(ctx, &out)
				return out, err
			})
			if tt.wantErr != "" {
				require.ErrorContains(t, env.GetWorkflowError(), tt.wantErr)
				return
			}
			require.NoError(t, env.GetWorkflowError())
			if tt.opts.StaticSummary != "" {
				checkChildMetadata(t, env, tt.opts.StaticSummary, tt.opts.StaticDetails)
			}
			if p := tt.opts.Priority; p != (wfsim.Priority{}) {
				require.Equal(t, &replay.Priority{PriorityKey: int32(p.PriorityKey), FairnessKey: p.FairnessKey, FairnessWeight: p.FairnessWeight},
					initiatedChild(t, env).Priority)
			}
			var out string
			require.NoError(t, env.GetWorkflowResult(&out))
			require.Equal(t, tt.want, out)
			if tt.want != "" {
				require.Equal(t, tt.want, string(initiatedChild(t, env).SearchAttributes.IndexedFields["CustomKeywordField"].Data))
			}
		})
	}
}

// checkChildMetadata checks that the child's static summary and details are
// in its initiated event and in its own WorkflowExecutionStarted, where a
// server records them.
func checkChildMetadata(t *testing.T, env *testsuite.TestWorkflowEnvironment, summary, details string) {
	t.Helper()
	for _, ev := range env.History().Events {
		a, ok := ev.Attributes.(*replay.StartChildWorkflowExecutionInitiatedEventAttributes)
		if !ok {
			continue
		}
		for _, md := range []*replay.UserMetadata{ev.GetUserMetadata(), env.Histories(a.WorkflowID)[0].Events[0].GetUserMetadata()} {
			require.NotNil(t, md)
			require.Equal(t, `"`+summary+`"`, string(md.Summary.Data))
			require.Equal(t, `"`+details+`"`, string(md.Details.Data))
		}
		return
	}
	t.Fatal("no StartChildWorkflowExecutionInitiated event")
}

// initiatedChild returns the attributes of the run's one
// StartChildWorkflowExecutionInitiated event.
func initiatedChild(t *testing.T, env *testsuite.TestWorkflowEnvironment) *replay.StartChildWorkflowExecutionInitiatedEventAttributes {
	t.Helper()
	for _, ev := range env.History().Events {
		if a, ok := ev.Attributes.(*replay.StartChildWorkflowExecutionInitiatedEventAttributes); ok {
			return a
		}
	}
	t.Fatal("no StartChildWorkflowExecutionInitiated event")
	return nil
}
