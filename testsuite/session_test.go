package testsuite_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// sessionEnv returns an environment whose worker takes sessions, at most
// maxConcurrent at once (0: the default).
func sessionEnv(t *testing.T, maxConcurrent int) *testsuite.TestWorkflowEnvironment {
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetWorkerOptions(worker.Options{EnableSessionWorker: true, MaxConcurrentSessionExecutionSize: maxConcurrent})
	return env
}

// Transcode stands for work that must happen on the host that holds a file.
func Transcode(ctx context.Context, file string) (string, error) { return strings.ToUpper(file), nil }

// sessionReport is what sessionWorkflow saw of its session.
type sessionReport struct {
	SessionID, HostName string
	States              []workflow.SessionState
	Result              string
	Token               []byte
}

// sessionWorkflow runs Transcode in a session and reports what it saw.
func sessionWorkflow(ctx workflow.Context, file string) (sessionReport, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	sctx, err := workflow.CreateSession(ctx, &workflow.SessionOptions{CreationTimeout: time.Minute, ExecutionTimeout: 10 * time.Minute})
	if err != nil {
		return sessionReport{}, err
	}
	info := workflow.GetSessionInfo(sctx)
	rep := sessionReport{SessionID: info.SessionID, HostName: info.HostName, States: []workflow.SessionState{info.SessionState}, Token: info.GetRecreateToken()}
	if err := workflow.ExecuteActivity(sctx, Transcode, file).Get(sctx, &rep.Result); err != nil {
		return rep, err
	}
	workflow.CompleteSession(sctx)
	rep.States = append(rep.States, workflow.GetSessionInfo(sctx).SessionState)
	return rep, nil
}

// scheduled returns the ActivityTaskScheduled attributes of h by activity
// type, and the history's events by type, in order.
func scheduled(h *replay.History) (map[string]*replay.ActivityTaskScheduledEventAttributes, []replay.EventType) {
	acts := map[string]*replay.ActivityTaskScheduledEventAttributes{}
	var types []replay.EventType
	for _, ev := range h.Events {
		types = append(types, ev.EventType)
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
			acts[a.ActivityType.Name] = a
		}
	}
	return acts, types
}

func decodeString(t *testing.T, p *converter.Payloads) string {
	t.Helper()
	var s string
	require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(p, &s))
	return s
}

func TestSessionRecordsWhatATemporalWorkerRecords(t *testing.T) {
	t.Parallel()
	env := sessionEnv(t, 0)
	env.RegisterActivity(Transcode)
	env.ExecuteWorkflow(sessionWorkflow, "movie")
	var rep sessionReport
	require.NoError(t, env.GetWorkflowResult(&rep))
	require.Equal(t, "MOVIE", rep.Result)
	require.Equal(t, "wfsim-host", rep.HostName)
	require.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, rep.SessionID)
	require.Equal(t, []workflow.SessionState{workflow.SessionStateOpen, workflow.SessionStateClosed}, rep.States)
	require.JSONEq(t, `{"Taskqueue":"testResourceID@wfsim-host"}`, string(rep.Token))

	h := env.History()
	acts, _ := scheduled(h)
	creation := acts["internalSessionCreationActivity"]
	require.NotNil(t, creation)
	require.Equal(t, "default-test-taskqueue__internal_session_creation", creation.TaskQueue.Name)
	require.Equal(t, rep.SessionID, decodeString(t, creation.Input))
	require.Equal(t, time.Minute, creation.ScheduleToStartTimeout)
	require.Equal(t, 10*time.Minute, creation.StartToCloseTimeout)
	require.Equal(t, 20*time.Second, creation.HeartbeatTimeout)
	require.Equal(t, time.Second, creation.RetryPolicy.InitialInterval)
	require.Equal(t, 1.1, creation.RetryPolicy.BackoffCoefficient)
	require.Equal(t, 10*time.Second, creation.RetryPolicy.MaximumInterval)
	require.Equal(t, int32(0), creation.RetryPolicy.MaximumAttempts)
	require.Equal(t, []string{"TemporalTimeout:StartToClose", "TemporalTimeout:Heartbeat"}, creation.RetryPolicy.NonRetryableErrorTypes)

	require.Equal(t, "testResourceID@wfsim-host", acts["Transcode"].TaskQueue.Name)
	completion := acts["internalSessionCompletionActivity"]
	require.NotNil(t, completion)
	require.Equal(t, "testResourceID@wfsim-host", completion.TaskQueue.Name)
	require.Equal(t, rep.SessionID, decodeString(t, completion.Input))
	require.Equal(t, 3*time.Second, completion.ScheduleToStartTimeout)
	require.Equal(t, 3*time.Second, completion.StartToCloseTimeout)

	// The session's ID is a side effect; the worker's answer a signal
	// named after it; CompleteSession cancels the creation activity, which
	// completes once the completion activity has run.
	var marker, signal, cancelRequested, creationClosed, completionClosed int64
	for _, ev := range h.Events {
		switch a := ev.Attributes.(type) {
		case *replay.MarkerRecordedEventAttributes:
			require.Equal(t, "SideEffect", a.MarkerName)
			require.Equal(t, rep.SessionID, decodeString(t, a.Details["data"]))
			marker = ev.EventID
		case *replay.WorkflowExecutionSignaledEventAttributes:
			require.Equal(t, rep.SessionID, a.SignalName)
			var resp map[string]string
			require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(a.Input, &resp))
			require.Equal(t, map[string]string{"Taskqueue": "testResourceID@wfsim-host", "HostName": "wfsim-host", "ResourceID": "testResourceID"}, resp)
			signal = ev.EventID
		case *replay.ActivityTaskCancelRequestedEventAttributes:
			cancelRequested = ev.EventID
		case *replay.ActivityTaskCompletedEventAttributes:
			switch a.ScheduledEventID {
			case scheduledID(h, "internalSessionCreationActivity"):
				creationClosed = ev.EventID
			case scheduledID(h, "internalSessionCompletionActivity"):
				completionClosed = ev.EventID
			}
		}
	}
	require.NotZero(t, marker)
	require.Greater(t, signal, marker)
	require.Greater(t, cancelRequested, signal)
	require.Greater(t, completionClosed, cancelRequested)
	require.Greater(t, creationClosed, completionClosed)
	require.Equal(t, testsuite.DefaultStartTime, env.Now(), "a session costs no virtual time")
}

// scheduledID is the scheduled event ID of the activity of type name.
func scheduledID(h *replay.History, name string) int64 {
	for _, ev := range h.Events {
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil && a.ActivityType.Name == name {
			return ev.EventID
		}
	}
	return -1
}

func TestCreateSessionWithoutSessionWorkerTimesOut(t *testing.T) {
	t.Parallel()
	// As with a Temporal worker without EnableSessionWorker, nobody takes
	// the creation activity: it times out waiting, after CreationTimeout.
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Transcode)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		_, err := workflow.CreateSession(ctx, &workflow.SessionOptions{CreationTimeout: 90 * time.Second, ExecutionTimeout: time.Hour})
		var ae *wfsim.ActivityError
		var te *wfsim.TimeoutError
		if !errors.As(err, &ae) || !errors.As(err, &te) || !wfsim.IsTimeoutError(err) {
			return "", fmt.Errorf("want an ActivityError wrapping a TimeoutError, got %w", err)
		}
		return fmt.Sprintf("%v after %v", te.TimeoutType(), workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime)), nil
	})
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "ScheduleToStart after 1m30s", out)
}

// failureReport is what failingSessionWorkflow saw.
type failureReport struct {
	ActivityErr string
	Canceled    bool
	State       workflow.SessionState
	After       string
	AfterErr    string
	Elapsed     time.Duration
}

// failingSessionWorkflow runs Transcode in a session (mocked to take
// long) and reports how the session ended.
func failingSessionWorkflow(ctx workflow.Context) (failureReport, error) {
	start := workflow.Now(ctx)
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Hour})
	sctx, err := workflow.CreateSession(ctx, &workflow.SessionOptions{CreationTimeout: time.Minute, ExecutionTimeout: 5 * time.Minute})
	if err != nil {
		return failureReport{}, err
	}
	var rep failureReport
	err = workflow.ExecuteActivity(sctx, Transcode, "x").Get(sctx, nil)
	rep.Elapsed = workflow.Now(ctx).Sub(start)
	var ce *wfsim.CanceledError
	rep.Canceled = errors.As(err, &ce)
	if err != nil {
		rep.ActivityErr = err.Error()
	}
	rep.State = workflow.GetSessionInfo(sctx).SessionState
	err = workflow.ExecuteActivity(sctx, Transcode, "y").Get(sctx, nil)
	if err != nil {
		rep.AfterErr = err.Error()
	}
	if errors.Is(err, workflow.ErrSessionFailed) {
		rep.After = "ErrSessionFailed"
	}
	workflow.CompleteSession(sctx) // does nothing: the session is not open
	return rep, nil
}

func TestSessionFails(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		// setup may stop the worker.
		setup   func(env *testsuite.TestWorkflowEnvironment)
		elapsed time.Duration
		// closing is how the creation activity closed.
		closing replay.EventType
		failure string
	}{
		{
			name:    "ExecutionTimeout passes",
			setup:   func(*testsuite.TestWorkflowEnvironment) {},
			elapsed: 5 * time.Minute,
			closing: replay.EventTypeActivityTaskTimedOut,
			failure: "activity StartToClose timeout",
		},
		{
			name: "worker stops",
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				stop := make(chan struct{})
				env.SetWorkerStopChannel(stop)
				env.RegisterDelayedCallback(func() { close(stop) }, 30*time.Second)
			},
			// Seen at the next heartbeat: every 20s/3.
			elapsed: 5 * (20 * time.Second / 3),
			closing: replay.EventTypeActivityTaskFailed,
			failure: "session failed due to worker shutdown",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			env := sessionEnv(t, 0)
			env.RegisterActivity(Transcode)
			env.OnActivity(Transcode, mock.Anything, "x").After(time.Hour).Return("X", nil)
			c.setup(env)
			env.ExecuteWorkflow(failingSessionWorkflow)
			var rep failureReport
			require.NoError(t, env.GetWorkflowResult(&rep))
			require.Equal(t, c.elapsed, rep.Elapsed)
			require.True(t, rep.Canceled, "the session's activity is canceled: %s", rep.ActivityErr)
			require.Equal(t, workflow.SessionStateFailed, rep.State)
			require.Equal(t, "ErrSessionFailed", rep.After)
			require.Equal(t, "session has failed", rep.AfterErr)

			h := env.History()
			acts, types := scheduled(h)
			require.Nil(t, acts["internalSessionCompletionActivity"], "CompleteSession of a failed session does nothing")
			require.Contains(t, types, c.closing)
			for _, ev := range h.Events {
				if ev.EventType == c.closing {
					var f *wfsim.Failure
					switch a := ev.Attributes.(type) {
					case *replay.ActivityTaskTimedOutEventAttributes:
						f = a.Failure
					case *replay.ActivityTaskFailedEventAttributes:
						f = a.Failure
					}
					require.Contains(t, f.Message, c.failure)
				}
			}
		})
	}
}

func TestSessionCanceledWithoutCompletion(t *testing.T) {
	t.Parallel()
	// A session whose context is canceled, with no CompleteSession: its
	// worker learns it at its next heartbeat and acknowledges.
	env := sessionEnv(t, 0)
	env.ExecuteWorkflow(func(ctx workflow.Context) (workflow.SessionState, error) {
		cctx, cancel := workflow.WithCancel(ctx)
		sctx, err := workflow.CreateSession(cctx, &workflow.SessionOptions{CreationTimeout: time.Minute, ExecutionTimeout: time.Hour, HeartbeatTimeout: 30 * time.Second})
		if err != nil {
			return 0, err
		}
		cancel()
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return 0, err
		}
		return workflow.GetSessionInfo(sctx).SessionState, nil
	})
	var state workflow.SessionState
	require.NoError(t, env.GetWorkflowResult(&state))
	require.Equal(t, workflow.SessionStateOpen, state, "a canceled session is not failed (as in Temporal)")
	var canceledAt time.Duration
	for _, ev := range env.History().Events {
		if ev.EventType == replay.EventTypeActivityTaskCanceled {
			canceledAt = ev.EventTime.Sub(testsuite.DefaultStartTime)
		}
	}
	require.Equal(t, 10*time.Second, canceledAt, "the first heartbeat, at a third of HeartbeatTimeout")
}

func TestCreateSessionOnContextWithOpenSession(t *testing.T) {
	t.Parallel()
	env := sessionEnv(t, 0)
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]string, error) {
		so := &workflow.SessionOptions{CreationTimeout: time.Minute, ExecutionTimeout: time.Hour}
		sctx, err := workflow.CreateSession(ctx, so)
		if err != nil {
			return nil, err
		}
		_, err = workflow.CreateSession(sctx, so)
		out := []string{fmt.Sprint(err)}
		workflow.CompleteSession(sctx)
		// The session's context is canceled now: a session created on
		// it fails as canceled, as in Temporal.
		_, err = workflow.CreateSession(sctx, so)
		var ce *wfsim.CanceledError
		out = append(out, fmt.Sprint(errors.As(err, &ce)))
		again, err := workflow.CreateSession(ctx, so)
		if err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprint(workflow.GetSessionInfo(again).SessionState == workflow.SessionStateOpen))
		workflow.CompleteSession(again)
		return out, nil
	})
	var out []string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, []string{"found exisiting open session in the context", "true", "true"}, out)
}

func TestRecreateSession(t *testing.T) {
	t.Parallel()
	env := sessionEnv(t, 0)
	env.RegisterActivity(Transcode)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		so := &workflow.SessionOptions{CreationTimeout: time.Minute, ExecutionTimeout: time.Hour}
		if _, err := workflow.RecreateSession(ctx, []byte("{"), so); err == nil || !strings.HasPrefix(err.Error(), "failed to deserilalize recreate token: ") {
			return "", fmt.Errorf("a bad token: got %v", err)
		}
		first, err := workflow.CreateSession(ctx, so)
		if err != nil {
			return "", err
		}
		token := workflow.GetSessionInfo(first).GetRecreateToken()
		workflow.CompleteSession(first)
		second, err := workflow.RecreateSession(ctx, token, so)
		if err != nil {
			return "", err
		}
		defer workflow.CompleteSession(second)
		var out string
		err = workflow.ExecuteActivity(second, Transcode, "again").Get(second, &out)
		return out, err
	})
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "AGAIN", out)
	var queues []string
	for _, ev := range env.History().Events {
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil && a.ActivityType.Name == "internalSessionCreationActivity" {
			queues = append(queues, a.TaskQueue.Name)
		}
	}
	require.Equal(t, []string{"default-test-taskqueue__internal_session_creation", "testResourceID@wfsim-host"}, queues)
}

func TestSessionsBeyondMaxConcurrentWait(t *testing.T) {
	t.Parallel()
	// One place: the second session waits in the creation queue until the
	// first completes, then its creation activity starts.
	env := sessionEnv(t, 1)
	env.RegisterActivity(Transcode)
	env.OnActivity(Transcode, mock.Anything, mock.Anything).After(time.Minute).Return("done", nil)
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Hour})
		start := workflow.Now(ctx)
		var out []string
		wg := workflow.NewWaitGroup(ctx)
		for _, name := range []string{"a", "b"} {
			wg.Add(1)
			workflow.Go(ctx, func(ctx workflow.Context) {
				defer wg.Done()
				sctx, err := workflow.CreateSession(ctx, &workflow.SessionOptions{CreationTimeout: 5 * time.Minute, ExecutionTimeout: time.Hour})
				if err != nil {
					out = append(out, name+" "+err.Error())
					return
				}
				out = append(out, fmt.Sprintf("%s created at %v", name, workflow.Now(ctx).Sub(start)))
				_ = workflow.ExecuteActivity(sctx, Transcode, name).Get(sctx, nil)
				workflow.CompleteSession(sctx)
			})
		}
		wg.Wait(ctx)
		return out, nil
	})
	var out []string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, []string{"a created at 0s", "b created at 1m0s"}, out)
}

func TestSessionCreationMocked(t *testing.T) {
	t.Parallel()
	// A test may mock the creation activity by name, as in Temporal's test
	// environment: the mock replaces the session worker's.
	env := sessionEnv(t, 0)
	env.OnActivity("internalSessionCreationActivity", mock.Anything, mock.Anything).
		Return(wfsim.NewApplicationError("no host has the file", "NoHost", true, nil))
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		_, err := workflow.CreateSession(ctx, &workflow.SessionOptions{CreationTimeout: time.Minute, ExecutionTimeout: time.Hour})
		return err
	})
	var ae *wfsim.ApplicationError
	require.ErrorAs(t, env.GetWorkflowError(), &ae)
	require.Equal(t, "NoHost", ae.Type())
	env.AssertExpectations(t)
}

func TestSessionHistoryOfAnotherWorkerReplays(t *testing.T) {
	t.Parallel()
	// A Temporal worker records a random session ID, its own host and
	// resource ID: the workflow takes them from the history (the side
	// effect, the signal), so such a history replays.
	env := sessionEnv(t, 0)
	env.RegisterActivity(Transcode)
	env.ExecuteWorkflow(sessionWorkflow, "movie")
	require.NoError(t, env.GetWorkflowError())
	h := env.History()

	dc := converter.GetDefaultDataConverter()
	encode := func(v any) *converter.Payloads {
		p, err := dc.ToPayloads(v)
		require.NoError(t, err)
		return p
	}
	const id, host, resource = "0b8d3a5e-1c2f-4e6a-9b7d-5f3c2a1e0d94", "ip-10-1-2-3", "8e1f0c7a-6b5d-4c3e-a2f1-0d9e8c7b6a54"
	queue := resource + "@" + host
	for _, ev := range h.Events {
		switch a := ev.Attributes.(type) {
		case *replay.MarkerRecordedEventAttributes:
			a.Details["data"] = encode(id)
		case *replay.WorkflowExecutionSignaledEventAttributes:
			a.SignalName = id
			a.Input = encode(map[string]string{"Taskqueue": queue, "HostName": host, "ResourceID": resource})
		case *replay.ActivityTaskScheduledEventAttributes:
			switch a.ActivityType.Name {
			case "internalSessionCreationActivity":
				a.Input = encode(id)
			case "internalSessionCompletionActivity":
				a.Input = encode(id)
				a.TaskQueue.Name = queue
			default:
				a.TaskQueue.Name = queue
			}
		case *replay.WorkflowExecutionCompletedEventAttributes:
			a.Result = encode(sessionReport{SessionID: id, HostName: host, Result: "MOVIE",
				States: []workflow.SessionState{workflow.SessionStateOpen, workflow.SessionStateClosed},
				Token:  []byte(`{"Taskqueue":"` + queue + `"}`)})
		}
	}
	r := replay.NewWorkflowReplayer()
	r.RegisterWorkflow(sessionWorkflow)
	require.NoError(t, r.ReplayWorkflowHistory(nil, h))
}

func TestSessionOutlivesItsHeartbeatTimeout(t *testing.T) {
	t.Parallel()
	// The session worker heartbeats while the session's activity runs
	// for far longer than HeartbeatTimeout (within ExecutionTimeout); the heartbeat listener, as in
	// Temporal's test environment, does not see those heartbeats.
	env := sessionEnv(t, 0)
	env.RegisterActivity(Transcode)
	env.OnActivity(Transcode, mock.Anything, mock.Anything).After(50*time.Second).Return("DONE", nil)
	heartbeats := 0
	env.SetOnActivityHeartbeatListener(func(*activity.Info, converter.EncodedValues) { heartbeats++ })
	env.ExecuteWorkflow(sessionWorkflow, "long")
	var rep sessionReport
	require.NoError(t, env.GetWorkflowResult(&rep))
	require.Equal(t, "DONE", rep.Result)
	require.Equal(t, []workflow.SessionState{workflow.SessionStateOpen, workflow.SessionStateClosed}, rep.States)
	require.Zero(t, heartbeats)
	require.Equal(t, testsuite.DefaultStartTime.Add(50*time.Second), env.Now())
}
