package workflow_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

var (
	customer = wfsim.NewSearchAttributeKeyKeyword("Customer")
	amount   = wfsim.NewSearchAttributeKeyInt64("Amount")
)

func Upserter(ctx workflow.Context) ([]string, error) {
	var trace []string
	show := func() {
		sa := workflow.GetTypedSearchAttributes(ctx)
		c, _ := sa.GetKeyword(customer)
		a, _ := sa.GetInt64(amount)
		var m string
		if p := workflow.GetInfo(ctx).Memo.GetFields()["step"]; p != nil {
			_ = converter.GetDefaultDataConverter().FromPayload(p, &m)
		}
		trace = append(trace, c+" "+time.Duration(a).String()+" "+m)
	}
	show()
	if err := workflow.UpsertTypedSearchAttributes(ctx, customer.ValueSet("bob"), amount.ValueSet(int64(time.Second))); err != nil {
		return nil, err
	}
	if err := workflow.UpsertMemo(ctx, map[string]any{"step": "one", "gone": "soon"}); err != nil {
		return nil, err
	}
	show()
	_ = workflow.Sleep(ctx, time.Minute)
	if err := workflow.UpsertTypedSearchAttributes(ctx, amount.ValueUnset()); err != nil {
		return nil, err
	}
	if err := workflow.UpsertMemo(ctx, map[string]any{"step": "two", "gone": nil}); err != nil {
		return nil, err
	}
	show()
	_, stillThere := workflow.GetInfo(ctx).Memo.GetFields()["gone"]
	trace = append(trace, map[bool]string{true: "gone kept", false: "gone removed"}[stillThere])
	return trace, nil
}

func TestUpsertSearchAttributesAndMemo(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(Upserter)
	require.NoError(t, env.SetTypedSearchAttributesOnStart(wfsim.NewSearchAttributes(customer.ValueSet("ann"))))
	require.NoError(t, env.SetMemoOnStart(map[string]any{"step": "zero"}))
	env.ExecuteWorkflow(Upserter)
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"ann 0s zero", "bob 1s one", "bob 0s two", "gone removed"}, got)
	h := env.History()
	assert.Equal(t, []string{"WorkflowExecutionStarted", "UpsertWorkflowSearchAttributes", "WorkflowPropertiesModified",
		"TimerStarted", "TimerFired", "UpsertWorkflowSearchAttributes", "WorkflowPropertiesModified", "WorkflowExecutionCompleted"}, eventTypes(h))
	started := h.Events[0].GetWorkflowExecutionStartedEventAttributes()
	require.NotNil(t, started.SearchAttributes)
	assert.Equal(t, "Keyword", string(started.SearchAttributes.IndexedFields["Customer"].Metadata["type"]))
	require.NotNil(t, started.Memo)
	assert.Contains(t, started.Memo.Fields, "step")
	upsert := h.Events[4].GetUpsertWorkflowSearchAttributesEventAttributes().SearchAttributes.IndexedFields
	assert.Equal(t, "Int", string(upsert["Amount"].Metadata["type"]))
	assert.Equal(t, "1000000000", string(upsert["Amount"].Data))
	// The timer follows two commands: event 5 and 6, then 7.
	assert.Equal(t, "7", h.Events[6].GetTimerStartedEventAttributes().TimerID)
	unset := h.Events[11].GetUpsertWorkflowSearchAttributesEventAttributes().SearchAttributes.IndexedFields["Amount"]
	assert.Equal(t, "binary/null", unset.Encoding())

	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflow(Upserter)
	require.NoError(t, rp.ReplayWorkflowHistory(nil, h))
}

func TestUpsertBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		upsert func(ctx workflow.Context) error
		want   string
	}{
		{"no attributes", func(ctx workflow.Context) error { return workflow.UpsertTypedSearchAttributes(ctx) }, "search attributes is empty"},
		{"reserved key", func(ctx workflow.Context) error {
			return workflow.UpsertTypedSearchAttributes(ctx, wfsim.NewSearchAttributeKeyKeywordList(workflow.TemporalChangeVersion).ValueSet([]string{"x"}))
		}, "TemporalChangeVersion is a reserved key that cannot be set, please use other key"},
		{"empty memo", func(ctx workflow.Context) error { return workflow.UpsertMemo(ctx, nil) }, "memo is empty"},
		{"memo that does not encode", func(ctx workflow.Context) error {
			return workflow.UpsertMemo(ctx, map[string]any{"f": func() {}})
		}, "encode workflow memo error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wf := func(ctx workflow.Context) (string, error) {
				err := tt.upsert(ctx)
				if err == nil {
					return "", errors.New("no error")
				}
				return err.Error(), nil
			}
			got := result[string](t, wf)
			assert.Contains(t, got, tt.want)
		})
	}
}

func TestUpsertMocks(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(Upserter)
	env.OnUpsertTypedSearchAttributes(wfsim.NewSearchAttributes(customer.ValueSet("bob"), amount.ValueSet(int64(time.Second)))).Once()
	// The mock gets what the updates make, unsets included, as Temporal's.
	env.OnUpsertTypedSearchAttributes(wfsim.NewSearchAttributes(amount.ValueUnset())).Once()
	env.OnUpsertMemo(map[string]any{"step": "one", "gone": "soon"}).Once()
	env.OnUpsertMemo(mock.Anything).Once()
	env.ExecuteWorkflow(Upserter)
	require.NoError(t, env.GetWorkflowError())
	env.AssertExpectations(t)
}
