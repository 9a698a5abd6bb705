package workflow_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// Download and Process must run on the same host: Process reads the file
// Download left there.
func Download(ctx context.Context, name string) (string, error) { return "/tmp/" + name, nil }

func Process(ctx context.Context, path string) (string, error) { return strings.ToUpper(path), nil }

// A session runs a sequence of activities on one worker. The simulated
// worker takes sessions once SetWorkerOptions enables them, as a Temporal
// worker does; the history holds what a Temporal worker would record.
func ExampleCreateSession() {
	wf := func(ctx workflow.Context, name string) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		sctx, err := workflow.CreateSession(ctx, &workflow.SessionOptions{
			CreationTimeout:  time.Minute,
			ExecutionTimeout: 10 * time.Minute,
		})
		if err != nil {
			return "", err
		}
		defer workflow.CompleteSession(sctx)
		var path, out string
		if err := workflow.ExecuteActivity(sctx, Download, name).Get(sctx, &path); err != nil {
			return "", err
		}
		if err := workflow.ExecuteActivity(sctx, Process, path).Get(sctx, &out); err != nil {
			return "", err
		}
		return out + " on " + workflow.GetSessionInfo(sctx).HostName, nil
	}

	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetWorkerOptions(worker.Options{EnableSessionWorker: true})
	env.RegisterActivity(Download)
	env.RegisterActivity(Process)
	env.ExecuteWorkflow(wf, "report.csv")
	var out string
	if err := env.GetWorkflowResult(&out); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(out)
	for _, ev := range env.History().Events {
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
			fmt.Printf("%s on %s\n", a.ActivityType.Name, a.TaskQueue.Name)
		}
	}
	// Output:
	// /TMP/REPORT.CSV on wfsim-host
	// internalSessionCreationActivity on default-test-taskqueue__internal_session_creation
	// Download on testResourceID@wfsim-host
	// Process on testResourceID@wfsim-host
	// internalSessionCompletionActivity on testResourceID@wfsim-host
}
