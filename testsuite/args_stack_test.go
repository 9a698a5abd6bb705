//go:build !race

// Allocation counts under the race detector vary from run to run (for
// one, its sync.Pool drops entries at random): these tests count them only
// without it.

package testsuite_test

import (
	"context"
	"testing"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func echoArg(_ context.Context, s string) (string, error) { return s, nil }

func echoArgWorkflow(_ workflow.Context, s string) (string, error) { return s, nil }

// With the default converter, ExecuteWorkflow's arguments do not escape
// (fn.EncodeArgs) in an environment not bound to a test (a bound one runs the
// workflow in closures that hold a copy): a call with a literal argument
// allocates no more than one spreading a slice the test already holds.
// Not parallel: AllocsPerRun counts the whole process's allocations.
func TestExecuteWorkflowArgumentsStayOnTheTestsStack(t *testing.T) {
	held := []any{"x"}
	runs := func(execute func(env *testsuite.TestWorkflowEnvironment)) float64 {
		return testing.AllocsPerRun(20, func() {
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			env.DisableReplayCheck()
			execute(env)
			if err := env.GetWorkflowError(); err != nil {
				t.Fatal(err)
			}
		})
	}
	literal := runs(func(env *testsuite.TestWorkflowEnvironment) { env.ExecuteWorkflow(echoArgWorkflow, "x") })
	spread := runs(func(env *testsuite.TestWorkflowEnvironment) { env.ExecuteWorkflow(echoArgWorkflow, held...) })
	if literal != spread {
		t.Errorf("ExecuteWorkflow with a literal argument allocates %v times per run, spreading a held slice %v: the literal's slice escapes", literal, spread)
	}
}

// And QueryWorkflow's. Not parallel, as above.
func TestQueryArgumentsStayOnTheTestsStack(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		return workflow.SetQueryHandler(ctx, "echo", func(s string) (string, error) { return s, nil })
	})
	if err := env.GetWorkflowError(); err != nil {
		t.Fatal(err)
	}
	held := []any{"x"}
	runs := func(query func() (converter.EncodedValue, error)) float64 {
		return testing.AllocsPerRun(50, func() {
			if _, err := query(); err != nil {
				t.Fatal(err)
			}
		})
	}
	literal := runs(func() (converter.EncodedValue, error) { return env.QueryWorkflow("echo", "x") })
	spread := runs(func() (converter.EncodedValue, error) { return env.QueryWorkflow("echo", held...) })
	if literal != spread {
		t.Errorf("QueryWorkflow with a literal argument allocates %v times per query, spreading a held slice %v: the literal's slice escapes", literal, spread)
	}
}

// And a TestActivityEnvironment's ExecuteActivity's. Not parallel, as
// above.
func TestActivityEnvironmentArgumentsStayOnTheTestsStack(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	env.RegisterActivity(echoArg)
	held := []any{"x"}
	runs := func(execute func() (converter.EncodedValue, error)) float64 {
		return testing.AllocsPerRun(50, func() {
			if _, err := execute(); err != nil {
				t.Fatal(err)
			}
		})
	}
	literal := runs(func() (converter.EncodedValue, error) { return env.ExecuteActivity(echoArg, "x") })
	spread := runs(func() (converter.EncodedValue, error) { return env.ExecuteActivity(echoArg, held...) })
	if literal != spread {
		t.Errorf("ExecuteActivity with a literal argument allocates %v times per call, spreading a held slice %v: the literal's slice escapes", literal, spread)
	}
}
