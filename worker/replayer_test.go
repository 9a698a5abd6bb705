package worker_test

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/log"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

func Greet(_ context.Context, name string) (string, error) { return "Hello " + name, nil }

// Greeting greets name, then again after a minute.
func Greeting(ctx workflow.Context, name string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	workflow.GetLogger(ctx).Info("greeting", "name", name)
	var s string
	if err := workflow.ExecuteActivity(ctx, Greet, name).Get(ctx, &s); err != nil {
		return "", err
	}
	if err := workflow.Sleep(ctx, time.Minute); err != nil {
		return "", err
	}
	return s, workflow.ExecuteActivity(ctx, Greet, name).Get(ctx, &s)
}

// GreetingV2 sleeps first: not what Greeting's histories record.
func GreetingV2(ctx workflow.Context, name string) (string, error) {
	if err := workflow.Sleep(ctx, time.Second); err != nil {
		return "", err
	}
	return Greeting(ctx, name)
}

// GreetingOtherInput greets another name: only a strict replay sees it.
func GreetingOtherInput(ctx workflow.Context, _ string) (string, error) {
	return Greeting(ctx, "someone else")
}

// record runs Greeting in a test environment and returns its history.
func record(t *testing.T) *replay.History {
	t.Helper()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Greet)
	env.ExecuteWorkflow(Greeting, "ann")
	require.NoError(t, env.GetWorkflowError())
	return env.History()
}

// writeFile writes h as JSON to a file of its own and returns its path.
func writeFile(t *testing.T, h *replay.History) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "history.json")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, h.WriteJSON(f))
	require.NoError(t, f.Close())
	return path
}

// recorder is a log.Logger that is not a *slog.Logger.
type recorder struct{ n int }

func (r *recorder) Debug(string, ...any) { r.n++ }
func (r *recorder) Info(string, ...any)  { r.n++ }
func (r *recorder) Warn(string, ...any)  { r.n++ }
func (r *recorder) Error(string, ...any) { r.n++ }

func TestWorkflowReplayer(t *testing.T) {
	t.Parallel()
	h := record(t)
	path := writeFile(t, h)
	// The first workflow task ends at event 4; the activity is scheduled
	// at 5.
	type replayFunc func(r worker.WorkflowReplayer, logger log.Logger) error
	ways := map[string]replayFunc{
		"history": func(r worker.WorkflowReplayer, l log.Logger) error { return r.ReplayWorkflowHistory(l, h) },
		"history with options": func(r worker.WorkflowReplayer, l log.Logger) error {
			return r.ReplayWorkflowHistoryWithOptions(l, h, worker.ReplayWorkflowHistoryOptions{
				OriginalExecution: workflow.WorkflowExecution{ID: "wf", RunID: "run"}})
		},
		"file": func(r worker.WorkflowReplayer, l log.Logger) error {
			return r.ReplayWorkflowHistoryFromJSONFile(l, path)
		},
		"partial file": func(r worker.WorkflowReplayer, l log.Logger) error {
			return r.ReplayPartialWorkflowHistoryFromJSONFile(l, path, 3)
		},
	}
	for _, tc := range []struct {
		name     string
		register func(r worker.WorkflowReplayer)
		options  *worker.WorkflowReplayerOptions
		logger   log.Logger
		// wantErr checks the error of each way, by name; nil means none.
		wantErr map[string]func(error) bool
	}{
		{name: "same code", register: func(r worker.WorkflowReplayer) { r.RegisterWorkflow(Greeting) }},
		{name: "same code, slog logger", logger: slog.New(slog.DiscardHandler),
			register: func(r worker.WorkflowReplayer) { r.RegisterWorkflow(Greeting) }},
		{name: "same code, structured logger", logger: log.NewStructuredLogger(slog.New(slog.DiscardHandler)),
			register: func(r worker.WorkflowReplayer) { r.RegisterWorkflow(Greeting) }},
		{name: "same code, other logger", logger: &recorder{},
			register: func(r worker.WorkflowReplayer) { r.RegisterWorkflow(Greeting) }},
		{name: "registered under the history's name",
			register: func(r worker.WorkflowReplayer) {
				r.RegisterWorkflowWithOptions(GreetingOtherInput, workflow.RegisterOptions{Name: "Greeting"})
			}},
		{name: "strict sees another input", options: &worker.WorkflowReplayerOptions{Strict: true},
			register: func(r worker.WorkflowReplayer) {
				r.RegisterWorkflowWithOptions(GreetingOtherInput, workflow.RegisterOptions{Name: "Greeting"})
			},
			wantErr: map[string]func(error) bool{
				"history": isNondeterminism, "history with options": isNondeterminism, "file": isNondeterminism,
				// The cut history ends before the activity is scheduled.
				"partial file": nil,
			}},
		{name: "changed code", register: func(r worker.WorkflowReplayer) {
			r.RegisterWorkflowWithOptions(GreetingV2, workflow.RegisterOptions{Name: "Greeting"})
		}, wantErr: map[string]func(error) bool{
			"history": isNondeterminism, "history with options": isNondeterminism, "file": isNondeterminism,
			// The last task of a cut history is not compared.
			"partial file": nil,
		}},
		{name: "unknown type", register: func(r worker.WorkflowReplayer) { r.RegisterWorkflow(GreetingV2) },
			wantErr: map[string]func(error) bool{
				"history": isUnknownType, "history with options": isUnknownType, "file": isUnknownType, "partial file": isUnknownType,
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for way, replayWith := range ways {
				var r worker.WorkflowReplayer
				if tc.options != nil {
					var err error
					r, err = worker.NewWorkflowReplayerWithOptions(*tc.options)
					require.NoError(t, err)
				} else {
					r = worker.NewWorkflowReplayer()
				}
				tc.register(r)
				err := replayWith(r, tc.logger)
				if check := tc.wantErr[way]; check != nil {
					require.Error(t, err, way)
					require.True(t, check(err), "%s: %v", way, err)
				} else {
					require.NoError(t, err, way)
				}
			}
		})
	}
}

func isNondeterminism(err error) bool {
	var nd *replay.NondeterminismError
	return errors.As(err, &nd)
}

func isUnknownType(err error) bool {
	var u *replay.UnknownWorkflowTypeError
	return errors.As(err, &u)
}

func TestReplayerRegisterTwicePanics(t *testing.T) {
	t.Parallel()
	r := worker.NewWorkflowReplayer()
	r.RegisterWorkflow(Greeting)
	require.Panics(t, func() { r.RegisterWorkflow(Greeting) })
	require.NotPanics(t, func() {
		r.RegisterWorkflowWithOptions(Greeting, workflow.RegisterOptions{DisableAlreadyRegisteredCheck: true})
	})
}

func TestReplayerMissingFile(t *testing.T) {
	t.Parallel()
	r := worker.NewWorkflowReplayer()
	r.RegisterWorkflow(Greeting)
	err := r.ReplayWorkflowHistoryFromJSONFile(nil, filepath.Join(t.TempDir(), "none.json"))
	require.ErrorIs(t, err, os.ErrNotExist)
}

// Replay tests often turn on Temporal's verbose worker logs first; the call
// must compile and leave replaying as it was.
func TestEnableVerboseLoggingIsAccepted(t *testing.T) {
	t.Parallel()
	worker.EnableVerboseLogging(true)
	r := worker.NewWorkflowReplayer()
	r.RegisterWorkflow(Greeting)
	require.NoError(t, r.ReplayWorkflowHistoryFromJSONFile(nil, writeFile(t, record(t))))
}

// TestReplayerDeadlock: a workflow that loops without yielding fails the
// replay with Temporal's [TMPRL1101] text; DisableDeadlockDetection lets
// code take its time (here a second and a half).
func TestReplayerDeadlock(t *testing.T) {
	t.Parallel()
	h := record(t)
	loops := func(ctx workflow.Context, name string) (string, error) {
		for {
			workflow.GetInfo(ctx)
		}
	}
	slow := func(ctx workflow.Context, name string) (string, error) {
		time.Sleep(2500 * time.Millisecond)
		return Greeting(ctx, name)
	}
	tests := []struct {
		name     string
		wf       any
		disabled bool
		want     string // "" for no error
	}{
		{"loop", loops, false, `[TMPRL1101] Potential deadlock detected: workflow goroutine "root" didn't yield for over 1s`},
		{"slow, detection disabled", slow, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := worker.NewWorkflowReplayerWithOptions(worker.WorkflowReplayerOptions{DisableDeadlockDetection: tt.disabled})
			require.NoError(t, err)
			r.RegisterWorkflowWithOptions(tt.wf, workflow.RegisterOptions{Name: "Greeting"})
			err = r.ReplayWorkflowHistory(nil, h)
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tt.want)
		})
	}
}
