package workflow_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

type point struct{ X, Y int }

// queryAt runs wf and asks query(args...) a minute into the run, decoding
// the answer into a value of type T.
func queryAt[T any](t *testing.T, wf any, query string, args ...any) (T, error) {
	t.Helper()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var out T
	var qerr error
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(query, args...)
		if qerr = err; err == nil {
			qerr = v.Get(&out)
		}
	}, time.Minute)
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	return out, qerr
}

func TestQueryHandlerSignatures(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		handlers := map[string]any{
			"none":     func() (string, error) { return "none", nil },
			"two":      func(a int, b string) (string, error) { return fmt.Sprintf("%d %s", a, b), nil },
			"struct":   func(p point) (point, error) { return point{p.Y, p.X}, nil },
			"pointer":  func(p *point) (*point, error) { return &point{p.X * 2, p.Y * 2}, nil },
			"variadic": func(xs ...int) (int, error) { return len(xs), nil },
			"error":    func() (int, error) { return 0, errors.New("not ready") },
		}
		for _, name := range workflow.DeterministicKeys(handlers) {
			if err := workflow.SetQueryHandler(ctx, name, handlers[name]); err != nil {
				return err
			}
		}
		return workflow.Sleep(ctx, time.Hour)
	}
	t.Run("no arguments", func(t *testing.T) {
		t.Parallel()
		got, err := queryAt[string](t, wf, "none")
		require.NoError(t, err)
		assert.Equal(t, "none", got)
	})
	t.Run("two arguments", func(t *testing.T) {
		t.Parallel()
		got, err := queryAt[string](t, wf, "two", 4, "x")
		require.NoError(t, err)
		assert.Equal(t, "4 x", got)
	})
	t.Run("missing trailing arguments are zero", func(t *testing.T) {
		t.Parallel()
		got, err := queryAt[string](t, wf, "two", 4)
		require.NoError(t, err)
		assert.Equal(t, "4 ", got)
	})
	t.Run("a struct", func(t *testing.T) {
		t.Parallel()
		got, err := queryAt[point](t, wf, "struct", point{1, 2})
		require.NoError(t, err)
		assert.Equal(t, point{2, 1}, got)
	})
	t.Run("a pointer", func(t *testing.T) {
		t.Parallel()
		got, err := queryAt[point](t, wf, "pointer", &point{1, 2})
		require.NoError(t, err)
		assert.Equal(t, point{2, 4}, got)
	})
	t.Run("variadic", func(t *testing.T) {
		t.Parallel()
		got, err := queryAt[int](t, wf, "variadic", []int{1, 2, 3})
		require.NoError(t, err)
		assert.Equal(t, 3, got)
	})
	t.Run("the handler's error", func(t *testing.T) {
		t.Parallel()
		_, err := queryAt[int](t, wf, "error")
		assert.EqualError(t, err, "not ready")
	})
}

func TestQuerySeesTheStateOfTheLastTask(t *testing.T) {
	t.Parallel()
	// A handler reads the workflow's variables as the last workflow task
	// left them; a handler registered again replaces the first.
	wf := func(ctx workflow.Context) error {
		step := "started"
		_ = workflow.SetQueryHandler(ctx, "step", func() (string, error) { return "old " + step, nil })
		_ = workflow.SetQueryHandlerWithOptions(ctx, "step", func() (string, error) { return step, nil },
			workflow.QueryHandlerOptions{Description: "where the workflow is"})
		for _, s := range []string{"one", "two", "three"} {
			if err := workflow.Sleep(ctx, time.Hour); err != nil {
				return err
			}
			step = s
		}
		return nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	var seen []string
	for _, at := range []time.Duration{0, 30 * time.Minute, 90 * time.Minute, 2 * time.Hour, 10 * time.Hour} {
		env.RegisterDelayedCallback(func() {
			v, err := env.QueryWorkflow("step")
			require.NoError(t, err)
			var s string
			require.NoError(t, v.Get(&s))
			seen = append(seen, fmt.Sprintf("%v %s", at, s))
		}, at)
	}
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	// At 2h the timer fires at the same instant as the query's callback,
	// which was registered first: the query comes before the task.
	assert.Equal(t, []string{"0s started", "30m0s started", "1h30m0s one", "2h0m0s one"}, seen,
		"the callback at 10h never fires: the run ended at 3h")
}

func ExampleSetQueryHandler() {
	wf := func(ctx workflow.Context) error {
		progress := 0
		if err := workflow.SetQueryHandler(ctx, "progress", func() (string, error) {
			return fmt.Sprintf("%d%%", progress), nil
		}); err != nil {
			return err
		}
		for progress < 100 {
			_ = workflow.Sleep(ctx, time.Minute)
			progress += 25
		}
		return nil
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterDelayedCallback(func() {
		v, _ := env.QueryWorkflow("progress")
		var p string
		_ = v.Get(&p)
		fmt.Println("at 2m30s:", p)
	}, 150*time.Second)
	env.ExecuteWorkflow(wf)
	v, _ := env.QueryWorkflow("progress")
	var p string
	_ = v.Get(&p)
	fmt.Println("after the run:", p)
	// Output:
	// at 2m30s: 50%
	// after the run: 100%
}
