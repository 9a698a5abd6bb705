package workflow_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

var (
	customer = workflow.NewSearchAttributeKeyKeyword("Customer")
	amount   = workflow.NewSearchAttributeKeyInt64("Amount")
	paid     = workflow.NewSearchAttributeKeyBool("Paid")
	due      = workflow.NewSearchAttributeKeyTime("Due")
	tags     = workflow.NewSearchAttributeKeyKeywordList("Tags")
	score    = workflow.NewSearchAttributeKeyFloat64("Score")
	note     = workflow.NewSearchAttributeKeyString("Note")
)

func TestSearchAttributesTyped(t *testing.T) {
	t.Parallel()
	when := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	sa := workflow.NewSearchAttributes(customer.ValueSet("ann"), amount.ValueSet(42), paid.ValueSet(true), due.ValueSet(when),
		tags.ValueSet([]string{"a", "b"}), score.ValueSet(0.5), note.ValueSet("hi"), note.ValueUnset())
	c, ok := sa.GetKeyword(customer)
	assert.True(t, ok)
	assert.Equal(t, "ann", c)
	a, _ := sa.GetInt64(amount)
	assert.Equal(t, int64(42), a)
	p, _ := sa.GetBool(paid)
	assert.True(t, p)
	d, _ := sa.GetTime(due)
	assert.Equal(t, when, d)
	l, _ := sa.GetKeywordList(tags)
	assert.Equal(t, []string{"a", "b"}, l)
	f, _ := sa.GetFloat64(score)
	assert.Equal(t, 0.5, f)
	_, ok = sa.GetString(note)
	assert.False(t, ok, "unset")
	assert.False(t, sa.ContainsKey(note))
	assert.True(t, sa.ContainsKey(workflow.NewSearchAttributeKeyKeyword("Customer")), "keys are values")
	assert.Equal(t, 6, sa.Size())
	_, ok = sa.GetKeyword(workflow.NewSearchAttributeKeyKeyword("Amount"))
	assert.False(t, ok, "a key of another type is another key")
	cp := workflow.NewSearchAttributes(sa.Copy())
	assert.Equal(t, sa.GetUntypedValues(), cp.GetUntypedValues())
	l[0] = "changed"
	l2, _ := sa.GetKeywordList(tags)
	assert.Equal(t, "a", l2[0], "lists are copied out")
}

func Upserter(ctx workflow.Context) ([]string, error) {
	var trace []string
	show := func() {
		sa := workflow.GetTypedSearchAttributes(ctx)
		c, _ := sa.GetKeyword(customer)
		a, _ := sa.GetInt64(amount)
		var m string
		if p := workflow.GetInfo(ctx).Memo["step"]; p != nil {
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
	_, stillThere := workflow.GetInfo(ctx).Memo["gone"]
	trace = append(trace, map[bool]string{true: "gone kept", false: "gone removed"}[stillThere])
	return trace, nil
}

func TestUpsertSearchAttributesAndMemo(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(Upserter)
	require.NoError(t, env.SetTypedSearchAttributesOnStart(workflow.NewSearchAttributes(customer.ValueSet("ann"))))
	require.NoError(t, env.SetMemoOnStart(map[string]any{"step": "zero"}))
	env.ExecuteWorkflow(Upserter)
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"ann 0s zero", "bob 1s one", "bob 0s two", "gone removed"}, got)
	h := env.History()
	assert.Equal(t, []string{"WorkflowExecutionStarted", "UpsertWorkflowSearchAttributes", "WorkflowPropertiesModified",
		"TimerStarted", "TimerFired", "UpsertWorkflowSearchAttributes", "WorkflowPropertiesModified", "WorkflowExecutionCompleted"}, eventTypes(h))
	started := h.Events[0].WorkflowExecutionStarted
	require.NotNil(t, started.SearchAttributes)
	assert.Equal(t, "Keyword", string(started.SearchAttributes.IndexedFields["Customer"].Metadata["type"]))
	require.NotNil(t, started.Memo)
	assert.Contains(t, started.Memo.Fields, "step")
	upsert := h.Events[4].UpsertWorkflowSearchAttributes.SearchAttributes.IndexedFields
	assert.Equal(t, "Int", string(upsert["Amount"].Metadata["type"]))
	assert.Equal(t, "1000000000", string(upsert["Amount"].Data))
	// The timer follows two commands: event 5 and 6, then 7.
	assert.Equal(t, "7", h.Events[6].TimerStarted.TimerID)
	unset := h.Events[11].UpsertWorkflowSearchAttributes.SearchAttributes.IndexedFields["Amount"]
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
			return workflow.UpsertTypedSearchAttributes(ctx, workflow.NewSearchAttributeKeyKeywordList(workflow.TemporalChangeVersion).ValueSet([]string{"x"}))
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
	env.OnUpsertTypedSearchAttributes(workflow.NewSearchAttributes(customer.ValueSet("bob"), amount.ValueSet(int64(time.Second)))).Once()
	env.OnUpsertTypedSearchAttributes(workflow.NewSearchAttributes()).Once() // the unset
	env.OnUpsertMemo(map[string]any{"step": "one", "gone": "soon"}).Once()
	env.OnUpsertMemo(mock.Anything).Once()
	env.ExecuteWorkflow(Upserter)
	require.NoError(t, env.GetWorkflowError())
	env.AssertExpectations(t)
}
