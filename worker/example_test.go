package worker_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// A replay test as Temporal users write one: replay a recorded history
// against the current code. Here the history comes from a simulated run.
func ExampleNewWorkflowReplayer() {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(Greet)
	env.ExecuteWorkflow(Greeting, "ann")
	history := env.History()

	replayer := worker.NewWorkflowReplayer()
	replayer.RegisterWorkflow(Greeting)
	fmt.Println("same code:", replayer.ReplayWorkflowHistory(nil, history))

	changed := worker.NewWorkflowReplayer()
	changed.RegisterWorkflowWithOptions(GreetingV2, workflow.RegisterOptions{Name: "Greeting"})
	var nd *replay.NondeterminismError
	fmt.Println("changed code is nondeterministic:", errors.As(changed.ReplayWorkflowHistory(nil, history), &nd))
	// Output:
	// same code: <nil>
	// changed code is nondeterministic: true
}

type dbKey struct{}

// LookupName is an activity that finds its database in its context.
func LookupName(ctx context.Context, id int) (string, error) {
	db := ctx.Value(dbKey{}).(map[int]string)
	return db[id], nil
}

// Profile looks a name up.
func Profile(ctx workflow.Context, id int) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var name string
	err := workflow.ExecuteActivity(ctx, LookupName, id).Get(ctx, &name)
	return name, err
}

// Worker options in a test: the background activity context hands a
// dependency to activities, as it does on a Temporal worker, and the
// identity names the worker in the history.
func ExampleOptions() {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetWorkerOptions(worker.Options{
		BackgroundActivityContext: context.WithValue(context.Background(), dbKey{}, map[int]string{7: "ann"}),
		Identity:                  "worker-1@host",
	})
	env.RegisterActivity(LookupName)
	env.ExecuteWorkflow(Profile, 7)
	var name string
	fmt.Println(env.GetWorkflowResult(&name), name)
	started := env.History().Events[2].GetWorkflowTaskStartedEventAttributes()
	fmt.Println(started.Identity)
	// Output:
	// <nil> ann
	// worker-1@host
}
