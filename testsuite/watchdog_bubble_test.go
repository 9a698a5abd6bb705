package testsuite_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// bubbleWatchScenarioEnv names the scenario TestWatchdogOfABubble runs in
// a child process of the test binary: the watchdog's report fails its
// test, or its giving up ends the process.
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

// CountWhileGated takes "add" updates while its activity "Gate" runs.
func CountWhileGated(ctx workflow.Context) (int, error) {
	n := 0
	if err := workflow.SetUpdateHandler(ctx, "add", func(ctx workflow.Context, k int) (int, error) { n += k; return n, nil }); err != nil {
		return 0, err
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Hour})
	err := workflow.ExecuteActivity(ctx, "Gate").Get(ctx, nil)
	return n, err
}

// closeOnComplete closes done when the update completes or is rejected.
type closeOnComplete struct{ done chan struct{} }

func (c closeOnComplete) Accept()             {}
func (c closeOnComplete) Reject(error)        { close(c.done) }
func (c closeOnComplete) Complete(any, error) { close(c.done) }

var bubbleWatchScenarios = map[string]func(t *testing.T){
	// An activity that takes longer than the test timeout in real time
	// (it waits on a channel that a goroutine outside the bubble closes
	// after a while, as it would wait on I/O) keeps the bubble busy, so
	// virtual time stands still until it returns.
	"activity slower than the test timeout": func(t *testing.T) {
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.SetTestTimeout(100 * time.Millisecond)
		gate := make(chan struct{}) // made outside the bubble
		env.RegisterActivityWithOptions(func(context.Context) error {
			<-gate // line 63: the report names it
			return nil
		}, activity.RegisterOptions{Name: "Slow"})
		release := time.AfterFunc(400*time.Millisecond, func() { close(gate) })
		defer release.Stop()
		env.ExecuteWorkflow(ActivityOrTimer)
		var won string
		err := env.GetWorkflowResult(&won)
		fmt.Printf("RESULT %s %v at +%v\n", won, err, env.Now().Sub(testsuite.DefaultStartTime))
	},
	// The test's goroutine waits for an update's callback before it
	// releases the activity; the simulation waits for the activity before
	// it applies the update (synctest.Wait: the activity is not durably
	// blocked). Nothing can break the cycle: the watchdog ends the binary,
	// saying what waits on what.
	"activity released after an update's callback": func(t *testing.T) {
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.SetTestTimeout(100 * time.Millisecond)
		gate, started := make(chan struct{}), make(chan struct{})
		env.RegisterActivityWithOptions(func(context.Context) error {
			close(started)
			<-gate // line 84: the report names it
			return nil
		}, activity.RegisterOptions{Name: "Gate"})
		go func() {
			<-started
			c := closeOnComplete{make(chan struct{})}
			env.UpdateWorkflow("add", "", c, 2)
			<-c.done
			close(gate)
		}()
		env.ExecuteWorkflow(CountWhileGated)
		fmt.Println("ExecuteWorkflow returned")
	},
}

// A bound run executes in a synctest bubble; its watchdog's timer runs
// outside it, in real time. Its report must leave the run as it is: it
// used to switch into the run's suspended coroutines from outside the
// bubble to find where they wait, which the Go runtime miscounts (the
// bubble took itself for idle while an activity still ran: virtual time
// jumped an hour and the timer won, and the runtime panicked 'main bubble
// goroutine has exited but blocked goroutines remain', or ended the binary
// with 'running < 0'). And it names the activity code that waits on
// something from outside the bubble, which is what keeps such a run from
// going on.
func TestWatchdogOfABubble(t *testing.T) {
	if name := os.Getenv(bubbleWatchScenarioEnv); name != "" {
		bubbleWatchScenarios[name](t)
		return
	}
	t.Parallel()
	const report = "testsuite: the run did not finish within the test timeout of 100ms (real time); no workflow coroutine is running, so the simulator is inside an activity, a delayed callback or a listener; activity code waits on something made outside the run's synctest bubble"
	tests := []struct {
		scenario string
		want     []*regexp.Regexp
		wantExit int
	}{
		{
			scenario: "activity slower than the test timeout",
			want: []*regexp.Regexp{
				regexp.MustCompile(`activity goroutine \d+ \[chan receive\] at \S+/watchdog_bubble_test.go:63;`),
				regexp.MustCompile(`coroutine "root" blocked on selector.Select\n`),
				regexp.MustCompile(`RESULT activity <nil> at \+0s\n`), // the activity won at the instant it started
			},
			wantExit: 1, // the report failed the test
		},
		{
			scenario: "activity released after an update's callback",
			want: []*regexp.Regexp{
				regexp.MustCompile(`activity goroutine \d+ \[chan receive\] at \S+/watchdog_bubble_test.go:84;`),
				regexp.MustCompile(`testsuite: no workflow code ran for two whole test timeouts`),
			},
			wantExit: 2, // the watchdog gave up: a panic
		},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			t.Parallel()
			text, exit := runScenarioProcess(t, "TestWatchdogOfABubble", bubbleWatchScenarioEnv, tt.scenario)
			assert.Equal(t, tt.wantExit, exit, text)
			assert.Contains(t, text, report)
			for _, w := range tt.want {
				assert.Regexp(t, w, text)
			}
			assert.NotContains(t, text, "fatal error")
			assert.NotContains(t, text, "synctest bubble goroutine")
			assert.NotContains(t, text, "ExecuteWorkflow returned")
		})
	}
}
