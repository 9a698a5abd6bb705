package activity_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/actenv"
)

// Approve waits for a person: it hands its task token to whoever will
// approve, and returns ErrResultPending so that the activity stays open.
func Approve(ctx context.Context, report string) (string, error) {
	info := activity.GetInfo(ctx)
	fmt.Printf("%s (attempt %d) of %s: token %s, deadline %s\n",
		info.ActivityType.Name, info.Attempt, info.WorkflowExecution.ID,
		info.TaskToken, info.Deadline.Format(time.DateTime))
	return "", activity.ErrResultPending
}

// The simulator in package testsuite builds activity contexts; here one is
// built by hand, as the simulator does.
func ExampleGetInfo() {
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	ctx := actenv.WithEnv(context.Background(), &actenv.Env{Info: activity.Info{
		TaskToken:           []byte("expense-42/1"),
		WorkflowExecution:   activity.WorkflowExecution{ID: "expense-42", RunID: "1"},
		ActivityID:          "1",
		ActivityType:        activity.ActivityType{Name: "Approve"},
		StartToCloseTimeout: 24 * time.Hour,
		ScheduledTime:       start,
		StartedTime:         start,
		Deadline:            start.Add(24 * time.Hour),
		Attempt:             1,
	}})

	_, err := Approve(ctx, "travel")
	fmt.Println(errors.Is(err, activity.ErrResultPending))
	// Output:
	// Approve (attempt 1) of expense-42: token expense-42/1, deadline 2000-01-02 00:00:00
	// true
}

// Count resumes from the progress its previous attempt recorded.
func Count(ctx context.Context, to int) {
	next := 0
	if activity.HasHeartbeatDetails(ctx) {
		if err := activity.GetHeartbeatDetails(ctx, &next); err != nil {
			return
		}
		fmt.Println("resuming at", next)
	}
	for ; next < to; next++ {
		activity.RecordHeartbeat(ctx, next)
	}
}

func ExampleGetHeartbeatDetails() {
	dc := converter.GetDefaultDataConverter()
	var last *converter.Payloads
	env := &actenv.Env{
		Info:      activity.Info{Attempt: 1},
		Heartbeat: actenv.HeartbeatFunc(func(details *converter.Payloads) { last = details }),
	}
	Count(actenv.WithEnv(context.Background(), env), 3)

	// The first attempt failed; the simulator hands its last details to the next.
	retry := &actenv.Env{Info: activity.Info{Attempt: 2}, HeartbeatDetails: last}
	Count(actenv.WithEnv(context.Background(), retry), 3)
	fmt.Println(dc.ToStrings(last))
	// Output:
	// resuming at 2
	// [2]
}
