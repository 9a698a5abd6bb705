package testsuite_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"pgregory.net/rapid"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Random workflows, made of activities that fail, retry and time out,
// sleeps, timers racing signals, children (timed out or canceled),
// parallel and canceled activities, coroutines, side effects, versions and
// local activities, with updates arriving and a continue-as-new, run in
// the test environment. Each op's outcome and the virtual instant it ends
// at, and each update's, are checked against a model of the server's rules
// (program_model_test.go); the runs are recorded byte for byte the same
// twice, give the same outcomes explored with worker restarts, and their
// histories replay strictly against the program.
//
// Durations are whole minutes or 100 s, schedule-to-close deadlines fall
// on half minutes and signals on other odd seconds, so that no two things
// the model orders happen at one instant.

// progActivity is one activity of a program: each attempt takes Takes
// (by its mock) and fails while its number is at most Fails.
type progActivity struct {
	Takes, StartToClose, ScheduleToClose time.Duration
	// Heartbeat is the heartbeat timeout; the mocks never heartbeat.
	Heartbeat          time.Duration
	Fails, MaxAttempts int
	NonRetryable       bool
}

// progOp is one step of a program.
type progOp struct {
	Kind string // act, sleep, race, child, childcancel, par, fanout, cancel, side, version, local
	Acts []progActivity
	D    time.Duration
	// Timeout is a child's run timeout.
	Timeout time.Duration
	// Sleeps are the sleeps of a fanout's coroutines.
	Sleeps []time.Duration
}

func (o progOp) String() string {
	switch o.Kind {
	case "act", "par":
		return fmt.Sprintf("%s%+v", o.Kind, o.Acts)
	case "fanout":
		return fmt.Sprintf("fanout%v", o.Sleeps)
	default:
		return fmt.Sprintf("%s(%v, %v)", o.Kind, o.D, o.Timeout)
	}
}

func genProgActivity(t *rapid.T, label string) progActivity {
	return progActivity{
		Takes:           rapid.SampledFrom([]time.Duration{0, time.Minute, 3 * time.Minute, 7 * time.Minute}).Draw(t, label+" takes"),
		StartToClose:    rapid.SampledFrom([]time.Duration{2 * time.Minute, 5 * time.Minute, 10 * time.Minute}).Draw(t, label+" start-to-close"),
		ScheduleToClose: rapid.SampledFrom([]time.Duration{0, 4*time.Minute + 30*time.Second, 11*time.Minute + 30*time.Second, 20*time.Minute + 30*time.Second}).Draw(t, label+" schedule-to-close"),
		// 100 s: no sum of minutes and heartbeat timeouts is a deadline.
		Heartbeat:    rapid.SampledFrom([]time.Duration{0, 100 * time.Second}).Draw(t, label+" heartbeat"),
		Fails:        rapid.IntRange(0, 3).Draw(t, label+" fails"),
		MaxAttempts:  rapid.IntRange(1, 4).Draw(t, label+" attempts"),
		NonRetryable: rapid.Bool().Draw(t, label+" non-retryable"),
	}
}

func genProgOp(t *rapid.T, label string) progOp {
	op := progOp{Kind: rapid.SampledFrom([]string{"act", "act", "sleep", "race", "child", "childcancel", "par", "fanout", "cancel", "side", "version", "local"}).Draw(t, label)}
	switch op.Kind {
	case "act":
		op.Acts = []progActivity{genProgActivity(t, label)}
	case "par":
		for i := range rapid.IntRange(2, 3).Draw(t, label+" width") {
			op.Acts = append(op.Acts, genProgActivity(t, fmt.Sprintf("%s.%d", label, i)))
		}
	case "sleep":
		op.D = rapid.SampledFrom([]time.Duration{time.Minute, time.Hour}).Draw(t, label+" for")
	case "race":
		op.D = rapid.SampledFrom([]time.Duration{2 * time.Minute, 30 * time.Minute}).Draw(t, label+" timer")
	case "child":
		op.D = rapid.SampledFrom([]time.Duration{0, 5 * time.Minute}).Draw(t, label+" child sleeps")
		op.Timeout = rapid.SampledFrom([]time.Duration{0, 3 * time.Minute}).Draw(t, label+" child run timeout")
	case "cancel", "childcancel":
		op.D = rapid.SampledFrom([]time.Duration{time.Minute, 3 * time.Minute}).Draw(t, label+" cancel after")
	case "fanout":
		for i := range rapid.IntRange(1, 4).Draw(t, label+" coroutines") {
			op.Sleeps = append(op.Sleeps, rapid.SampledFrom([]time.Duration{0, time.Minute, 2 * time.Minute}).Draw(t, fmt.Sprintf("%s sleep %d", label, i)))
		}
	}
	return op
}

// progActivityName names the j-th activity of op i.
func progActivityName(i, j int) string { return fmt.Sprintf("Act%d_%d", i, j) }

// progWorkflow runs the program and returns each op's outcome and the
// offset from the start at which it ended.
//
// A "can" op (always the last) continues the run as new once: the next run
// is given the outcomes so far and the first run's start, and runs the
// program again without it.
func progWorkflow(ops []progOp) func(ctx workflow.Context, prior []string, origin time.Time) ([]string, error) {
	return func(ctx workflow.Context, prior []string, origin time.Time) ([]string, error) {
		if origin.IsZero() {
			origin = workflow.Now(ctx)
		}
		out := slices.Clone(prior)
		note := func(outcome string) {
			out = append(out, fmt.Sprintf("%s@%v", outcome, workflow.Now(ctx).Sub(origin)))
		}
		signals := workflow.GetSignalChannel(ctx, "sig")
		err := workflow.SetUpdateHandlerWithOptions(ctx, "upd",
			func(ctx workflow.Context, x int) (int, error) { return x * 10, nil },
			workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context, x int) error {
				if x < 0 {
					return errors.New("negative")
				}
				return nil
			}})
		if err != nil {
			return nil, err
		}
		for i, op := range ops {
			switch op.Kind {
			case "act", "par":
				var fs []workflow.Future
				for j, a := range op.Acts {
					fs = append(fs, workflow.ExecuteActivity(workflow.WithActivityOptions(ctx, activityOptions(a)), progActivityName(i, j), j))
				}
				var outcomes []string
				for _, f := range fs {
					outcomes = append(outcomes, activityOutcome(f.Get(ctx, nil)))
				}
				note(strings.Join(outcomes, "+"))
			case "sleep":
				if err := workflow.Sleep(ctx, op.D); err != nil {
					return nil, err
				}
				note("slept")
			case "race":
				timerCtx, cancel := workflow.WithCancel(ctx)
				got := "timer"
				sel := workflow.NewSelector(ctx)
				sel.AddReceive(signals, func(c workflow.ReceiveChannel, _ bool) {
					var s string
					c.Receive(ctx, &s)
					got = "signal " + s
				})
				sel.AddFuture(workflow.NewTimer(timerCtx, op.D), func(workflow.Future) {})
				sel.Select(ctx)
				cancel()
				note(got)
			case "child":
				cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: fmt.Sprintf("child-%d", i), WorkflowRunTimeout: op.Timeout})
				var r time.Duration
				err := workflow.ExecuteChildWorkflow(cctx, "ProgChild", op.D).Get(ctx, &r)
				var ce *wfsim.ChildWorkflowExecutionError
				switch {
				case errors.As(err, &ce) && wfsim.IsTimeoutError(err):
					note("child timeout")
				case err != nil:
					return nil, err
				default:
					note(fmt.Sprintf("child %v", r))
				}
			case "childcancel":
				cctx, cancel := workflow.WithCancel(ctx)
				cctx = workflow.WithChildOptions(cctx, workflow.ChildWorkflowOptions{WorkflowID: fmt.Sprintf("child-%d", i)})
				f := workflow.ExecuteChildWorkflow(cctx, "ProgChild", time.Hour)
				if err := workflow.Sleep(ctx, op.D); err != nil {
					return nil, err
				}
				cancel()
				err := f.Get(ctx, nil)
				if !wfsim.IsCanceledError(err) {
					return nil, fmt.Errorf("canceled child: %w", err)
				}
				note("child canceled")
			case "fanout":
				wg := workflow.NewWaitGroup(ctx)
				done := 0
				for _, d := range op.Sleeps {
					wg.Add(1)
					workflow.Go(ctx, func(ctx workflow.Context) {
						defer wg.Done()
						if workflow.Sleep(ctx, d) == nil {
							done++
						}
					})
				}
				wg.Wait(ctx)
				note(fmt.Sprintf("fanout %d", done))
			case "cancel":
				actx, cancel := workflow.WithCancel(ctx)
				a := progActivity{Takes: 10 * time.Minute, StartToClose: time.Hour, MaxAttempts: 1}
				f := workflow.ExecuteActivity(workflow.WithActivityOptions(actx, activityOptions(a)), progActivityName(i, 0), 0)
				if err := workflow.Sleep(ctx, op.D); err != nil {
					return nil, err
				}
				cancel()
				note(activityOutcome(f.Get(ctx, nil)))
			case "side":
				var v int
				if err := workflow.SideEffect(ctx, func(workflow.Context) any { return i }).Get(&v); err != nil {
					return nil, err
				}
				note(fmt.Sprintf("side %d", v))
			case "version":
				note(fmt.Sprintf("version %d", workflow.GetVersion(ctx, fmt.Sprintf("change-%d", i), workflow.DefaultVersion, 2)))
			case "local":
				lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{ScheduleToCloseTimeout: time.Minute})
				var v int
				if err := workflow.ExecuteLocalActivity(lctx, progLocal, i).Get(ctx, &v); err != nil {
					return nil, err
				}
				note(fmt.Sprintf("local %d", v))
			case "can":
				if prior == nil {
					note("continued")
					return nil, workflow.NewContinueAsNewError(ctx, "Prog", out, origin)
				}
			}
		}
		return out, nil
	}
}

func progLocal(_ context.Context, x int) (int, error) { return x + 100, nil }

func progChild(ctx workflow.Context, d time.Duration) (time.Duration, error) {
	return d, workflow.Sleep(ctx, d)
}

func activityOptions(a progActivity) workflow.ActivityOptions {
	return workflow.ActivityOptions{
		StartToCloseTimeout:    a.StartToClose,
		HeartbeatTimeout:       a.Heartbeat,
		ScheduleToCloseTimeout: a.ScheduleToClose,
		RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Minute, BackoffCoefficient: 2,
			MaximumAttempts: int32(a.MaxAttempts)},
	}
}

// activityOutcome names how an activity ended.
func activityOutcome(err error) string {
	var te *wfsim.TimeoutError
	var ae *wfsim.ApplicationError
	switch {
	case err == nil:
		return "ok"
	case wfsim.IsCanceledError(err):
		return "canceled"
	case errors.As(err, &te):
		return "timeout " + te.TimeoutType().String()
	case errors.As(err, &ae):
		return "error"
	}
	return "unexpected " + err.Error()
}

// progUpdate is an update the test sends at offset At with argument Arg,
// which the handler's validator rejects when negative.
type progUpdate struct {
	At  time.Duration
	Arg int
}

// runProgram runs the program in a new environment and returns the
// histories of its runs as JSON, its result and what its updates gave. An explored run
// has the order of tasks due at one instant drawn, and worker restarts.
func runProgram(t *rapid.T, ops []progOp, signals []time.Duration, updates []progUpdate, explored bool) ([][]byte, []string, []string) {
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.FollowContinueAsNew(2)
	start := env.Now()
	var updated []string
	for k, u := range updates {
		env.RegisterDelayedCallback(func() {
			env.UpdateWorkflow("upd", fmt.Sprintf("u%d", k), &testsuite.TestUpdateCallback{
				OnReject: func(error) { updated = append(updated, fmt.Sprintf("u%d rejected@%v", k, env.Now().Sub(start))) },
				OnComplete: func(v any, err error) {
					if err != nil {
						t.Fatalf("update u%d failed: %v", k, err)
					}
					updated = append(updated, fmt.Sprintf("u%d %v@%v", k, v, env.Now().Sub(start)))
				},
			}, u.Arg)
		}, u.At)
	}
	if explored {
		env.SetExplorer(testsuite.RapidExplorer(t))
		env.SetFaults(testsuite.Faults{WorkerRestart: 0.3})
	}
	env.RegisterWorkflowWithOptions(progWorkflow(ops), workflow.RegisterOptions{Name: "Prog"})
	env.RegisterWorkflowWithOptions(progChild, workflow.RegisterOptions{Name: "ProgChild"})
	for i, op := range ops {
		acts := op.Acts
		if op.Kind == "cancel" {
			acts = []progActivity{{Takes: 10 * time.Minute}}
		}
		for j, a := range acts {
			name := progActivityName(i, j)
			env.RegisterActivityWithOptions(func(context.Context, int) (int, error) { return 0, nil }, activity.RegisterOptions{Name: name})
			env.OnActivity(name, mock.Anything, mock.Anything).Return(func(ctx context.Context, x int) (int, error) {
				if int(activity.GetInfo(ctx).Attempt) > a.Fails {
					return x, nil
				}
				if a.NonRetryable {
					return 0, wfsim.NewNonRetryableApplicationError("boom", "Boom", nil)
				}
				return 0, wfsim.NewApplicationError("boom", "Boom")
			}).After(a.Takes)
		}
	}
	for k, at := range signals {
		env.RegisterDelayedCallback(func() { env.SignalWorkflow("sig", fmt.Sprintf("s%d", k)) }, at)
	}
	env.ExecuteWorkflow("Prog")
	if !env.IsWorkflowCompleted() {
		t.Fatalf("the program did not complete")
	}
	if err := env.GetWorkflowError(); err != nil {
		t.Fatalf("the program failed: %v", err)
	}
	var out []string
	if err := env.GetWorkflowResult(&out); err != nil {
		t.Fatal(err)
	}
	var histories [][]byte
	for _, h := range env.Histories(env.WorkflowIDs()[0]) {
		var buf bytes.Buffer
		if err := h.WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		histories = append(histories, buf.Bytes())
	}
	slices.Sort(updated)
	return histories, out, updated
}

func TestRandomProgramsFollowTheServersRules(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		ops := make([]progOp, rapid.IntRange(1, 8).Draw(t, "ops"))
		for i := range ops {
			ops[i] = genProgOp(t, fmt.Sprintf("op %d", i))
		}
		if rapid.IntRange(0, 3).Draw(t, "continue as new") == 0 {
			ops = append(ops, progOp{Kind: "can"})
		}
		var signals []time.Duration
		for k := range rapid.IntRange(0, 3).Draw(t, "signals") {
			// Signal k comes 1+7k seconds past a minute: no two signals,
			// and no signal and anything else, share an instant, whichever
			// signals the races took before.
			signals = append(signals, time.Duration(rapid.IntRange(0, 90).Draw(t, "signal minute"))*time.Minute+time.Duration(1+7*k)*time.Second)
		}
		slices.Sort(signals)

		var updates []progUpdate
		for k := range rapid.IntRange(0, 3).Draw(t, "updates") {
			// 4+7k seconds past a minute: at no instant a race could see.
			at := time.Duration(rapid.IntRange(0, 90).Draw(t, "update minute"))*time.Minute + time.Duration(4+7*k)*time.Second
			updates = append(updates, progUpdate{At: at, Arg: rapid.IntRange(-1, 5).Draw(t, "update argument")})
		}
		slices.SortFunc(updates, func(a, b progUpdate) int { return int(a.At - b.At) })

		m := progModel{signals: signals}
		want := m.run(ops)
		wantUpdates := updateOutcomes(updates, m.now)
		slices.Sort(wantUpdates)
		histories, got, updated := runProgram(t, ops, signals, updates, false)
		if !slices.Equal(got, want) {
			t.Fatalf("program %v with signals at %v:\n got %v\nwant %v", ops, signals, got, want)
		}
		if !slices.Equal(updated, wantUpdates) {
			t.Fatalf("program %v with updates %v:\n got %v\nwant %v", ops, updates, updated, wantUpdates)
		}
		again, _, _ := runProgram(t, ops, signals, updates, false)
		if !slices.EqualFunc(histories, again, bytes.Equal) {
			t.Fatalf("program %v: two runs recorded different histories", ops)
		}
		// Nothing happens at one instant that the order of tasks could
		// change, and the program keeps no state a restart loses.
		if _, explored, _ := runProgram(t, ops, signals, updates, true); !slices.Equal(explored, want) {
			t.Fatalf("program %v with signals at %v, explored with restarts:\n got %v\nwant %v", ops, signals, explored, want)
		}
		r, err := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{Strict: true})
		if err != nil {
			t.Fatal(err)
		}
		r.RegisterWorkflowWithOptions(progWorkflow(ops), workflow.RegisterOptions{Name: "Prog"})
		for i, history := range histories {
			h, err := replay.ReadHistory(bytes.NewReader(history))
			if err != nil {
				t.Fatal(err)
			}
			if err := r.ReplayWorkflowHistory(nil, h); err != nil {
				t.Fatalf("program %v: strict replay of run %d's history: %v", ops, i+1, err)
			}
		}
	})
}
