package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/workflow"
)

// A session created with activity options naming another task queue (a
// pool of workers of its own, as 0x63616c/software-factory's run workers
// are) is taken by the simulated session worker, which takes ordinary
// activities from every queue too; Temporal's test environment takes it
// as well. Its creation activity is recorded on that queue's creation
// queue, and the session's activities on the session's own queue.
func TestSessionOnAnotherTaskQueueIsTaken(t *testing.T) {
	t.Parallel()
	for _, queue := range []string{"run-worker-7", "default-test-taskqueue"} {
		t.Run(queue, func(t *testing.T) {
			t.Parallel()
			env := sessionEnv(t, 1)
			env.RegisterActivity(Transcode)
			env.ExecuteWorkflow(func(ctx workflow.Context, file string) (string, error) {
				ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{TaskQueue: queue, StartToCloseTimeout: time.Minute})
				sctx, err := workflow.CreateSession(ctx, &workflow.SessionOptions{CreationTimeout: time.Minute, ExecutionTimeout: 10 * time.Minute})
				if err != nil {
					return "", err
				}
				defer workflow.CompleteSession(sctx)
				var out string
				err = workflow.ExecuteActivity(sctx, Transcode, file).Get(sctx, &out)
				return out, err
			}, "movie")
			var out string
			require.NoError(t, env.GetWorkflowResult(&out))
			require.Equal(t, "MOVIE", out)

			acts, _ := scheduled(env.History())
			require.Equal(t, queue+"__internal_session_creation", acts["internalSessionCreationActivity"].TaskQueue.Name)
			require.Equal(t, "testResourceID@wfsim-host", acts["Transcode"].TaskQueue.Name)
			require.Equal(t, "testResourceID@wfsim-host", acts["internalSessionCompletionActivity"].TaskQueue.Name)
		})
	}
}
