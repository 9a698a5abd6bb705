package examples_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Property-based fuzzing of a saga: whatever the latencies, failures,
// timeouts and worker restarts, an order ends up either reserved, charged
// and shipped, or with nothing held — never refunded and shipped — and
// each step it completed was undone, newest first.
//
// Activities run at least once: an attempt whose result came too late (its
// StartToClose timeout fired at the instant it finished) is retried though
// its code ran. So the shop's activities are idempotent, and the saga
// compensates a step that failed too — it may have happened.

// orderSteps are the saga's steps and the activity that undoes each ("" for
// none). Shipping comes after the point of no return: it is retried until
// it succeeds, never undone.
var orderSteps = []struct{ do, undo string }{
	{"Reserve", "Release"},
	{"Charge", "Refund"},
	{"Ship", ""},
}

// OrderSaga reserves stock, charges the card and ships. When reserving or
// charging fails for good (its retries run out, it times out, or it
// refuses) it undoes what may have happened, newest first, on a
// disconnected context with retries of its own, and fails with an
// OrderCanceled error.
func OrderSaga(ctx workflow.Context, order string) (string, error) {
	try := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Second,
		RetryPolicy:         &wfsim.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 3},
	})
	// Undoing and shipping must not give up; without a maximum the
	// simulator stops at ten attempts, so set one.
	insist := workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Second,
		RetryPolicy:         &wfsim.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 1000},
	}
	var undo []string
	for _, step := range orderSteps {
		if step.undo == "" {
			ship := workflow.WithActivityOptions(ctx, insist)
			if err := workflow.ExecuteActivity(ship, step.do, order).Get(ship, nil); err != nil {
				return "", err
			}
			continue
		}
		// The undo is due as soon as the step may have happened.
		undo = append(undo, step.undo)
		if err := workflow.ExecuteActivity(try, step.do, order).Get(try, nil); err != nil {
			cleanup, _ := workflow.NewDisconnectedContext(ctx)
			cleanup = workflow.WithActivityOptions(cleanup, insist)
			for i := len(undo) - 1; i >= 0; i-- {
				if err := workflow.ExecuteActivity(cleanup, undo[i], order).Get(cleanup, nil); err != nil {
					return "", err
				}
			}
			return "", wfsim.NewApplicationErrorWithCause("order "+order+" canceled", "OrderCanceled", err)
		}
	}
	return "shipped", nil
}

// shop is the world the saga acts on. Its activities are idempotent: each
// changes what the shop holds at most once, and writes the change to the
// ledger. Each check has its own shop.
type shop struct {
	held     map[string]bool // "Reserve", "Charge", "Ship": done and not undone
	ledger   []string
	declined bool // the card is declined: Charge refuses, for good
}

func (s *shop) do(name string) func(ctx context.Context, order string) error {
	return func(ctx context.Context, order string) error {
		if s.held == nil {
			s.held = make(map[string]bool)
		}
		if name == "Charge" && s.declined {
			return wfsim.NewNonRetryableApplicationError("card declined", "Declined", nil)
		}
		for _, step := range orderSteps {
			switch {
			case name == step.do && !s.held[step.do]:
				s.held[step.do] = true
				s.ledger = append(s.ledger, name)
			case name == step.undo && s.held[step.do]:
				s.held[step.do] = false
				s.ledger = append(s.ledger, name)
			}
		}
		return nil
	}
}

func (s *shop) register(env *testsuite.TestWorkflowEnvironment) {
	for _, step := range orderSteps {
		for _, name := range []string{step.do, step.undo} {
			if name != "" {
				env.RegisterActivityWithOptions(s.do(name), activity.RegisterOptions{Name: name})
			}
		}
	}
}

// sagaProperty says how a shop may be left once the saga has ended with
// err: everything done, when it shipped; otherwise nothing held, and the
// steps done undone newest first.
func sagaProperty(s *shop, err error) error {
	if err == nil {
		if !slices.Equal(s.ledger, []string{"Reserve", "Charge", "Ship"}) {
			return fmt.Errorf("shipped, but the ledger is %v", s.ledger)
		}
		return nil
	}
	var appErr *wfsim.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != "OrderCanceled" {
		return fmt.Errorf("the saga ended with %v, not an OrderCanceled error", err)
	}
	var want []string
	for _, step := range orderSteps {
		if slices.Contains(s.ledger, step.do) {
			want = append(want, step.do)
		}
	}
	for i := len(want) - 1; i >= 0; i-- {
		if want[i] == "Ship" {
			return fmt.Errorf("canceled, but shipped: the ledger is %v", s.ledger)
		}
		want = append(want, orderSteps[i].undo)
	}
	if !slices.Equal(s.ledger, want) {
		return fmt.Errorf("canceled with the ledger %v; the steps done and their undoing are %v", s.ledger, want)
	}
	return nil
}

// sagaFaults are what the world may do to the saga.
var sagaFaults = testsuite.Faults{
	ActivityLatency: 15 * time.Second, // past the 10s StartToClose, sometimes
	ActivityFailure: 0.2,
	ActivityHang:    0.05,
	WorkerRestart:   0.2,
}

// TestOrderSagaProperty lets rapid explore the saga under faults: a failing
// schedule would be shrunk to a minimal one and reported with its
// -rapid.seed, the choices made and the history.
func TestOrderSagaProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		s := &shop{declined: rapid.Bool().Draw(t, "declined")}
		env := testsuite.NewTestWorkflowEnvironment(t)
		s.register(env)
		env.SetExplorer(testsuite.RapidExplorer(t))
		env.SetFaults(sagaFaults)
		env.ExecuteWorkflow(OrderSaga, "A-1")
		require.True(t, env.IsWorkflowCompleted())
		// The replay check that ends ExecuteWorkflow turns a history the
		// code does not replay into an error, which the property rejects.
		if err := sagaProperty(s, env.GetWorkflowError()); err != nil {
			t.Fatal(err)
		}
	})
}

// TestOrderSagaPropertyFaultsHappen makes sure the property above is not
// vacuous: over a few hundred seeds every kind of fault happens, and the
// saga both ships and cancels.
func TestOrderSagaPropertyFaultsHappen(t *testing.T) {
	t.Parallel()
	kinds := map[testsuite.ChoiceKind]int{}
	outcomes := map[string]int{}
	for seed := range uint64(300) {
		s := &shop{}
		var suite testsuite.WorkflowTestSuite
		env := suite.NewTestWorkflowEnvironment()
		s.register(env)
		env.SetExplorer(testsuite.SeedExplorer(seed))
		env.SetFaults(sagaFaults)
		env.ExecuteWorkflow(OrderSaga, "A-1")
		err := env.GetWorkflowError()
		require.NoError(t, sagaProperty(s, err), "seed %d", seed)
		outcomes[fmt.Sprint(err == nil)]++
		for _, c := range env.Choices() {
			if c.Happened || c.Duration > 0 {
				kinds[c.Kind]++
			}
		}
	}
	for _, k := range []testsuite.ChoiceKind{testsuite.ChoiceLatency, testsuite.ChoiceFailure, testsuite.ChoiceHang, testsuite.ChoiceRestart} {
		require.Positive(t, kinds[k], "no %v in 300 runs", k)
	}
	require.Positive(t, outcomes["true"], "never shipped")
	require.Positive(t, outcomes["false"], "never canceled")
}
