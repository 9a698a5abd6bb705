package testsuite_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Tasks held open by local activities (local_task.go) meeting updates,
// cancellations, failures and faults. The shapes of rvUpdate,
// rvCancelBuffered and TestLocalActivityRunsAgainAfterItsHeartbeatedTaskFailed
// are the ones a Temporal dev server (1.31.2, SDK 1.51) recorded for the
// same workflows (session 10, /tmp/reviewsim/harness), timestamps aside.

// rvUpdate: an update handler records when it ran; the workflow waits for
// a local activity of d.
func rvUpdate(ctx workflow.Context, d time.Duration) (string, error) {
	t0 := workflow.Now(ctx)
	var updAt time.Duration = -1
	if err := workflow.SetUpdateHandler(ctx, "upd", func(ctx workflow.Context) (string, error) {
		updAt = ltSince(ctx, t0)
		return fmt.Sprintf("upd at %v", updAt), nil
	}); err != nil {
		return "", err
	}
	var s string
	if err := workflow.ExecuteLocalActivity(ltCtx(ctx), ltSleepFor, d).Get(ctx, &s); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s at %v, update at %v", s, ltSince(ctx, t0), updAt), nil
}

// rvCancelBuffered starts a 2s activity, then at 1s a 3s local activity:
// the activity completes at 3s while the task is open; after the local
// activity the workflow cancels it.
func rvCancelBuffered(ctx workflow.Context, wait bool) (string, error) {
	t0 := workflow.Now(ctx)
	actx, cancel := workflow.WithCancel(ctx)
	f := workflow.ExecuteActivity(workflow.WithActivityOptions(actx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute}), ltSleepFor, 2*time.Second)
	if err := workflow.Sleep(ctx, time.Second); err != nil {
		return "", err
	}
	var s, a string
	if err := workflow.ExecuteLocalActivity(ltCtx(ctx), ltSleepFor, 3*time.Second).Get(ctx, &s); err != nil {
		return "", err
	}
	cancel()
	err := f.Get(ctx, &a)
	if wait {
		_ = workflow.Sleep(ctx, time.Second)
	}
	return fmt.Sprintf("%s, %q %v at %v", s, a, err, ltSince(ctx, t0)), nil
}

func rvBlocking(ctx context.Context, _ time.Duration) (string, error) {
	<-ctx.Done() // virtual time: ends at the attempt's deadline
	return "", ctx.Err()
}

func rvLA(ctx workflow.Context, opts workflow.LocalActivityOptions, fn string) (string, error) {
	t0 := workflow.Now(ctx)
	var s string
	err := workflow.ExecuteLocalActivity(workflow.WithLocalActivityOptions(ctx, opts), fn, time.Hour).Get(ctx, &s)
	return fmt.Sprintf("%q at %v", s, ltSince(ctx, t0)), err
}

func rvLAThenCAN(ctx workflow.Context, n int) (string, error) {
	if n > 0 {
		return "done", nil
	}
	_ = workflow.ExecuteLocalActivity(ltCtx(ctx), ltSleepFor, 20*time.Second) // never waited for
	return "", workflow.NewContinueAsNewError(ctx, rvLAThenCAN, n+1)
}

// Every way a held-open task can end gives a result or an error, and the
// history replays: a local activity that never returns by itself, a run
// timeout or a cancellation while the task is open, continue-as-new with a
// local activity pending; explored with worker restarts.
func TestLocalTaskEndsWithAResultOrAnError(t *testing.T) {
	t.Parallel()
	type sc struct {
		want  string
		name  string
		setup func(env *testsuite.TestWorkflowEnvironment)
		wf    any
		args  []any
	}
	for _, s := range []sc{
		{want: "deadline exceeded (type: ScheduleToClose)", name: "blocking LA, StartToClose only", wf: rvLA, args: []any{workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute}, "rvBlocking"}},
		{want: "at least one of ScheduleToCloseTimeout and StartToCloseTimeout is required", name: "blocking LA, no timeouts", wf: rvLA, args: []any{workflow.LocalActivityOptions{}, "rvBlocking"}},
		{want: "deadline exceeded (type: ScheduleToClose)", name: "mock After 1h, StartToClose 1m", wf: rvLA, args: []any{workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute}, "ltSleepFor"},
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(ltSleepFor, mock.Anything, mock.Anything).After(time.Hour).Return("mocked", nil)
			}},
		{want: "timeout", name: "run timeout during open task", wf: ltTakes, args: []any{20 * time.Second},
			setup: func(env *testsuite.TestWorkflowEnvironment) { env.SetWorkflowRunTimeout(5 * time.Second) }},
		{want: "timeout", name: "run timeout at heartbeat", wf: ltTakes, args: []any{20 * time.Second},
			setup: func(env *testsuite.TestWorkflowEnvironment) { env.SetWorkflowRunTimeout(8 * time.Second) }},
		{want: "canceled", name: "cancel during open task", wf: ltTakes, args: []any{20 * time.Second},
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.RegisterDelayedCallback(env.CancelWorkflow, 3*time.Second)
			}},
		{want: "canceled", name: "cancel during short open task", wf: ltTakes, args: []any{5 * time.Second},
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.RegisterDelayedCallback(env.CancelWorkflow, 3*time.Second)
			}},
		{want: "continue as new", name: "continue-as-new with LA pending", wf: rvLAThenCAN, args: []any{0}},
	} {
		t.Run(s.name, func(t *testing.T) {
			for seed := range uint64(3) {
				env := testsuite.NewTestWorkflowEnvironment(t)
				if seed > 0 {
					env.SetExplorer(testsuite.SeedExplorer(seed))
					env.SetFaults(testsuite.Faults{WorkerRestart: 0.5})
				}
				env.RegisterWorkflow(s.wf)
				env.RegisterActivity(ltSleepFor)
				env.RegisterActivity(rvBlocking)
				if s.setup != nil {
					s.setup(env)
				}
				env.ExecuteWorkflow(s.wf, s.args...)
				var res string
				err := env.GetWorkflowError()
				if err == nil {
					err = env.GetWorkflowResult(&res)
				}
				require.True(t, env.IsWorkflowCompleted())
				require.ErrorContains(t, err, s.want, "seed %d: %s", seed, ltTimeline(env.History()))
				r := replay.NewWorkflowReplayer()
				r.RegisterWorkflow(s.wf)
				require.NoError(t, r.ReplayWorkflowHistory(nil, env.History()))
			}
		})
	}
}

// The local-task shapes under every fault and many seeds, with signals,
// updates and cancellations arriving while tasks are open: each run ends
// with a result or an error, its history replays, and a second pass gives
// the same histories byte for byte. The digest is logged to compare runs
// at different GOMAXPROCS (go test -cpu 1,8 -v).
func TestLocalTaskExploredIsDeterministic(t *testing.T) {
	t.Parallel()
	a, b := localTaskDigest(t), localTaskDigest(t)
	require.Equal(t, a, b)
	t.Logf("digest %x", a)
}

func localTaskDigest(t *testing.T) []byte {
	type sc struct {
		name string
		wf   any
		args []any
		sig  time.Duration
		upd  time.Duration
		canc time.Duration
	}
	scs := []sc{
		{name: "takes20", wf: ltTakes, args: []any{20 * time.Second}, sig: 4 * time.Second, upd: 5 * time.Second},
		{name: "signal", wf: ltSignal, args: []any{12 * time.Second}, sig: 4 * time.Second},
		{name: "timer", wf: ltTimerFiresMeanwhile},
		{name: "timercancel", wf: ltTimerCanceledMeanwhile},
		{name: "activity", wf: ltActivityMeanwhile, canc: 2 * time.Second},
		{name: "cancelbuffered", wf: rvCancelBuffered, args: []any{false}},
		{name: "update", wf: rvUpdate, args: []any{12 * time.Second}, upd: time.Second, sig: 2 * time.Second},
		{name: "retryhb", wf: ltRetryAcrossHeartbeat, canc: 9 * time.Second},
		{name: "two", wf: ltTwo, sig: time.Second},
	}
	h := sha256.New()
	for _, s := range scs {
		for seed := range uint64(30) {
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.SetExplorer(testsuite.SeedExplorer(seed + 1))
			env.SetFaults(testsuite.Faults{WorkerRestart: 0.5, ActivityFailure: 0.2, ActivityHang: 0.1, ActivityLatency: 3 * time.Second, Jitter: 2 * time.Second})
			env.RegisterWorkflow(s.wf)
			env.RegisterActivity(ltSleepFor)
			env.RegisterActivity(ltFailFirst)
			env.RegisterActivity(ltSlowFailFirst)
			if s.sig > 0 {
				env.RegisterDelayedCallback(func() { env.SignalWorkflow("sig", "x") }, s.sig)
			}
			if s.upd > 0 {
				env.RegisterDelayedCallback(func() {
					env.UpdateWorkflow("upd", "u1", &testsuite.TestUpdateCallback{OnReject: func(error) {}, OnComplete: func(any, error) {}})
				}, s.upd)
			}
			if s.canc > 0 {
				env.RegisterDelayedCallback(env.CancelWorkflow, s.canc)
			}
			env.ExecuteWorkflow(s.wf, s.args...)
			if !env.IsWorkflowCompleted() {
				t.Fatalf("%s seed %d: not completed", s.name, seed)
			}
			var res string
			err := env.GetWorkflowError()
			if err == nil {
				err = env.GetWorkflowResult(&res)
			}
			var b bytes.Buffer
			if werr := env.History().WriteJSON(&b); werr != nil {
				t.Fatal(werr)
			}
			fmt.Fprintf(h, "%s %d %v %q\n", s.name, seed, err, res)
			h.Write(b.Bytes())
			r := replay.NewWorkflowReplayer()
			r.RegisterWorkflow(s.wf)
			if rerr := r.ReplayWorkflowHistory(nil, env.History()); rerr != nil {
				t.Errorf("%s seed %d: replay: %v\n%s", s.name, seed, rerr, ltTimeline(env.History()))
			}
		}
	}
	return h.Sum(nil)
}

// A task completed by a heartbeat leaves its local activity without a
// marker; when the next task fails (UnhandledCommand: a cancellation or a
// signal arrived while the closing task was open), the worker replays the
// history and must run that local activity again, as Temporal's SDK starts
// the local activities left unstarted after replay. The run used to
// deadlock: the replayed request never reached the worker.
func TestLocalActivityRunsAgainAfterItsHeartbeatedTaskFailed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		send    func(env *testsuite.TestWorkflowEnvironment)
		wantErr string
		want    string
		events  string
	}{
		{name: "canceled at 9s", send: func(env *testsuite.TestWorkflowEnvironment) { env.CancelWorkflow() },
			wantErr: "canceled",
			events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@8s " +
				"WorkflowTaskScheduled@8s WorkflowTaskStarted@8s WorkflowTaskFailed@12s WorkflowExecutionCancelRequested@9s " +
				"WorkflowTaskScheduled@12s WorkflowTaskStarted@12s WorkflowTaskCompleted@12s MarkerRecorded@12s WorkflowExecutionCanceled@12s"},
		{name: "signaled at 9s", send: func(env *testsuite.TestWorkflowEnvironment) { env.SignalWorkflow("sig", "x") },
			want: "slept 12s at 24s",
			events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@8s " +
				"WorkflowTaskScheduled@8s WorkflowTaskStarted@8s WorkflowTaskFailed@12s WorkflowExecutionSignaled@9s " +
				"WorkflowTaskScheduled@12s WorkflowTaskStarted@12s WorkflowTaskCompleted@20s WorkflowTaskScheduled@20s WorkflowTaskStarted@20s " +
				"WorkflowTaskCompleted@24s MarkerRecorded@24s WorkflowExecutionCompleted@24s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflow(ltTakes)
			env.RegisterActivity(ltSleepFor)
			env.RegisterDelayedCallback(func() { tt.send(env) }, 9*time.Second)
			env.ExecuteWorkflow(ltTakes, 12*time.Second)
			require.True(t, env.IsWorkflowCompleted())
			if tt.wantErr != "" {
				require.ErrorContains(t, env.GetWorkflowError(), tt.wantErr)
			} else {
				var got string
				require.NoError(t, env.GetWorkflowResult(&got))
				assert.Equal(t, tt.want, got)
			}
			assert.Equal(t, tt.events, ltTimeline(env.History()))
			r := replay.NewWorkflowReplayer()
			r.RegisterWorkflow(ltTakes)
			require.NoError(t, r.ReplayWorkflowHistory(nil, env.History()))
		})
	}
}

// Cases lavt left unverified, decided from Temporal's server and SDK
// source (respondworkflowtaskcompleted, recordworkflowtaskstarted,
// MutableStateImpl.AddActivityTaskCancelRequestedEvent).
func TestLocalTaskUpdatesAndBufferedActivityCancel(t *testing.T) {
	t.Parallel()
	t.Run("update", func(t *testing.T) {
		t.Parallel()
		for _, tt := range []struct {
			d         time.Duration
			want, upd string
			events    string
		}{
			// Admitted while the task is open: the task completes the
			// workflow, and the server aborts the update (admitted
			// updates do not block a close).
			{d: 3 * time.Second, want: "slept 3s at 3s, update at -1ns", upd: "rejected",
				events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@3s MarkerRecorded@3s WorkflowExecutionCompleted@3s"},
			// The heartbeat's new task carries the update (Send of
			// updates not sent yet): the handler runs at 8s, its
			// messages go with the completion at 12s, before the marker.
			{d: 12 * time.Second, want: "slept 12s at 12s, update at 8s", upd: "upd at 8s",
				events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@8s WorkflowTaskScheduled@8s WorkflowTaskStarted@8s " +
					"WorkflowTaskCompleted@12s WorkflowExecutionUpdateAccepted@12s WorkflowExecutionUpdateCompleted@12s MarkerRecorded@12s WorkflowExecutionCompleted@12s"},
		} {
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflow(rvUpdate)
			env.RegisterActivity(ltSleepFor)
			var upd string
			env.RegisterDelayedCallback(func() {
				env.UpdateWorkflow("upd", "u1", &testsuite.TestUpdateCallback{
					OnReject:   func(error) { upd = "rejected" },
					OnComplete: func(v any, err error) { upd = fmt.Sprint(v) },
				})
			}, time.Second)
			env.ExecuteWorkflow(rvUpdate, tt.d)
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.upd, upd)
			assert.Equal(t, tt.events, ltTimeline(env.History()))
		}
	})
	t.Run("cancel an activity whose completion is buffered", func(t *testing.T) {
		t.Parallel()
		for _, tt := range []struct {
			wait         bool
			want, events string
		}{
			// The server records ActivityTaskCancelRequested (the
			// finish event is buffered) and the buffered completion
			// after it; the SDK resolves the activity as canceled.
			{wait: true, want: `slept 3s, "" canceled at 5s`,
				events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@0s ActivityTaskScheduled@0s TimerStarted@0s " +
					"TimerFired@1s WorkflowTaskScheduled@1s WorkflowTaskStarted@1s WorkflowTaskCompleted@4s MarkerRecorded@4s ActivityTaskCancelRequested@4s TimerStarted@4s " +
					"ActivityTaskStarted@0s ActivityTaskCompleted@2s WorkflowTaskScheduled@4s WorkflowTaskStarted@4s WorkflowTaskCompleted@4s " +
					"TimerFired@5s WorkflowTaskScheduled@5s WorkflowTaskStarted@5s WorkflowTaskCompleted@5s WorkflowExecutionCompleted@5s"},
			// Returning in that task: the buffered completion fails it
			// (UnhandledCommand); the replay sees the completion first.
			{want: `slept 3s, "slept 2s" <nil> at 7s`,
				events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@0s ActivityTaskScheduled@0s TimerStarted@0s " +
					"TimerFired@1s WorkflowTaskScheduled@1s WorkflowTaskStarted@1s WorkflowTaskFailed@4s ActivityTaskStarted@0s ActivityTaskCompleted@2s " +
					"WorkflowTaskScheduled@4s WorkflowTaskStarted@4s WorkflowTaskCompleted@7s MarkerRecorded@7s WorkflowExecutionCompleted@7s"},
		} {
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflow(rvCancelBuffered)
			env.RegisterActivity(ltSleepFor)
			env.ExecuteWorkflow(rvCancelBuffered, tt.wait)
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.events, ltTimeline(env.History()))
			r := replay.NewWorkflowReplayer()
			r.RegisterWorkflow(rvCancelBuffered)
			require.NoError(t, r.ReplayWorkflowHistory(nil, env.History()))
		}
	})
}

// A local activity that ends at the instant its task's heartbeat is due:
// the heartbeat goes first (on a worker the two race, Go's select picking
// either), and the result completes the heartbeat's new task.
func TestLocalActivityEndingAtTheHeartbeat(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(ltTakes)
	env.RegisterActivity(ltSleepFor)
	env.ExecuteWorkflow(ltTakes, 8*time.Second)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "slept 8s at 8s", got)
	assert.Equal(t, "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@8s "+
		"WorkflowTaskScheduled@8s WorkflowTaskStarted@8s WorkflowTaskCompleted@8s MarkerRecorded@8s WorkflowExecutionCompleted@8s",
		ltTimeline(env.History()))
}
