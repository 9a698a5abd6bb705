package testsuite_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Cart is a shopping cart whose "edit" update returns a pointer to its
// live state, as Temporal's shopping cart sample does.
type Cart struct{ Items map[string]int }

// CartWorkflow edits the cart by update ("add" or "remove" an item; any
// other action is rejected by the validator) until the "checkout" signal.
func CartWorkflow(ctx workflow.Context) (int, error) {
	cart := &Cart{Items: map[string]int{}}
	err := workflow.SetUpdateHandlerWithOptions(ctx, "edit", func(ctx workflow.Context, action, item string) (*Cart, error) {
		if action == "add" {
			cart.Items[item]++
		} else {
			delete(cart.Items, item)
		}
		return cart, nil
	}, workflow.UpdateHandlerOptions{Validator: func(action, item string) error {
		if action != "add" && action != "remove" {
			return fmt.Errorf("unsupported action %q", action)
		}
		return nil
	}})
	if err != nil {
		return 0, err
	}
	// A value result: the count of items, which shares no memory.
	if err := workflow.SetUpdateHandler(ctx, "count", func(ctx workflow.Context) (int, error) { return len(cart.Items), nil }); err != nil {
		return 0, err
	}
	workflow.GetSignalChannel(ctx, "checkout").Receive(ctx, nil)
	return len(cart.Items), nil
}

func TestUpdateCallbacksSeeTheResultAsOfHandlerReturn(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var seen []string
	send := func(action string) {
		env.UpdateWorkflow("edit", "", &testsuite.TestUpdateCallback{
			OnComplete: func(v any, err error) {
				require.NoError(t, err)
				cart, ok := v.(*Cart)
				require.True(t, ok, "the result keeps the handler's type, got %T", v)
				seen = append(seen, fmt.Sprintf("%s: %v", action, cart.Items))
			},
		}, action, "apple")
	}
	// Both updates reach the workflow with the same task: the second
	// changes the cart before the first one's callbacks run.
	env.RegisterDelayedCallback(func() { send("add") }, 0)
	env.RegisterDelayedCallback(func() { send("remove") }, 0)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("checkout", nil) }, time.Minute)
	env.ExecuteWorkflow(CartWorkflow)
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, []string{"add: map[apple:1]", "remove: map[]"}, seen)
}

func TestUpdateCallbacksResentIDSeesTheFirstResult(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var seen []string
	cb := &testsuite.TestUpdateCallback{OnComplete: func(v any, err error) {
		require.NoError(t, err)
		seen = append(seen, fmt.Sprint(v.(*Cart).Items))
	}}
	env.RegisterDelayedCallback(func() { env.UpdateWorkflow("edit", "first", cb, "add", "apple") }, 0)
	env.RegisterDelayedCallback(func() { env.UpdateWorkflow("edit", "second", cb, "add", "pear") }, time.Second)
	// The server answers a resent update ID with the recorded outcome.
	env.RegisterDelayedCallback(func() { env.UpdateWorkflow("edit", "first", cb, "add", "apple") }, 2*time.Second)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("checkout", nil) }, time.Minute)
	env.ExecuteWorkflow(CartWorkflow)
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, []string{"map[apple:1]", "map[apple:1 pear:1]", "map[apple:1]"}, seen)
}

func TestUpdateCallbacksRunInTheOrderTheWorkflowAnswered(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		actions []string
		want    []string
	}{
		{
			name:    "rejection first",
			actions: []string{"sell", "add"},
			want:    []string{`sell rejected: unsupported action "sell"`, "add accepted", "add completed: map[apple:1]"},
		},
		{
			name:    "rejection between",
			actions: []string{"add", "sell", "remove"},
			want: []string{"add accepted", "add completed: map[apple:1]", `sell rejected: unsupported action "sell"`,
				"remove accepted", "remove completed: map[]"},
		},
		{
			name:    "rejection last",
			actions: []string{"add", "sell"},
			want:    []string{"add accepted", "add completed: map[apple:1]", `sell rejected: unsupported action "sell"`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			var got []string
			for _, action := range tc.actions {
				env.RegisterDelayedCallback(func() {
					env.UpdateWorkflow("edit", "", &testsuite.TestUpdateCallback{
						OnAccept: func() { got = append(got, action+" accepted") },
						OnReject: func(err error) { got = append(got, fmt.Sprintf("%s rejected: %v", action, err)) },
						OnComplete: func(v any, err error) {
							got = append(got, fmt.Sprintf("%s completed: %v", action, v.(*Cart).Items))
						},
					}, action, "apple")
				}, 0)
			}
			env.RegisterDelayedCallback(func() { env.SignalWorkflow("checkout", nil) }, time.Minute)
			env.ExecuteWorkflow(CartWorkflow)
			require.NoError(t, env.GetWorkflowError())
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestUpdateCallbacksValueResultIsHandedAsIs(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var counts []any
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow("edit", "", &testsuite.TestUpdateCallback{}, "add", "apple")
		env.UpdateWorkflow("count", "", &testsuite.TestUpdateCallback{OnComplete: func(v any, err error) { counts = append(counts, v) }})
		env.UpdateWorkflow("edit", "", &testsuite.TestUpdateCallback{}, "add", "pear")
		env.UpdateWorkflow("count", "", &testsuite.TestUpdateCallback{OnComplete: func(v any, err error) { counts = append(counts, v) }})
	}, time.Second) // after the first task registered the handlers: the updates run in arrival order
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("checkout", nil) }, time.Minute)
	env.ExecuteWorkflow(CartWorkflow)
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, []any{1, 2}, counts)
}
