package testsuite_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"pgregory.net/rapid"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/workflow"
)

// The ops random programs are made of (program_rapid_test.go), and the
// workflow that runs them.

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
	Kind string // act, nostart, sleep, race, child, childfail, childcancel, childsignal, par, fanout, cancel, side, version, local, can
	Acts []progActivity
	D    time.Duration
	// Timeout is a child's run timeout, or the ScheduleToClose timeout of
	// an activity no worker takes (nostart), whose ScheduleToStart timeout
	// is D.
	Timeout time.Duration
	// Sleeps are the sleeps of a fanout's coroutines.
	Sleeps []time.Duration
	// Attempts is how many times a failing child runs (childfail).
	Attempts int
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
	op := progOp{Kind: rapid.SampledFrom([]string{"act", "act", "nostart", "sleep", "race", "child", "childfail", "childcancel", "childsignal", "par", "fanout", "cancel", "side", "version", "local", "slowlocal"}).Draw(t, label)}
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
	case "childfail":
		op.D = rapid.SampledFrom([]time.Duration{0, 2 * time.Minute}).Draw(t, label+" child sleeps")
		op.Attempts = rapid.IntRange(1, 3).Draw(t, label+" child attempts")
	case "nostart":
		op.D = rapid.SampledFrom([]time.Duration{0, time.Minute, 2 * time.Minute}).Draw(t, label+" schedule-to-start")
		op.Timeout = rapid.SampledFrom([]time.Duration{0, 90 * time.Second}).Draw(t, label+" schedule-to-close")
		if op.D == 0 && op.Timeout == 0 {
			op.D = time.Minute // else nothing would end the wait
		}
	case "cancel", "childcancel", "childsignal":
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
// Canceled, it ends with a *wfsim.CanceledError whose details are the
// outcomes of the ops that ended before.
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
		if err := workflow.SetQueryHandler(ctx, "notes", func() ([]string, error) { return out, nil }); err != nil {
			return nil, err
		}
		err := workflow.SetUpdateHandlerWithOptions(ctx, "upd",
			func(ctx workflow.Context, x int) (int, error) {
				if x >= 3 { // a long update: its handler sleeps x minutes
					if err := workflow.Sleep(ctx, time.Duration(x)*time.Minute); err != nil {
						return 0, err
					}
				}
				return x * 10, nil
			},
			workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context, x int) error {
				if x < 0 {
					return errors.New("negative")
				}
				return nil
			}})
		if err != nil {
			return nil, err
		}
		step := func(i int, op progOp) error {
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
			case "nostart":
				opts := workflow.ActivityOptions{TaskQueue: "nobody", StartToCloseTimeout: time.Minute,
					ScheduleToStartTimeout: op.D, ScheduleToCloseTimeout: op.Timeout}
				note(activityOutcome(workflow.ExecuteActivity(workflow.WithActivityOptions(ctx, opts), progActivityName(i, 0), 0).Get(ctx, nil)))
			case "sleep":
				if err := workflow.Sleep(ctx, op.D); err != nil {
					return err
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
					return err
				default:
					note(fmt.Sprintf("child %v", r))
				}
			case "childfail":
				cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: fmt.Sprintf("child-%d", i),
					RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Minute, BackoffCoefficient: 2, MaximumAttempts: int32(op.Attempts)}})
				err := workflow.ExecuteChildWorkflow(cctx, "ProgFailingChild", op.D).Get(ctx, nil)
				var ce *wfsim.ChildWorkflowExecutionError
				if !errors.As(err, &ce) || !wfsim.IsApplicationError(err) {
					return fmt.Errorf("failing child: %w", err)
				}
				note("child failed")
			case "childsignal":
				// The child waits for a signal, which the parent sends
				// after D.
				cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: fmt.Sprintf("child-%d", i)})
				f := workflow.ExecuteChildWorkflow(cctx, "ProgWaitingChild")
				if err := workflow.Sleep(ctx, op.D); err != nil {
					return err
				}
				if err := f.SignalChildWorkflow(ctx, "go", i).Get(ctx, nil); err != nil {
					return err
				}
				var got int
				if err := f.Get(ctx, &got); err != nil {
					return err
				}
				note(fmt.Sprintf("child signaled %d", got))
			case "childcancel":
				cctx, cancel := workflow.WithCancel(ctx)
				cctx = workflow.WithChildOptions(cctx, workflow.ChildWorkflowOptions{WorkflowID: fmt.Sprintf("child-%d", i)})
				f := workflow.ExecuteChildWorkflow(cctx, "ProgChild", time.Hour)
				if err := workflow.Sleep(ctx, op.D); err != nil {
					return err
				}
				cancel()
				err := f.Get(ctx, nil)
				if !wfsim.IsCanceledError(err) {
					return fmt.Errorf("canceled child: %w", err)
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
					return err
				}
				cancel()
				note(activityOutcome(f.Get(ctx, nil)))
			case "side":
				var v int
				if err := workflow.SideEffect(ctx, func(workflow.Context) any { return i }).Get(&v); err != nil {
					return err
				}
				note(fmt.Sprintf("side %d", v))
			case "version":
				note(fmt.Sprintf("version %d", workflow.GetVersion(ctx, fmt.Sprintf("change-%d", i), workflow.DefaultVersion, 2)))
			case "local":
				lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{ScheduleToCloseTimeout: time.Minute})
				var v int
				if err := workflow.ExecuteLocalActivity(lctx, progLocal, i).Get(ctx, &v); err != nil {
					return err
				}
				note(fmt.Sprintf("local %d", v))
			case "slowlocal":
				// A mocked local activity that takes progSlowLocal: it
				// holds the task open, heartbeated at 8s.
				lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{ScheduleToCloseTimeout: time.Minute})
				var v int
				if err := workflow.ExecuteLocalActivity(lctx, progActivityName(i, 0), i).Get(ctx, &v); err != nil {
					return err
				}
				note(fmt.Sprintf("slow local %d", v))
			case "can":
				if prior == nil {
					note("continued")
					return workflow.NewContinueAsNewError(ctx, "Prog", out, origin)
				}
			}
			return nil
		}
		for i, op := range ops {
			n := len(out)
			err := step(i, op)
			if ctx.Err() != nil {
				// Canceled: the op under way is not noted, the others are
				// the details of the cancellation.
				return nil, wfsim.NewCanceledError(out[:n])
			}
			if err != nil {
				return nil, err
			}
		}
		return out, nil
	}
}

func progLocal(_ context.Context, x int) (int, error) { return x + 100, nil }

// progSlowLocal is how long a slowlocal op's local activity takes: longer
// than the 8s after which the worker heartbeats the task it holds open.
const progSlowLocal = 10 * time.Second

func progChild(ctx workflow.Context, d time.Duration) (time.Duration, error) {
	return d, workflow.Sleep(ctx, d)
}

// progWaitingChild returns the value of the first "go" signal, or its
// cancellation.
func progWaitingChild(ctx workflow.Context) (int, error) {
	var v int
	sel := workflow.NewSelector(ctx)
	sel.AddReceive(workflow.GetSignalChannel(ctx, "go"), func(c workflow.ReceiveChannel, _ bool) { c.Receive(ctx, &v) })
	sel.AddReceive(ctx.Done(), func(workflow.ReceiveChannel, bool) {})
	sel.Select(ctx)
	return v, ctx.Err()
}

func progFailingChild(ctx workflow.Context, d time.Duration) error {
	if err := workflow.Sleep(ctx, d); err != nil {
		return err
	}
	return wfsim.NewApplicationError("child boom", "ChildBoom")
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
