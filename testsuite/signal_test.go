package testsuite_test

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// msgEvents renders a history as "offset EventType detail" lines, the
// offset counted from the run's start: what the message tests assert.
func msgEvents(h *replay.History) []string {
	if len(h.Events) == 0 {
		return nil
	}
	start := h.Events[0].EventTime
	out := make([]string, 0, len(h.Events))
	for _, ev := range h.Events {
		line := fmt.Sprintf("%v %s", ev.EventTime.Sub(start), ev.EventType)
		switch {
		case ev.GetWorkflowExecutionSignaledEventAttributes() != nil:
			line += " " + ev.GetWorkflowExecutionSignaledEventAttributes().SignalName
		case ev.GetTimerStartedEventAttributes() != nil:
			line += " " + ev.GetTimerStartedEventAttributes().TimerID
		case ev.GetTimerFiredEventAttributes() != nil:
			line += " " + ev.GetTimerFiredEventAttributes().TimerID
		case ev.GetTimerCanceledEventAttributes() != nil:
			line += " " + ev.GetTimerCanceledEventAttributes().TimerID
		case ev.GetActivityTaskScheduledEventAttributes() != nil:
			line += " " + ev.GetActivityTaskScheduledEventAttributes().ActivityType.Name
		case ev.GetWorkflowExecutionUpdateAcceptedEventAttributes() != nil:
			line += " " + ev.GetWorkflowExecutionUpdateAcceptedEventAttributes().ProtocolInstanceID
		case ev.GetWorkflowExecutionUpdateCompletedEventAttributes() != nil:
			line += " " + ev.GetWorkflowExecutionUpdateCompletedEventAttributes().Meta.UpdateID
		}
		out = append(out, line)
	}
	return out
}

// msgEnv returns an environment that is not bound to a test, so that a
// failing run is returned rather than reported.
func msgEnv() *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	return s.NewTestWorkflowEnvironment()
}

// sinceStart is the workflow time elapsed since the run started.
func sinceStart(ctx workflow.Context) time.Duration {
	return workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime)
}

// CollectSignals receives n signals named "sig" and returns each with the
// workflow time at which it was received.
func CollectSignals(ctx workflow.Context, n int) ([]string, error) {
	ch := workflow.GetSignalChannel(ctx, "sig")
	var got []string
	for range n {
		var v string
		ch.Receive(ctx, &v)
		got = append(got, fmt.Sprintf("%v %s", sinceStart(ctx), v))
	}
	return got, nil
}

func TestSignalDelivery(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		n      int
		send   func(env *testsuite.TestWorkflowEnvironment)
		want   []string
		events []string
	}{
		{
			name: "from delayed callbacks, in the order sent, one task per instant",
			n:    3,
			send: func(env *testsuite.TestWorkflowEnvironment) {
				env.RegisterDelayedCallback(func() { env.SignalWorkflow("sig", "a") }, time.Minute)
				env.RegisterDelayedCallback(func() {
					env.SignalWorkflow("sig", "b")
					env.SignalWorkflow("sig", "c")
				}, 2*time.Minute)
			},
			want: []string{"1m0s a", "2m0s b", "2m0s c"},
			events: []string{
				"0s WorkflowExecutionStarted", "0s WorkflowTaskScheduled", "0s WorkflowTaskStarted", "0s WorkflowTaskCompleted",
				"1m0s WorkflowExecutionSignaled sig", "1m0s WorkflowTaskScheduled", "1m0s WorkflowTaskStarted", "1m0s WorkflowTaskCompleted",
				"2m0s WorkflowExecutionSignaled sig", "2m0s WorkflowTaskScheduled", "2m0s WorkflowExecutionSignaled sig",
				"2m0s WorkflowTaskStarted", "2m0s WorkflowTaskCompleted", "2m0s WorkflowExecutionCompleted",
			},
		},
		{
			name: "skipping the workflow task: buffered until the next signal's task",
			n:    2,
			send: func(env *testsuite.TestWorkflowEnvironment) {
				env.RegisterDelayedCallback(func() { env.SignalWorkflowSkippingWorkflowTask("sig", "a") }, time.Minute)
				env.RegisterDelayedCallback(func() { env.SignalWorkflow("sig", "b") }, 2*time.Minute)
			},
			want: []string{"2m0s a", "2m0s b"},
			events: []string{
				"0s WorkflowExecutionStarted", "0s WorkflowTaskScheduled", "0s WorkflowTaskStarted", "0s WorkflowTaskCompleted",
				"1m0s WorkflowExecutionSignaled sig",
				"2m0s WorkflowExecutionSignaled sig", "2m0s WorkflowTaskScheduled", "2m0s WorkflowTaskStarted", "2m0s WorkflowTaskCompleted",
				"2m0s WorkflowExecutionCompleted",
			},
		},
		{
			name: "before ExecuteWorkflow: with the start, as SignalWithStart",
			n:    2,
			send: func(env *testsuite.TestWorkflowEnvironment) {
				env.SignalWorkflow("sig", "a")
				env.SignalWorkflow("sig", "b")
			},
			want: []string{"0s a", "0s b"},
			events: []string{
				"0s WorkflowExecutionStarted", "0s WorkflowExecutionSignaled sig", "0s WorkflowExecutionSignaled sig",
				"0s WorkflowTaskScheduled", "0s WorkflowTaskStarted", "0s WorkflowTaskCompleted", "0s WorkflowExecutionCompleted",
			},
		},
		{
			name: "from a delayed callback at 0: in the first task",
			n:    1,
			send: func(env *testsuite.TestWorkflowEnvironment) {
				env.RegisterDelayedCallback(func() { env.SignalWorkflow("sig", "a") }, 0)
			},
			want: []string{"0s a"},
			events: []string{
				"0s WorkflowExecutionStarted", "0s WorkflowTaskScheduled", "0s WorkflowExecutionSignaled sig",
				"0s WorkflowTaskStarted", "0s WorkflowTaskCompleted", "0s WorkflowExecutionCompleted",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			tt.send(env)
			env.ExecuteWorkflow(CollectSignals, tt.n)
			require.True(t, env.IsWorkflowCompleted())
			var got []string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.events, msgEvents(env.History()))
		})
	}
}

// FirstTaskSignal reports whether a signal is there when the workflow
// function starts, without blocking.
func FirstTaskSignal(ctx workflow.Context) (string, error) {
	var v string
	if !workflow.GetSignalChannel(ctx, "sig").ReceiveAsync(&v) {
		return "none", nil
	}
	return v, nil
}

func TestSignalWithStartIsInTheFirstTask(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		send func(env *testsuite.TestWorkflowEnvironment)
		want string
	}{
		{"SignalWorkflow before ExecuteWorkflow", func(env *testsuite.TestWorkflowEnvironment) { env.SignalWorkflow("sig", "early") }, "early"},
		{"delayed callback at 0", func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterDelayedCallback(func() { env.SignalWorkflow("sig", "zero") }, 0)
		}, "zero"},
		{"no signal", func(*testsuite.TestWorkflowEnvironment) {}, "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			tt.send(env)
			env.ExecuteWorkflow(FirstTaskSignal)
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
		})
	}
}

// UnhandledSignals reports the signals that arrived and were not
// received, then drains them.
func UnhandledSignals(ctx workflow.Context) ([]string, error) {
	a := workflow.GetSignalChannel(ctx, "a")
	b := workflow.GetSignalChannel(ctx, "b")
	if err := workflow.Sleep(ctx, time.Hour); err != nil {
		return nil, err
	}
	names := workflow.GetUnhandledSignalNames(ctx)
	for a.ReceiveAsync(nil) || b.ReceiveAsync(nil) {
	}
	return append(names, fmt.Sprint(len(workflow.GetUnhandledSignalNames(ctx)))), nil
}

func TestGetUnhandledSignalNames(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow("b", 1)
		env.SignalWorkflow("a", 2)
		env.SignalWorkflow("b", 3)
	}, time.Minute)
	env.ExecuteWorkflow(UnhandledSignals)
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"a", "b", "0"}, got, "names in channel creation order, then none left")
}

func TestSignalErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		after bool // send after ExecuteWorkflow returned
		send  func(env *testsuite.TestWorkflowEnvironment) error
		check func(t *testing.T, err error)
	}{
		{
			name: "unknown workflow ID names the known ones",
			send: func(env *testsuite.TestWorkflowEnvironment) (err error) {
				env.RegisterDelayedCallback(func() { err = env.SignalWorkflowByID("nope", "sig", "x") }, time.Minute)
				env.RegisterDelayedCallback(func() { env.SignalWorkflow("sig", "done") }, 2*time.Minute)
				env.ExecuteWorkflow(CollectSignals, 1)
				return err
			},
			check: func(t *testing.T, err error) {
				var nf *testsuite.WorkflowNotFoundError
				require.ErrorAs(t, err, &nf)
				assert.Equal(t, "nope", nf.WorkflowID)
				assert.False(t, nf.Closed)
				assert.Equal(t, []string{"default-test-workflow-id"}, nf.Known)
				assert.EqualError(t, err, `testsuite: workflow "nope" not found; the simulation has workflows "default-test-workflow-id"`)
			},
		},
		{
			name: "by ID before ExecuteWorkflow",
			send: func(env *testsuite.TestWorkflowEnvironment) error {
				return env.SignalWorkflowByID("default-test-workflow-id", "sig", "x")
			},
			check: func(t *testing.T, err error) {
				var nf *testsuite.WorkflowNotFoundError
				require.ErrorAs(t, err, &nf)
				assert.Empty(t, nf.Known)
				assert.Contains(t, err.Error(), "call ExecuteWorkflow first")
			},
		},
		{
			name: "a completed workflow",
			send: func(env *testsuite.TestWorkflowEnvironment) error {
				env.SignalWorkflow("sig", "a")
				env.ExecuteWorkflow(CollectSignals, 1)
				return env.SignalWorkflowByID("default-test-workflow-id", "sig", "late")
			},
			check: func(t *testing.T, err error) {
				var nf *testsuite.WorkflowNotFoundError
				require.ErrorAs(t, err, &nf)
				assert.True(t, nf.Closed)
				assert.EqualError(t, err, `testsuite: workflow "default-test-workflow-id" (run "default-test-run-id") already completed`)
			},
		},
		{
			name: "an argument that cannot be encoded",
			send: func(env *testsuite.TestWorkflowEnvironment) error {
				return env.SignalWorkflowByID("any", "sig", make(chan int))
			},
			check: func(t *testing.T, err error) {
				require.Error(t, err)
				assert.Contains(t, err.Error(), `signal "sig": encoding its argument`)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.check(t, tt.send(msgEnv()))
		})
	}
}

// SignalOrTimeout waits for "approve" for at most an hour, twice.
func SignalOrTimeout(ctx workflow.Context) ([]string, error) {
	ch := workflow.GetSignalChannel(ctx, "approve")
	var got []string
	for range 2 {
		var v string
		ok, _ := ch.ReceiveWithTimeout(ctx, time.Hour, &v)
		if !ok {
			v = "timeout"
		}
		got = append(got, fmt.Sprintf("%v %s", sinceStart(ctx), v))
	}
	return got, nil
}

func TestSignalRacesATimer(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("approve", "yes") }, 30*time.Minute)
	env.ExecuteWorkflow(SignalOrTimeout)
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"30m0s yes", "1h30m0s timeout"}, got)
	// ReceiveWithTimeout leaves its timer running once the signal came, as
	// Temporal's SDK does (without SDK flag 6): it fires at 1h.
	assert.Equal(t, []string{
		"0s WorkflowExecutionStarted", "0s WorkflowTaskScheduled", "0s WorkflowTaskStarted", "0s WorkflowTaskCompleted",
		"0s TimerStarted 5",
		"30m0s WorkflowExecutionSignaled approve", "30m0s WorkflowTaskScheduled", "30m0s WorkflowTaskStarted", "30m0s WorkflowTaskCompleted",
		"30m0s TimerStarted 10",
		"1h0m0s TimerFired 5", "1h0m0s WorkflowTaskScheduled", "1h0m0s WorkflowTaskStarted", "1h0m0s WorkflowTaskCompleted",
		"1h30m0s TimerFired 10", "1h30m0s WorkflowTaskScheduled", "1h30m0s WorkflowTaskStarted", "1h30m0s WorkflowTaskCompleted",
		"1h30m0s WorkflowExecutionCompleted",
	}, msgEvents(env.History()))
}

// signalTimerScenario runs a workflow mixing signals and timers: signals at
// several instants, some at the instant a timer fires.
func signalTimerScenario(t *testing.T) []byte {
	env := testsuite.NewTestWorkflowEnvironment(t)
	for i := range 6 {
		env.RegisterDelayedCallback(func() {
			env.SignalWorkflow("sig", fmt.Sprint(i))
		}, time.Duration(i*30)*time.Minute)
	}
	env.ExecuteWorkflow(SignalsAndTimers)
	require.NoError(t, env.GetWorkflowError())
	var buf bytes.Buffer
	require.NoError(t, env.History().WriteJSON(&buf))
	return buf.Bytes()
}

// SignalsAndTimers collects 6 signals while an hourly timer ticks in
// another coroutine.
func SignalsAndTimers(ctx workflow.Context) (string, error) {
	var log []string
	done := false
	workflow.Go(ctx, func(ctx workflow.Context) {
		for !done {
			_ = workflow.Sleep(ctx, time.Hour)
			log = append(log, fmt.Sprintf("%v tick", sinceStart(ctx)))
		}
	})
	ch := workflow.GetSignalChannel(ctx, "sig")
	for range 6 {
		var v string
		ch.Receive(ctx, &v)
		log = append(log, fmt.Sprintf("%v sig %s", sinceStart(ctx), v))
	}
	done = true
	return strings.Join(log, ", "), nil
}

// TestSignalDeterminism runs the same signal and timer scenario 50 times
// with GOMAXPROCS 1 and 8: every history must be the same, byte for byte.
// It changes GOMAXPROCS, so it does not run in parallel.
func TestSignalDeterminism(t *testing.T) {
	want := signalTimerScenario(t)
	prev := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(prev)
	for _, procs := range []int{1, 8} {
		runtime.GOMAXPROCS(procs)
		for i := range 50 {
			if got := signalTimerScenario(t); !bytes.Equal(got, want) {
				t.Fatalf("GOMAXPROCS=%d run %d: history differs from the first run", procs, i)
			}
		}
	}
	if testing.Verbose() {
		t.Logf("history: %d bytes", len(want))
	}
}

func TestSignalWorkflowReportsToABoundTest(t *testing.T) {
	t.Parallel()
	rec := &recordingT{}
	env := testsuite.NewTestWorkflowEnvironment(rec)
	env.SignalWorkflow("sig", "a")
	env.ExecuteWorkflow(CollectSignals, 1)
	env.SignalWorkflow("sig", "late")
	require.Len(t, rec.errors, 1)
	assert.Contains(t, rec.errors[0], "already completed")
}

// recordingT is a testsuite.TB that records errors instead of failing.
type recordingT struct {
	errors   []string
	cleanups []func()
}

func (r *recordingT) Logf(string, ...any) {}
func (r *recordingT) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recordingT) Fatalf(format string, args ...any) { r.Errorf(format, args...) }
func (r *recordingT) FailNow()                          {}
func (r *recordingT) Failed() bool                      { return len(r.errors) > 0 }
func (r *recordingT) Cleanup(f func())                  { r.cleanups = append(r.cleanups, f) }

// SignalFromActivity runs an activity that signals the workflow itself,
// then receives the signal.
func SignalFromActivity(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	if err := workflow.ExecuteActivity(ctx, "Notify").Get(ctx, nil); err != nil {
		return "", err
	}
	var v string
	workflow.GetSignalChannel(ctx, "note").Receive(ctx, &v)
	return v, nil
}

func TestSignalFromActivityCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  func(t *testing.T) *testsuite.TestWorkflowEnvironment
	}{
		// Bound, activity code runs in a goroutine of its own: the signal
		// is posted and recorded once the activity settled, before its
		// completion.
		{"bound: activity code in its own goroutine", func(t *testing.T) *testsuite.TestWorkflowEnvironment { return testsuite.NewTestWorkflowEnvironment(t) }},
		{"unbound: activity code on the simulation goroutine", func(*testing.T) *testsuite.TestWorkflowEnvironment { return msgEnv() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := tt.env(t)
			env.RegisterActivityWithOptions(func(ctx context.Context) error {
				env.SignalWorkflow("note", "from the activity")
				return nil
			}, activity.RegisterOptions{Name: "Notify"})
			env.ExecuteWorkflow(SignalFromActivity)
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, "from the activity", got)
			// Either way the signal, sent before the activity returned, is
			// recorded before the activity's outcome.
			assert.Equal(t, []string{
				"0s WorkflowExecutionStarted", "0s WorkflowTaskScheduled", "0s WorkflowTaskStarted", "0s WorkflowTaskCompleted",
				"0s ActivityTaskScheduled Notify", "0s WorkflowExecutionSignaled note", "0s WorkflowTaskScheduled",
				"0s ActivityTaskStarted", "0s ActivityTaskCompleted", "0s WorkflowTaskStarted", "0s WorkflowTaskCompleted",
				"0s WorkflowExecutionCompleted",
			}, msgEvents(env.History()))
		})
	}
}
