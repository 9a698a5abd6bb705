package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func reserveStock(ctx context.Context) error { return nil }
func chargeCard(ctx context.Context) error   { return nil }

// ReserveThenCharge runs reserveStock, then chargeCard.
func ReserveThenCharge(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	if err := workflow.ExecuteActivity(ctx, reserveStock).Get(ctx, nil); err != nil {
		return err
	}
	return workflow.ExecuteActivity(ctx, chargeCard).Get(ctx, nil)
}

func TestInOrderMockCalls(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		reverse bool
		wantErr string
	}{
		{name: "in order"},
		{name: "out of order", reverse: true, wantErr: "Must not be called before"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			reserve := env.OnActivity(reserveStock, mock.Anything).Return(nil).Once()
			charge := env.OnActivity(chargeCard, mock.Anything).Return(nil).Once()
			if tc.reverse {
				env.InOrderMockCalls(charge, reserve)
			} else {
				env.InOrderMockCalls(reserve, charge)
			}
			env.ExecuteWorkflow(ReserveThenCharge)
			require.True(t, env.IsWorkflowCompleted())
			if tc.wantErr == "" {
				require.NoError(t, env.GetWorkflowError())
				env.AssertExpectations(t)
				return
			}
			require.Error(t, env.GetWorkflowError())
			assert.Contains(t, env.GetWorkflowError().Error(), tc.wantErr)
		})
	}
}
