package workflow_test

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	commonpb "github.com/wfsim/wfsim/api/common/v1"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Info.Memo and Info.SearchAttributes are messages in Temporal's shapes
// (Fields, IndexedFields, nil-safe getters), nil while a run has none.

// describeFields prints a memo's or search attributes' fields, decoded,
// in key order; "nil" for no message.
func describeFields(present bool, fields map[string]*converter.Payload) string {
	if !present {
		return "nil"
	}
	var b strings.Builder
	b.WriteString("{")
	for i, k := range slices.Sorted(maps.Keys(fields)) {
		var v any
		if err := converter.GetDefaultDataConverter().FromPayload(fields[k], &v); err != nil {
			v = "undecodable: " + err.Error()
		}
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%s=%v", k, v)
	}
	b.WriteString("}")
	return b.String()
}

// describeInfo prints Info's memo and search attributes as a workflow
// ported from Temporal reads them: Fields and IndexedFields directly when
// the message is there. It checks that the getters agree.
func describeInfo(info *workflow.Info) string {
	if len(info.Memo.GetFields()) != len(fieldsOrNil(info.Memo)) ||
		len(info.SearchAttributes.GetIndexedFields()) != len(indexedOrNil(info.SearchAttributes)) {
		return "getters disagree with the fields"
	}
	return "memo=" + describeFields(info.Memo != nil, fieldsOrNil(info.Memo)) +
		" sa=" + describeFields(info.SearchAttributes != nil, indexedOrNil(info.SearchAttributes))
}

func fieldsOrNil(m *commonpb.Memo) map[string]*commonpb.Payload {
	if m == nil {
		return nil
	}
	return m.Fields
}

func indexedOrNil(s *commonpb.SearchAttributes) map[string]*commonpb.Payload {
	if s == nil {
		return nil
	}
	return s.IndexedFields
}

var amountKey = wfsim.NewSearchAttributeKeyInt64("Amount")

// memoReader reports Info's memo and search attributes at its start,
// after upserts and after removing memo fields. While replaying, it
// leaves what it saw in *replayed.
func memoReader(replayed *[]string) func(workflow.Context) ([]string, error) {
	return func(ctx workflow.Context) ([]string, error) {
		var seen []string
		snap := func(when string) { seen = append(seen, when+": "+describeInfo(workflow.GetInfo(ctx))) }
		snap("start")
		if err := workflow.UpsertMemo(ctx, map[string]any{"step": "one"}); err != nil {
			return nil, err
		}
		if err := workflow.UpsertSearchAttributes(ctx, map[string]any{"CustomKeywordField": "upserted"}); err != nil {
			return nil, err
		}
		if err := workflow.UpsertTypedSearchAttributes(ctx, amountKey.ValueSet(5)); err != nil {
			return nil, err
		}
		snap("upserted")
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return nil, err
		}
		if err := workflow.UpsertMemo(ctx, map[string]any{"step": nil, "description": nil}); err != nil {
			return nil, err
		}
		snap("removed")
		if a, _ := workflow.GetTypedSearchAttributes(ctx).GetInt64(amountKey); a != 5 {
			return nil, fmt.Errorf("typed Amount = %d, want 5", a)
		}
		if workflow.IsReplaying(ctx) && replayed != nil {
			*replayed = seen
		}
		return seen, nil
	}
}

func TestInfoMemoAndSearchAttributes(t *testing.T) {
	t.Parallel()
	afterUpserts := []string{
		"upserted: memo={description=d step=one} sa={Amount=5 CustomKeywordField=upserted}",
		// A memo whose fields were all removed stays, empty, as in Temporal.
		"removed: memo={} sa={Amount=5 CustomKeywordField=upserted}",
	}
	tests := []struct {
		name  string
		setup func(*testsuite.TestWorkflowEnvironment) error
		want  []string
	}{
		{
			name:  "none on start",
			setup: func(*testsuite.TestWorkflowEnvironment) error { return nil },
			want: []string{
				"start: memo=nil sa=nil",
				"upserted: memo={step=one} sa={Amount=5 CustomKeywordField=upserted}",
				"removed: memo={} sa={Amount=5 CustomKeywordField=upserted}",
			},
		},
		{
			name: "set on start",
			setup: func(env *testsuite.TestWorkflowEnvironment) error {
				if err := env.SetMemoOnStart(map[string]any{"description": "d"}); err != nil {
					return err
				}
				//lint:ignore SA1019 ported tests set them through the deprecated untyped API
				return env.SetSearchAttributesOnStart(map[string]any{"CustomKeywordField": "seattle"})
			},
			want: append([]string{"start: memo={description=d} sa={CustomKeywordField=seattle}"}, afterUpserts...),
		},
		{
			name: "typed on start",
			setup: func(env *testsuite.TestWorkflowEnvironment) error {
				if err := env.SetMemoOnStart(map[string]any{"description": "d"}); err != nil {
					return err
				}
				return env.SetTypedSearchAttributesOnStart(wfsim.NewSearchAttributes(amountKey.ValueSet(1)))
			},
			want: []string{
				"start: memo={description=d} sa={Amount=1}",
				"upserted: memo={description=d step=one} sa={Amount=5 CustomKeywordField=upserted}",
				"removed: memo={} sa={Amount=5 CustomKeywordField=upserted}",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			require.NoError(t, tt.setup(env))
			env.ExecuteWorkflow(memoReader(nil))
			var got []string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)

			// The upserts replaced Info's messages: the started event's
			// are as the run began.
			h := env.History()
			started := h.Events[0].GetWorkflowExecutionStartedEventAttributes()
			assert.Equal(t, strings.TrimPrefix(tt.want[0], "start: "),
				"memo="+describeFields(started.Memo != nil, started.Memo.GetFields())+
					" sa="+describeFields(started.SearchAttributes != nil, started.SearchAttributes.GetIndexedFields()))

			// A replay of the history, through its JSON form, sees the same.
			var buf bytes.Buffer
			require.NoError(t, h.WriteJSON(&buf))
			read, err := replay.ReadHistory(&buf)
			require.NoError(t, err)
			var replayed []string
			r := replay.NewWorkflowReplayer()
			r.RegisterWorkflowWithOptions(memoReader(&replayed), workflow.RegisterOptions{Name: h.Events[0].GetWorkflowExecutionStartedEventAttributes().WorkflowType.Name})
			require.NoError(t, r.ReplayWorkflowHistory(nil, read))
			assert.Equal(t, tt.want, replayed)
		})
	}
}

func TestInfoMemoAndSearchAttributesOfChild(t *testing.T) {
	t.Parallel()
	child := func(ctx workflow.Context) (string, error) { return describeInfo(workflow.GetInfo(ctx)), nil }
	tests := []struct {
		name string
		opts workflow.ChildWorkflowOptions
		want string
	}{
		{"none", workflow.ChildWorkflowOptions{}, "memo=nil sa=nil"},
		{
			name: "memo and untyped search attributes",
			opts: workflow.ChildWorkflowOptions{
				Memo:             map[string]any{"description": "kid"},
				SearchAttributes: map[string]any{"CustomKeywordField": "seattle"},
			},
			want: "memo={description=kid} sa={CustomKeywordField=seattle}",
		},
		{
			name: "typed search attributes",
			opts: workflow.ChildWorkflowOptions{TypedSearchAttributes: wfsim.NewSearchAttributes(amountKey.ValueSet(7))},
			want: "memo=nil sa={Amount=7}",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			parent := func(ctx workflow.Context) (string, error) {
				var s string
				err := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, tt.opts), child).Get(ctx, &s)
				return s, err
			}
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflow(child)
			env.ExecuteWorkflow(parent)
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
		})
	}
}
