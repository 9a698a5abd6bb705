package testsuite_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The worker throttles heartbeats as Temporal's does: of five heartbeats
// made in one batch, the first is sent at once and the last, held back, is
// sent when the attempt fails, so the retry resumes from it.
func ExampleTestWorkflowEnvironment_SetOnActivityHeartbeatListener() {
	copyFiles := func(ctx context.Context) (string, error) {
		from := 0
		if activity.HasHeartbeatDetails(ctx) {
			if err := activity.GetHeartbeatDetails(ctx, &from); err != nil {
				return "", err
			}
		}
		if from == 0 {
			for file := 1; file <= 5; file++ {
				activity.RecordHeartbeat(ctx, file)
			}
			return "", errors.New("disk full")
		}
		return fmt.Sprintf("attempt %d resumed after file %d", activity.GetInfo(ctx).Attempt, from), nil
	}

	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivityWithOptions(copyFiles, activity.RegisterOptions{Name: "CopyFiles"})
	env.SetOnActivityHeartbeatListener(func(info *activity.Info, details converter.EncodedValues) {
		var file int
		_ = details.Get(&file)
		fmt.Printf("attempt %d: heartbeat %d sent\n", info.Attempt, file)
	})
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, HeartbeatTimeout: 10 * time.Second})
		var out string
		err := workflow.ExecuteActivity(ctx, "CopyFiles").Get(ctx, &out)
		return out, err
	})
	var result string
	if err := env.GetWorkflowResult(&result); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(result)
	// Output:
	// attempt 1: heartbeat 1 sent
	// attempt 1: heartbeat 5 sent
	// attempt 2 resumed after file 5
}
