package examples_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The activities of a trip booking. Each booking has a cancellation that
// undoes it.
func BookHotel(ctx context.Context, trip string) (string, error)  { return "hotel-" + trip, nil }
func BookFlight(ctx context.Context, trip string) (string, error) { return "flight-" + trip, nil }
func BookCar(ctx context.Context, trip string) (string, error)    { return "car-" + trip, nil }
func CancelHotel(ctx context.Context, id string) error            { return nil }
func CancelFlight(ctx context.Context, id string) error           { return nil }

// TripSaga books a hotel, a flight and a car. When a booking fails it
// undoes the bookings made so far, newest first, and fails with the
// booking's error. The compensations run on a disconnected context, so
// they run even when the saga itself was canceled.
func TripSaga(ctx workflow.Context, trip string) ([]string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: time.Minute,
		RetryPolicy:         &wfsim.RetryPolicy{MaximumAttempts: 2},
	})
	var log []string
	var compensations []func(ctx workflow.Context) error
	steps := []struct {
		book   any
		cancel any
	}{{BookHotel, CancelHotel}, {BookFlight, CancelFlight}, {BookCar, nil}}
	for _, step := range steps {
		var id string
		if err := workflow.ExecuteActivity(ctx, step.book, trip).Get(ctx, &id); err != nil {
			log = append(log, fmt.Sprintf("%v booking failed: %v", elapsed(ctx), errors.Unwrap(err)))
			cleanup, _ := workflow.NewDisconnectedContext(ctx)
			for i := len(compensations) - 1; i >= 0; i-- {
				if cerr := compensations[i](cleanup); cerr != nil {
					log = append(log, fmt.Sprintf("%v compensation failed: %v", elapsed(ctx), cerr))
				}
			}
			log = append(log, fmt.Sprintf("%v compensated", elapsed(ctx)))
			return log, wfsim.NewApplicationErrorWithCause("trip not booked", "TripFailed", err, log)
		}
		log = append(log, fmt.Sprintf("%v booked %s", elapsed(ctx), id))
		if step.cancel != nil {
			cancel := step.cancel
			compensations = append(compensations, func(ctx workflow.Context) error {
				err := workflow.ExecuteActivity(ctx, cancel, id).Get(ctx, nil)
				if err == nil {
					log = append(log, fmt.Sprintf("%v canceled %s", elapsed(ctx), id))
				}
				return err
			})
		}
	}
	return log, nil
}

// elapsed is the virtual time since the workflow's run started.
func elapsed(ctx workflow.Context) time.Duration {
	return workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime)
}

// newEnv returns an environment not bound to a test: the examples print
// outcomes rather than fail.
func newEnv() *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	return s.NewTestWorkflowEnvironment()
}

// tripEnv registers the trip's activities; the car rental is mocked to
// fail after 30 seconds of virtual time, on every attempt.
func tripEnv() *testsuite.TestWorkflowEnvironment {
	env := newEnv()
	for _, a := range []any{BookHotel, BookFlight, BookCar, CancelHotel, CancelFlight} {
		env.RegisterActivity(a)
	}
	env.OnActivity(BookFlight, mock.Anything, mock.Anything).Return("flight-paris", nil).After(2 * time.Second)
	env.OnActivity(BookCar, mock.Anything, mock.Anything).Return("", errors.New("no cars left")).After(30 * time.Second)
	return env
}

// A saga compensates the steps it completed when a later one fails: the
// car rental fails twice (its retry policy allows two attempts), so the
// flight and the hotel are canceled, newest first.
func Example_saga() {
	env := tripEnv()
	env.ExecuteWorkflow(TripSaga, "paris")
	err := env.GetWorkflowError()
	var appErr *wfsim.ApplicationError
	if errors.As(err, &appErr) {
		var log []string
		_ = appErr.Details(&log)
		for _, line := range log {
			fmt.Println(line)
		}
		fmt.Println("error type:", appErr.Type())
	}
	for _, ev := range env.History().Events {
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
			fmt.Printf("  %-6v scheduled %s\n", ev.EventTime.Sub(testsuite.DefaultStartTime), a.ActivityType.Name)
		}
	}
	// Output:
	// 0s booked hotel-paris
	// 2s booked flight-paris
	// 1m3s booking failed: no cars left
	// 1m3s canceled flight-paris
	// 1m3s canceled hotel-paris
	// 1m3s compensated
	// error type: TripFailed
	//   0s     scheduled BookHotel
	//   0s     scheduled BookFlight
	//   2s     scheduled BookCar
	//   1m3s   scheduled CancelFlight
	//   1m3s   scheduled CancelHotel
}

func TestSagaHistoryReplays(t *testing.T) {
	t.Parallel()
	env := tripEnv()
	env.ExecuteWorkflow(TripSaga, "paris")
	require.Error(t, env.GetWorkflowError())
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflow(TripSaga)
	require.NoError(t, rp.ReplayWorkflowHistory(nil, env.History()))
}
