package testsuite_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// bubbleWatchScenarioEnv tells TestWatchdogLeavesTheBubbleAlone that it
// runs as the child process.
const bubbleWatchScenarioEnv = "WFSIM_WATCHDOG_BUBBLE_SCENARIO"

// ActivityOrTimer returns "activity" if its activity completes before an
// hour of virtual time has passed, "timer" otherwise.
func ActivityOrTimer(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 2 * time.Hour})
	won := ""
	s := workflow.NewSelector(ctx)
	s.AddFuture(workflow.ExecuteActivity(ctx, "Slow"), func(workflow.Future) { won = "activity" })
	s.AddFuture(workflow.NewTimer(ctx, time.Hour), func(workflow.Future) { won = "timer" })
	s.Select(ctx)
	return won, nil
}

// A bound run executes in a synctest bubble and the watchdog's timer runs
// outside it, in real time. An activity that takes longer than the test
// timeout in real time (here: it waits on a channel a goroutine outside
// the bubble closes after a while, as it would wait on I/O) keeps the
// bubble busy, so virtual time stands still until it returns. The
// watchdog reports the run as hung, and must leave it otherwise as it is:
// its report used to switch into the run's suspended coroutines from
// outside the bubble to find where they wait, which the Go runtime
// miscounts (the bubble took itself for idle while the activity still
// ran: virtual time jumped an hour and the timer won, or the runtime
// ended the binary with 'running < 0'). The run is a child process: the
// report fails its test.
func TestWatchdogLeavesTheBubbleAlone(t *testing.T) {
	if os.Getenv(bubbleWatchScenarioEnv) != "" {
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.SetTestTimeout(100 * time.Millisecond)
		gate := make(chan struct{}) // made outside the bubble
		env.RegisterActivityWithOptions(func(context.Context) (time.Time, error) {
			<-gate
			return time.Now(), nil
		}, activity.RegisterOptions{Name: "Slow"})
		release := time.AfterFunc(400*time.Millisecond, func() { close(gate) })
		defer release.Stop()
		env.ExecuteWorkflow(ActivityOrTimer)
		var won string
		err := env.GetWorkflowResult(&won)
		fmt.Printf("RESULT %s %v at +%v\n", won, err, env.Now().Sub(testsuite.DefaultStartTime))
		return
	}
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestWatchdogLeavesTheBubbleAlone$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), bubbleWatchScenarioEnv+"=1")
	out, _ := cmd.CombinedOutput()
	require.NoError(t, ctx.Err(), "the child process hung:\n%s", out)
	text := string(out)
	assert.Contains(t, text, "testsuite: the run did not finish within the test timeout of 100ms (real time)", "the watchdog reports the run")
	assert.Contains(t, text, `coroutine "root" blocked on selector.Select`)
	assert.Contains(t, text, "RESULT activity <nil> at +0s\n", "the activity wins at the instant it started")
	assert.NotContains(t, text, "fatal error")
	assert.NotContains(t, text, "panic:")
}
