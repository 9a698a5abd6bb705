package examples_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// ResizeImage is a child workflow: it takes a second per megabyte.
func ResizeImage(ctx workflow.Context, image string, megabytes int) (string, error) {
	if megabytes > 100 {
		return "", wfsim.NewApplicationError(image+" is too large", "TooLarge")
	}
	if err := workflow.Sleep(ctx, time.Duration(megabytes)*time.Second); err != nil {
		return "", err
	}
	return image + ".small", nil
}

// ResizeAll fans out one child per image and collects the results as the
// children finish, with a Selector. A failed child does not stop the
// others.
func ResizeAll(ctx workflow.Context, sizes map[string]int) ([]string, error) {
	var log []string
	sel := workflow.NewSelector(ctx)
	for _, image := range workflow.DeterministicKeys(sizes) {
		opts := workflow.ChildWorkflowOptions{WorkflowID: "resize-" + image}
		f := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, opts), ResizeImage, image, sizes[image])
		sel.AddFuture(f, func(f workflow.Future) {
			var out string
			err := f.Get(ctx, &out)
			var child *wfsim.ChildWorkflowExecutionError
			switch {
			case errors.As(err, &child):
				log = append(log, fmt.Sprintf("%v %s failed: %v", elapsed(ctx), child.WorkflowID(), errors.Unwrap(err)))
			case err != nil:
				log = append(log, fmt.Sprintf("%v %v", elapsed(ctx), err))
			default:
				log = append(log, fmt.Sprintf("%v %s", elapsed(ctx), out))
			}
		})
	}
	for range sizes {
		sel.Select(ctx)
	}
	return log, nil
}

var images = map[string]int{"cat": 3, "dog": 1, "map": 500, "sky": 2}

// A parent fans out child workflows, which run in the same simulation,
// each with its own history.
func Example_childFanOut() {
	env := newEnv()
	env.RegisterWorkflow(ResizeImage)
	env.ExecuteWorkflow(ResizeAll, images)
	var log []string
	if err := env.GetWorkflowResult(&log); err != nil {
		fmt.Println("error:", err)
		return
	}
	for _, line := range log {
		fmt.Println(line)
	}
	fmt.Println("workflows:", env.WorkflowIDs())
	for _, ev := range env.Histories("resize-dog")[0].Events {
		fmt.Println("  resize-dog:", ev.EventID, ev.EventType)
	}
	// Output:
	// 0s resize-map failed: map is too large (type: TooLarge, retryable: true)
	// 1s dog.small
	// 2s sky.small
	// 3s cat.small
	// workflows: [default-test-workflow-id resize-cat resize-dog resize-map resize-sky]
	//   resize-dog: 1 WorkflowExecutionStarted
	//   resize-dog: 2 WorkflowTaskScheduled
	//   resize-dog: 3 WorkflowTaskStarted
	//   resize-dog: 4 WorkflowTaskCompleted
	//   resize-dog: 5 TimerStarted
	//   resize-dog: 6 TimerFired
	//   resize-dog: 7 WorkflowTaskScheduled
	//   resize-dog: 8 WorkflowTaskStarted
	//   resize-dog: 9 WorkflowTaskCompleted
	//   resize-dog: 10 WorkflowExecutionCompleted
}

// A test can replace a child workflow with a mock, which still starts and
// closes as a child. Once a workflow is mocked, every call must match a
// mock, as in Temporal: here one mock returns fixed values after a delay,
// the other runs a function with the workflow's signature as the child's
// code.
func Example_childMock() {
	env := newEnv()
	env.RegisterWorkflow(ResizeImage)
	env.OnWorkflow(ResizeImage, mock.Anything, "map", 500).Return("map.tiled", nil).After(time.Minute)
	env.OnWorkflow(ResizeImage, mock.Anything, mock.Anything, mock.Anything).Return(
		func(ctx workflow.Context, image string, megabytes int) (string, error) {
			return ResizeImage(ctx, image, 2*megabytes) // a slower machine
		})
	env.ExecuteWorkflow(ResizeAll, images)
	var log []string
	_ = env.GetWorkflowResult(&log)
	for _, line := range log {
		fmt.Println(line)
	}
	// Output:
	// 2s dog.small
	// 4s sky.small
	// 6s cat.small
	// 1m0s map.tiled
}

func TestFanOutHistoriesReplay(t *testing.T) {
	t.Parallel()
	env := newEnv()
	env.RegisterWorkflow(ResizeImage)
	env.ExecuteWorkflow(ResizeAll, images)
	require.NoError(t, env.GetWorkflowError())
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflow(ResizeAll)
	rp.RegisterWorkflow(ResizeImage)
	for _, id := range env.WorkflowIDs() {
		require.NoError(t, rp.ReplayWorkflowHistory(nil, env.Histories(id)[0]), id)
	}
}
