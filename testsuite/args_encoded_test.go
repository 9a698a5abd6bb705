package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

type Parcel struct{ ID string }

func BookParcel(_ context.Context, p *Parcel) (string, error) { return "booked " + p.ID, nil }

func ShipParcel(ctx workflow.Context, p *Parcel) (string, error) { return "shipped " + p.ID, nil }

// TestArgumentsFitByEncoding: workflow.ExecuteActivity and
// ExecuteChildWorkflow take arguments that encode to what the function
// decodes — a Parcel for a *Parcel — as Temporal's SDK, which schedules
// both by name, does (temporalio/reference-app-orders-go and
// background-checks pass values to functions that take pointers). An
// argument that cannot decode still fails the call.
func TestArgumentsFitByEncoding(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context, p Parcel) ([]string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		var booked, shipped string
		if err := workflow.ExecuteActivity(ctx, BookParcel, p).Get(ctx, &booked); err != nil {
			return nil, err
		}
		if err := workflow.ExecuteChildWorkflow(ctx, ShipParcel, p).Get(ctx, &shipped); err != nil {
			return nil, err
		}
		err := workflow.ExecuteActivity(ctx, BookParcel, 42).Get(ctx, nil)
		var ae *wfsim.ArgumentError
		if !errors.As(err, &ae) {
			return nil, errors.New("no ArgumentError for an int")
		}
		return []string{booked, shipped, err.Error()}, nil
	}
	tests := []struct {
		name string
		mock bool
	}{
		{"registered", false},
		{"mocked", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(BookParcel)
			env.RegisterWorkflow(ShipParcel)
			if tt.mock {
				env.OnActivity(BookParcel, mock.Anything, &Parcel{ID: "p1"}).Return("booked p1", nil)
				env.OnWorkflow(ShipParcel, mock.Anything, &Parcel{ID: "p1"}).Return("shipped p1", nil)
			}
			env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Parcels"})
			env.ExecuteWorkflow("Parcels", Parcel{ID: "p1"})
			var got []string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, []string{"booked p1", "shipped p1",
				`activity "BookParcel": argument 1: the function takes *testsuite_test.Parcel, got int`}, got)
		})
	}
}

// Desk is what a workflow knows of its activities; desk implements it.
type Desk interface {
	Reserve(ctx context.Context, p *Parcel) (string, error)
}

type desk struct{ prefix string }

func (d *desk) Reserve(_ context.Context, p *Parcel) (string, error) { return d.prefix + p.ID, nil }

// Release takes no context: its method expression's only parameter before
// the caller's is the receiver.
func (d *desk) Release(p *Parcel) (string, error) { return "released " + p.ID, nil }

// TestActivityByMethodExpression: a method expression (Desk.Reserve,
// (*desk).Reserve, (*desk).Release, which takes no context) schedules the activity registered under the method's
// name, as in Temporal: its receiver is no argument the caller passes
// (temporalio/temporal-jumpstart-golang calls activities this way).
func TestActivityByMethodExpression(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		var out []string
		for _, f := range []any{Desk.Reserve, (*desk).Reserve, (*desk).Release} {
			var got string
			if err := workflow.ExecuteActivity(ctx, f, &Parcel{ID: "p1"}).Get(ctx, &got); err != nil {
				return nil, err
			}
			out = append(out, got)
		}
		return out, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(&desk{prefix: "reserved "})
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Reserve"})
	env.ExecuteWorkflow("Reserve")
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"reserved p1", "reserved p1", "released p1"}, got)
}
