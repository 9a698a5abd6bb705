package examples_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// CartLine is what the "add" signal carries.
type CartLine struct {
	Item string
	Qty  int
}

// CartWorkflow is an entity workflow: one run per shopping cart, alive while
// the customer shops. The "add" and "remove" signals change the cart; the
// "items" and "quantity" queries read it; the "checkout" update, which the
// cart must not be empty for, ends it with the number of items bought. A
// cart left alone for a week expires.
func CartWorkflow(ctx workflow.Context) (int, error) {
	lines := map[string]int{}
	count := func() int {
		n := 0
		for _, q := range lines {
			n += q
		}
		return n
	}
	if err := workflow.SetQueryHandler(ctx, "items", func() ([]string, error) {
		var out []string
		for _, item := range workflow.DeterministicKeys(lines) {
			out = append(out, fmt.Sprintf("%s x%d", item, lines[item]))
		}
		return out, nil
	}); err != nil {
		return 0, err
	}
	if err := workflow.SetQueryHandler(ctx, "quantity", func(item string) (int, error) { return lines[item], nil }); err != nil {
		return 0, err
	}
	checkout := workflow.NewBufferedChannel(ctx, 1)
	if err := workflow.SetUpdateHandlerWithOptions(ctx, "checkout", func(ctx workflow.Context) (int, error) {
		checkout.SendAsync(true)
		return count(), nil
	}, workflow.UpdateHandlerOptions{Validator: func() error {
		if len(lines) == 0 {
			return errors.New("the cart is empty")
		}
		return nil
	}}); err != nil {
		return 0, err
	}

	add := workflow.GetSignalChannel(ctx, "add")
	remove := workflow.GetSignalChannel(ctx, "remove")
	for {
		idleCtx, stopIdle := workflow.WithCancel(ctx)
		idle := workflow.NewTimer(idleCtx, 7*24*time.Hour)
		done, expired := false, false
		workflow.NewSelector(ctx).
			AddReceive(add, func(c workflow.ReceiveChannel, _ bool) {
				var l CartLine
				c.Receive(ctx, &l)
				lines[l.Item] += l.Qty
			}).
			AddReceive(remove, func(c workflow.ReceiveChannel, _ bool) {
				var item string
				c.Receive(ctx, &item)
				delete(lines, item)
			}).
			AddReceive(checkout, func(c workflow.ReceiveChannel, _ bool) {
				c.Receive(ctx, nil)
				done = true
			}).
			AddFuture(idle, func(workflow.Future) { expired = true }).
			Select(ctx)
		stopIdle()
		switch {
		case done:
			return count(), nil
		case expired:
			return 0, wfsim.NewApplicationError("the cart expired", "Expired")
		}
	}
}

// printQuery prints a query's answer with the virtual time it was asked at.
func printQuery(env *testsuite.TestWorkflowEnvironment, query string, args ...any) {
	at := env.Now().Sub(testsuite.DefaultStartTime)
	v, err := env.QueryWorkflow(query, args...)
	if err != nil {
		fmt.Printf("%v %s: %v\n", at, query, err)
		return
	}
	var out any
	_ = v.Get(&out)
	fmt.Printf("%v %s%v: %v\n", at, query, args, out)
}

// cartCallbacks prints the outcome of an update with its virtual time.
func cartCallbacks(env *testsuite.TestWorkflowEnvironment, name string) *testsuite.TestUpdateCallback {
	at := func() time.Duration { return env.Now().Sub(testsuite.DefaultStartTime) }
	return &testsuite.TestUpdateCallback{
		OnAccept:   func() { fmt.Printf("%v %s accepted\n", at(), name) },
		OnReject:   func(err error) { fmt.Printf("%v %s rejected: %v\n", at(), name, err) },
		OnComplete: func(v any, err error) { fmt.Printf("%v %s completed: %v %v\n", at(), name, v, err) },
	}
}

// A cart filled by signals and read by queries, each at its virtual
// instant. The first checkout, on an empty cart, is rejected by the
// validator and leaves no trace in the history; the second ends the cart.
// A query made right after a signal sees it.
func Example_entityQueries() {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow("checkout", "c1", cartCallbacks(env, "checkout c1"))
	}, 30*time.Second)
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow("add", CartLine{Item: "pear", Qty: 2})
		env.SignalWorkflow("add", CartLine{Item: "apple", Qty: 3})
		printQuery(env, "items")
	}, time.Minute)
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow("remove", "pear")
		printQuery(env, "quantity", "pear")
		printQuery(env, "quantity", "apple")
	}, 2*time.Minute)
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow("checkout", "c2", cartCallbacks(env, "checkout c2"))
	}, time.Hour)
	env.ExecuteWorkflow(CartWorkflow)
	var bought int
	if err := env.GetWorkflowResult(&bought); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println("bought", bought)
	printQuery(env, "items")
	printMessageEvents(env.History())
	// Output:
	// 30s checkout c1 rejected: the cart is empty
	// 1m0s items[]: [apple x3 pear x2]
	// 2m0s quantity[pear]: 0
	// 2m0s quantity[apple]: 3
	// 1h0m0s checkout c2 accepted
	// 1h0m0s checkout c2 completed: 3 <nil>
	// bought 3
	// 1h0m0s items[]: [apple x3]
	//   0s      WorkflowExecutionStarted
	//   0s      TimerStarted 168h0m0s
	//   1m0s    WorkflowExecutionSignaled add
	//   1m0s    WorkflowExecutionSignaled add
	//   1m0s    TimerCanceled
	//   1m0s    TimerStarted 168h0m0s
	//   1m0s    TimerCanceled
	//   1m0s    TimerStarted 168h0m0s
	//   2m0s    WorkflowExecutionSignaled remove
	//   2m0s    TimerCanceled
	//   2m0s    TimerStarted 168h0m0s
	//   1h0m0s  WorkflowExecutionUpdateAccepted checkout
	//   1h0m0s  WorkflowExecutionUpdateCompleted
	//   1h0m0s  TimerCanceled
	//   1h0m0s  WorkflowExecutionCompleted
}

func TestCartEntity(t *testing.T) {
	t.Parallel()
	t.Run("an idle cart expires after a week and still answers queries", func(t *testing.T) {
		t.Parallel()
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.RegisterDelayedCallback(func() { env.SignalWorkflow("add", CartLine{Item: "fig", Qty: 1}) }, 24*time.Hour)
		env.ExecuteWorkflow(CartWorkflow)
		var appErr *wfsim.ApplicationError
		require.ErrorAs(t, env.GetWorkflowError(), &appErr)
		assert.Equal(t, "Expired", appErr.Type())
		assert.Equal(t, 8*24*time.Hour, env.Now().Sub(testsuite.DefaultStartTime), "a week after the last signal")
		v, err := env.QueryWorkflow("quantity", "fig")
		require.NoError(t, err)
		var n int
		require.NoError(t, v.Get(&n))
		assert.Equal(t, 1, n)
	})
	t.Run("queries that do not exist or do not fit", func(t *testing.T) {
		t.Parallel()
		env := testsuite.NewTestWorkflowEnvironment(t)
		var unknown, mismatch error
		env.RegisterDelayedCallback(func() {
			_, unknown = env.QueryWorkflow("total")
			_, mismatch = env.QueryWorkflow("quantity", 42)
			env.SignalWorkflow("add", CartLine{Item: "fig", Qty: 1})
		}, time.Minute)
		// Not in the same callback: an update handed over with a signal
		// runs before the workflow's code receives the signal, as in
		// Temporal, and would find the cart empty.
		env.RegisterDelayedCallback(func() { env.UpdateWorkflowNoRejection("checkout", "", t) }, 2*time.Minute)
		env.ExecuteWorkflow(CartWorkflow)
		require.NoError(t, env.GetWorkflowError())
		var uq *workflow.UnknownQueryError
		require.ErrorAs(t, unknown, &uq)
		assert.Equal(t, []string{"__stack_trace", "items", "quantity"}, uq.Known)
		var ae *wfsim.ArgumentError
		require.ErrorAs(t, mismatch, &ae)
		assert.Equal(t, "string", ae.Expected)
	})
}
