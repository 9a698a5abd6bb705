package testsuite_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// giveUpScenarioEnv names the scenario that TestWatchdogGivesUp runs in a
// child process of the test binary.
const giveUpScenarioEnv = "WFSIM_WATCHDOG_GIVE_UP_SCENARIO"

// SpinWithoutWorkflowCalls loops for ever without a workflow call: nothing
// can stop it.
func SpinWithoutWorkflowCalls(workflow.Context) error {
	n := 0
	for {
		n++
	}
}

// WaitOnAGoChannel blocks for ever on a Go channel, which workflow code
// must not use: nothing can stop it.
func WaitOnAGoChannel(workflow.Context) error {
	<-make(chan struct{})
	return nil
}

// AwaitSpinningCondition waits on a condition that, from its second call
// on, which the dispatcher makes, loops for ever without a workflow call.
func AwaitSpinningCondition(ctx workflow.Context) error {
	calls := 0
	workflow.Go(ctx, func(ctx workflow.Context) { _ = workflow.Sleep(ctx, time.Hour) })
	return workflow.Await(ctx, func() bool {
		calls++
		for n := 0; calls > 1; n++ {
		}
		return false
	})
}

// NeverReturns is an activity that never returns.
func NeverReturns(context.Context) error {
	<-make(chan struct{})
	return nil
}

// giveUpScenarios are the runs that nothing can stop, each in the
// environment it is run in.
var giveUpScenarios = map[string]func(){
	"suite env, loop without workflow calls": func() {
		var s testsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		env.SetTestTimeout(100 * time.Millisecond)
		env.ExecuteWorkflow(SpinWithoutWorkflowCalls)
	},
	"suite env, Go channel in workflow code": func() {
		var s testsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		env.SetTestTimeout(100 * time.Millisecond)
		env.ExecuteWorkflow(WaitOnAGoChannel)
	},
	"suite env, activity that never returns": func() {
		var s testsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		env.SetTestTimeout(100 * time.Millisecond)
		env.RegisterActivity(NeverReturns)
		env.ExecuteWorkflow(func(ctx workflow.Context) error {
			ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
			return workflow.ExecuteActivity(ctx, NeverReturns).Get(ctx, nil)
		})
	},
	"suite env, Await condition that never returns": func() {
		var s testsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		env.SetTestTimeout(100 * time.Millisecond)
		env.ExecuteWorkflow(AwaitSpinningCondition)
	},
	"bound env, loop without workflow calls": func() {
		env := testsuite.NewTestWorkflowEnvironment(&recordingTB{})
		env.SetTestTimeout(100 * time.Millisecond)
		env.ExecuteWorkflow(SpinWithoutWorkflowCalls)
	},
}

// A run stuck where nothing can stop it — workflow code that makes no
// workflow call, an activity that never returns — keeps ExecuteWorkflow
// from returning: the simulation's goroutine is inside it. The watchdog
// then ends the test binary with its report and every goroutine's stack,
// a few test timeouts in, instead of leaving it to hang until go test's
// -timeout. Each scenario runs in a child process of the test binary.
func TestWatchdogGivesUp(t *testing.T) {
	if name := os.Getenv(giveUpScenarioEnv); name != "" {
		giveUpScenarios[name]()
		t.Fatal("ExecuteWorkflow returned")
	}
	t.Parallel()
	tests := []struct {
		scenario string
		want     []string
	}{
		{
			scenario: "suite env, loop without workflow calls",
			want: []string{
				`coroutine "root" is running`,
				`testsuite: workflow coroutine "root" has made no workflow call for a whole test timeout since it was interrupted`,
				"testsuite_test.SpinWithoutWorkflowCalls(",
			},
		},
		{
			scenario: "suite env, Go channel in workflow code",
			want: []string{
				`coroutine "root" is running`,
				`testsuite: workflow coroutine "root" has made no workflow call for a whole test timeout since it was interrupted`,
				"testsuite_test.WaitOnAGoChannel(",
			},
		},
		{
			scenario: "suite env, activity that never returns",
			want: []string{
				"no workflow coroutine is running, so the simulator is inside an activity",
				"testsuite: no workflow code ran for two whole test timeouts: the simulation is stuck in an activity",
				"testsuite_test.NeverReturns(",
			},
		},
		{
			scenario: "suite env, Await condition that never returns",
			want: []string{
				`coroutine "root" is running its Await condition, on the dispatcher`,
				`testsuite: workflow coroutine "root" has made no workflow call for a whole test timeout since it was interrupted`,
				"testsuite_test.AwaitSpinningCondition.func2(",
			},
		},
		{
			scenario: "bound env, loop without workflow calls",
			want: []string{
				`coroutine "root" is running`,
				`testsuite: workflow coroutine "root" has made no workflow call for a whole test timeout since it was interrupted`,
				"testsuite_test.SpinWithoutWorkflowCalls(",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			text, exit := runScenarioProcess(t, "TestWatchdogGivesUp", giveUpScenarioEnv, tt.scenario)
			assert.Equal(t, 2, exit, "a panic ended it")
			assert.Less(t, time.Since(start), 30*time.Second)
			assert.Contains(t, text, "panic: testsuite: the run did not finish within the test timeout of 100ms (real time)")
			for _, w := range tt.want {
				assert.Contains(t, text, w)
			}
			assert.Contains(t, text, "so ExecuteWorkflow cannot return")
			assert.NotContains(t, text, "ExecuteWorkflow returned")
		})
	}
}
