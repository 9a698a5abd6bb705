package examples_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// ReminderWorkflow sends reminders after a day, a week and a year: long
// waits that take no real time in a test.
func ReminderWorkflow(ctx workflow.Context) ([]string, error) {
	var sent []string
	for _, wait := range []time.Duration{24 * time.Hour, 6 * 24 * time.Hour, 358 * 24 * time.Hour} {
		if err := workflow.Sleep(ctx, wait); err != nil {
			return sent, err
		}
		sent = append(sent, fmt.Sprintf("reminder at day %d", sinceStart(ctx)/(24*time.Hour)))
	}
	return sent, nil
}

// A workflow that sleeps for a year runs in microseconds: time jumps
// straight to the next timer.
func Example_sleep() {
	env := executeExample(ReminderWorkflow)
	var sent []string
	if err := env.GetWorkflowResult(&sent); err != nil {
		fmt.Println("error:", err)
		return
	}
	for _, s := range sent {
		fmt.Println(s)
	}
	fmt.Println("virtual time at the end:", env.Now().Format(time.DateOnly))
	printHistoryEvents(env.History())
	// Output:
	// reminder at day 1
	// reminder at day 7
	// reminder at day 365
	// virtual time at the end: 2000-12-31
	//   0s        WorkflowExecutionStarted
	//   0s        TimerStarted timer 5 for 24h0m0s
	//   24h0m0s   TimerFired timer 5
	//   24h0m0s   TimerStarted timer 10 for 144h0m0s
	//   168h0m0s  TimerFired timer 10
	//   168h0m0s  TimerStarted timer 15 for 8592h0m0s
	//   8760h0m0s TimerFired timer 15
	//   8760h0m0s WorkflowExecutionCompleted
}

// CancelTimerWorkflow starts a one-hour timer and cancels it after ten
// minutes: the timer's future fails with a *wfsim.CanceledError and the
// history records TimerCanceled.
func CancelTimerWorkflow(ctx workflow.Context) (string, error) {
	timerCtx, cancel := workflow.WithCancel(ctx)
	timer := workflow.NewTimer(timerCtx, time.Hour)
	if err := workflow.Sleep(ctx, 10*time.Minute); err != nil {
		return "", err
	}
	cancel()
	err := timer.Get(ctx, nil)
	var canceled *wfsim.CanceledError
	return fmt.Sprintf("at %v the timer says %q (CanceledError: %v)", sinceStart(ctx), err, errors.As(err, &canceled)), nil
}

func Example_cancelTimer() {
	env := executeExample(CancelTimerWorkflow)
	var out string
	_ = env.GetWorkflowResult(&out)
	fmt.Println(out)
	printHistoryEvents(env.History())
	// Output:
	// at 10m0s the timer says "canceled" (CanceledError: true)
	//   0s        WorkflowExecutionStarted
	//   0s        TimerStarted timer 5 for 1h0m0s
	//   0s        TimerStarted timer 6 for 10m0s
	//   10m0s     TimerFired timer 6
	//   10m0s     TimerCanceled timer 5
	//   10m0s     WorkflowExecutionCompleted
}

// SameInstantWorkflow starts three coroutines whose timers are all due at
// one hour, created in the order a, b, c (c's after a half-hour first
// sleep). Timers due at the same instant fire in the order they were
// created, and the woken coroutines run in the order they were started.
func SameInstantWorkflow(ctx workflow.Context) ([]string, error) {
	var woke []string
	wg := workflow.NewWaitGroup(ctx)
	sleepers := []struct {
		name string
		naps []time.Duration
	}{
		{"c", []time.Duration{30 * time.Minute, 30 * time.Minute}},
		{"a", []time.Duration{time.Hour}},
		{"b", []time.Duration{time.Hour}},
	}
	for _, s := range sleepers {
		wg.Add(1)
		workflow.GoNamed(ctx, s.name, func(ctx workflow.Context) {
			defer wg.Done()
			for _, d := range s.naps {
				_ = workflow.Sleep(ctx, d)
			}
			woke = append(woke, fmt.Sprintf("%s woke at %v", s.name, sinceStart(ctx)))
		})
	}
	wg.Wait(ctx)
	return woke, nil
}

func Example_sameInstant() {
	env := executeExample(SameInstantWorkflow)
	var woke []string
	_ = env.GetWorkflowResult(&woke)
	for _, w := range woke {
		fmt.Println(w)
	}
	printHistoryEvents(env.History())
	// Output:
	// c woke at 1h0m0s
	// a woke at 1h0m0s
	// b woke at 1h0m0s
	//   0s        WorkflowExecutionStarted
	//   0s        TimerStarted timer 5 for 30m0s
	//   0s        TimerStarted timer 6 for 1h0m0s
	//   0s        TimerStarted timer 7 for 1h0m0s
	//   30m0s     TimerFired timer 5
	//   30m0s     TimerStarted timer 12 for 30m0s
	//   1h0m0s    TimerFired timer 6
	//   1h0m0s    TimerFired timer 7
	//   1h0m0s    TimerFired timer 12
	//   1h0m0s    WorkflowExecutionCompleted
}

// ApprovalWorkflow waits up to a day for an approval that a reviewer
// coroutine gives after the given delay.
func ApprovalWorkflow(ctx workflow.Context, reviewerDelay time.Duration) (string, error) {
	approved := false
	workflow.Go(ctx, func(ctx workflow.Context) {
		if workflow.Sleep(ctx, reviewerDelay) == nil {
			approved = true
		}
	})
	ok, err := workflow.AwaitWithTimeout(ctx, 24*time.Hour, func() bool { return approved })
	if err != nil {
		return "", err
	}
	if !ok {
		return fmt.Sprintf("no approval; gave up at %v", sinceStart(ctx)), nil
	}
	return fmt.Sprintf("approved at %v", sinceStart(ctx)), nil
}

func Example_awaitWithTimeout() {
	for _, delay := range []time.Duration{3 * time.Hour, 48 * time.Hour} {
		var out string
		_ = executeExample(ApprovalWorkflow, delay).GetWorkflowResult(&out)
		fmt.Printf("reviewer after %v: %s\n", delay, out)
	}
	// Output:
	// reviewer after 3h0m0s: approved at 3h0m0s
	// reviewer after 48h0m0s: no approval; gave up at 24h0m0s
}

// TestTimerTimelines prints the full history of each timer example, with
// the workflow tasks, when run with go test -v.
func TestTimerTimelines(t *testing.T) {
	for name, wf := range map[string]any{
		"ReminderWorkflow":    ReminderWorkflow,
		"CancelTimerWorkflow": CancelTimerWorkflow,
		"SameInstantWorkflow": SameInstantWorkflow,
	} {
		t.Run(name, func(t *testing.T) {
			env := executeExample(wf)
			if err := env.GetWorkflowError(); err != nil {
				t.Fatal(err)
			}
			t.Logf("history of %s:\n%s", name, env.History())
		})
	}
}

// sinceStart is the virtual time elapsed since the workflow started.
func sinceStart(ctx workflow.Context) time.Duration {
	return workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime)
}

// executeExample executes a workflow in a fresh environment, not bound to a test, and
// returns the environment to read the outcome from.
func executeExample(wf any, args ...any) *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(wf, args...)
	return env
}

// printHistoryEvents prints the history's events other than workflow tasks, each
// with its virtual time since the start: what a Temporal server would have
// recorded for the run.
func printHistoryEvents(h *replay.History) {
	start := h.Events[0].EventTime
	for _, ev := range h.Events {
		switch ev.EventType {
		case replay.EventTypeWorkflowTaskScheduled, replay.EventTypeWorkflowTaskStarted, replay.EventTypeWorkflowTaskCompleted:
			continue
		}
		detail := ""
		switch {
		case ev.GetTimerStartedEventAttributes() != nil:
			detail = fmt.Sprintf(" timer %s for %v", ev.GetTimerStartedEventAttributes().TimerID, ev.GetTimerStartedEventAttributes().StartToFireTimeout)
		case ev.GetTimerFiredEventAttributes() != nil:
			detail = " timer " + ev.GetTimerFiredEventAttributes().TimerID
		case ev.GetTimerCanceledEventAttributes() != nil:
			detail = " timer " + ev.GetTimerCanceledEventAttributes().TimerID
		}
		fmt.Printf("  %-9v %s%s\n", ev.EventTime.Sub(start), ev.EventType, detail)
	}
}
