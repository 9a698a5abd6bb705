//lint:file-ignore SA1019 these tests are of the deprecated untyped search attribute API

package workflow_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// UntypedUpserter uses Temporal's deprecated untyped search attribute API.
func UntypedUpserter(ctx workflow.Context) (map[string]string, error) {
	if err := workflow.UpsertSearchAttributes(ctx, map[string]any{"CustomIntField": 1, "CustomBoolField": true}); err != nil {
		return nil, err
	}
	_ = workflow.Sleep(ctx, time.Minute)
	if err := workflow.UpsertSearchAttributes(ctx, map[string]any{"CustomIntField": 2, "CustomKeywordField": "seattle"}); err != nil {
		return nil, err
	}
	out := make(map[string]string)
	for k, p := range workflow.GetInfo(ctx).SearchAttributes.GetIndexedFields() {
		out[k] = string(p.Data)
	}
	return out, nil
}

func TestUpsertSearchAttributesUntyped(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(UntypedUpserter)
	require.NoError(t, env.SetSearchAttributesOnStart(map[string]any{"CustomStartField": "from-start"}))
	env.ExecuteWorkflow(UntypedUpserter)
	var got map[string]string
	require.NoError(t, env.GetWorkflowResult(&got))
	// Merged, as Temporal documents.
	assert.Equal(t, map[string]string{
		"CustomStartField":   `"from-start"`,
		"CustomIntField":     "2",
		"CustomBoolField":    "true",
		"CustomKeywordField": `"seattle"`,
	}, got)

	h := env.History()
	start := h.Events[0].GetWorkflowExecutionStartedEventAttributes()
	require.NotNil(t, start.SearchAttributes)
	assert.Equal(t, `"from-start"`, string(start.SearchAttributes.IndexedFields["CustomStartField"].Data))
	var upserts []*replay.UpsertWorkflowSearchAttributesEventAttributes
	for _, ev := range h.Events {
		if a := ev.GetUpsertWorkflowSearchAttributesEventAttributes(); a != nil {
			upserts = append(upserts, a)
		}
	}
	require.Len(t, upserts, 2)
	for _, u := range upserts {
		for k, p := range u.SearchAttributes.IndexedFields {
			assert.Nil(t, p.Metadata["type"], "%s: untyped values carry no type", k)
			assert.Equal(t, "json/plain", string(p.Metadata["encoding"]))
		}
	}
	assert.Equal(t, "1", string(upserts[0].SearchAttributes.IndexedFields["CustomIntField"].Data))
	// The history replays (also through its JSON form).
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflow(UntypedUpserter)
	require.NoError(t, rp.ReplayWorkflowHistory(nil, jsonRoundTrip(t, h)))
}

func TestUpsertSearchAttributesUntypedBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		attrs map[string]any
		want  string
	}{
		{name: "empty", attrs: map[string]any{}, want: "search attributes is empty"},
		{name: "nil", want: "search attributes is empty"},
		{name: "reserved", attrs: map[string]any{workflow.TemporalChangeVersion: []string{"x"}}, want: "TemporalChangeVersion is a reserved key that cannot be set, please use other key"},
		{name: "not encodable", attrs: map[string]any{"Ok": 1, "Bad": func() {}}, want: "encode search attribute [Bad] error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wf := func(ctx workflow.Context) (string, error) {
				err := workflow.UpsertSearchAttributes(ctx, tt.attrs)
				if err == nil {
					return "", nil
				}
				return err.Error(), nil
			}
			env := execute(t, wf)
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Contains(t, got, tt.want)
			assert.NotContains(t, eventTypes(env.History()), "UpsertWorkflowSearchAttributes")
		})
	}
}

func TestOnUpsertSearchAttributes(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(UntypedUpserter)
	env.OnUpsertSearchAttributes(map[string]any{"CustomIntField": 1, "CustomBoolField": true}).Once()
	env.OnUpsertSearchAttributes(map[string]any{"CustomIntField": 2, "CustomKeywordField": "seattle"}).Once()
	env.ExecuteWorkflow(UntypedUpserter)
	require.NoError(t, env.GetWorkflowError())
	env.AssertExpectations(t)
}

func TestSetSearchAttributesOnStartBadValue(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	err := env.SetSearchAttributesOnStart(map[string]any{"Bad": make(chan int)})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "encode search attribute [Bad] error")
	// A payload is kept as it is.
	p, err := converter.GetDefaultDataConverter().ToPayload("raw")
	require.NoError(t, err)
	require.NoError(t, env.SetSearchAttributesOnStart(map[string]any{"Raw": p}))
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		var s string
		err := converter.GetDefaultDataConverter().FromPayload(workflow.GetInfo(ctx).SearchAttributes.IndexedFields["Raw"], &s)
		return s, err
	})
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "raw", got)
}
