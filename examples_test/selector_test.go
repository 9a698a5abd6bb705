package examples_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/wfsim/wfsim/workflow"
)

// RaceWorkflow waits for a reply on a channel, but no longer than an hour:
// a Selector races a timer against the channel. The reply comes from a
// coroutine that answers after replyAfter. The timer is canceled when the
// reply wins, so the history shows TimerCanceled.
func RaceWorkflow(ctx workflow.Context, replyAfter time.Duration) (string, error) {
	replies := workflow.NewNamedChannel(ctx, "replies")
	workflow.GoNamed(ctx, "responder", func(ctx workflow.Context) {
		if workflow.Sleep(ctx, replyAfter) == nil {
			replies.Send(ctx, "pong")
		}
	})

	timerCtx, cancelTimer := workflow.WithCancel(ctx)
	defer cancelTimer()
	var outcome string
	workflow.NewSelector(ctx).
		AddReceive(replies, func(c workflow.ReceiveChannel, more bool) {
			var reply string
			c.Receive(ctx, &reply)
			outcome = fmt.Sprintf("got %q at %v", reply, sinceStart(ctx))
		}).
		AddFuture(workflow.NewTimer(timerCtx, time.Hour), func(f workflow.Future) {
			outcome = fmt.Sprintf("timed out at %v", sinceStart(ctx))
		}).
		Select(ctx)
	return outcome, nil
}

func Example_raceTimerAgainstChannel() {
	for _, after := range []time.Duration{20 * time.Minute, 3 * time.Hour} {
		env := executeExample(RaceWorkflow, after)
		var out string
		_ = env.GetWorkflowResult(&out)
		fmt.Printf("reply after %v: %s\n", after, out)
		printHistoryEvents(env.History())
	}
	// Output:
	// reply after 20m0s: got "pong" at 20m0s
	//   0s        WorkflowExecutionStarted
	//   0s        TimerStarted timer 5 for 1h0m0s
	//   0s        TimerStarted timer 6 for 20m0s
	//   20m0s     TimerFired timer 6
	//   20m0s     TimerCanceled timer 5
	//   20m0s     WorkflowExecutionCompleted
	// reply after 3h0m0s: timed out at 1h0m0s
	//   0s        WorkflowExecutionStarted
	//   0s        TimerStarted timer 5 for 1h0m0s
	//   0s        TimerStarted timer 6 for 3h0m0s
	//   1h0m0s    TimerFired timer 5
	//   1h0m0s    WorkflowExecutionCompleted
}

// SelectorRulesWorkflow shows how a Selector chooses. When several branches
// are ready as Select is called, the first one added wins, whatever the
// order they became ready in. When none is ready, Select waits and the
// first branch to become ready wins. A future's branch fires once per
// Selector.
func SelectorRulesWorkflow(ctx workflow.Context) ([]string, error) {
	var log []string
	first := workflow.NewNamedBufferedChannel(ctx, "first", 1)
	second := workflow.NewNamedBufferedChannel(ctx, "second", 1)
	done, setDone := workflow.NewFuture(ctx)

	s := workflow.NewSelector(ctx)
	s.AddReceive(first, func(c workflow.ReceiveChannel, more bool) {
		var v string
		c.Receive(ctx, &v)
		log = append(log, fmt.Sprintf("%v first: %s", sinceStart(ctx), v))
	})
	s.AddReceive(second, func(c workflow.ReceiveChannel, more bool) {
		var v string
		c.Receive(ctx, &v)
		log = append(log, fmt.Sprintf("%v second: %s", sinceStart(ctx), v))
	})
	s.AddFuture(done, func(f workflow.Future) {
		log = append(log, fmt.Sprintf("%v done", sinceStart(ctx)))
	})

	// Both channels ready: order of addition decides.
	second.Send(ctx, "sent first")
	first.Send(ctx, "sent second")
	s.Select(ctx)
	s.Select(ctx)

	// Nothing ready: the first to become ready wins.
	workflow.Go(ctx, func(ctx workflow.Context) {
		_ = workflow.Sleep(ctx, time.Minute)
		setDone.SetValue(nil)
		_ = workflow.Sleep(ctx, time.Minute)
		second.Send(ctx, "later")
	})
	s.Select(ctx) // done, at 1m
	s.Select(ctx) // the future's branch has fired: waits for second, at 2m
	log = append(log, fmt.Sprintf("pending: %v", s.HasPending()))
	return log, nil
}

func Example_selectorRules() {
	var log []string
	_ = executeExample(SelectorRulesWorkflow).GetWorkflowResult(&log)
	for _, l := range log {
		fmt.Println(l)
	}
	// Output:
	// 0s first: sent second
	// 0s second: sent first
	// 1m0s done
	// 2m0s second: later
	// pending: false
}

// FanInWorkflow collects from three producers, each closing its channel
// when done, in one loop over a Selector; a closed channel's branch fires
// once with more=false.
func FanInWorkflow(ctx workflow.Context) ([]string, error) {
	var got []string
	s := workflow.NewSelector(ctx)
	open := 0
	for p, every := range []time.Duration{time.Minute, 90 * time.Second, 2 * time.Minute} {
		ch := workflow.NewNamedChannel(ctx, fmt.Sprintf("producer-%d", p))
		open++
		workflow.Go(ctx, func(ctx workflow.Context) {
			for i := range 2 {
				_ = workflow.Sleep(ctx, every)
				ch.Send(ctx, fmt.Sprintf("p%d#%d", p, i))
			}
			ch.Close()
		})
		s.AddReceive(ch, func(c workflow.ReceiveChannel, more bool) {
			if !more {
				open--
				got = append(got, fmt.Sprintf("%v %s closed", sinceStart(ctx), c.Name()))
				return
			}
			var v string
			c.Receive(ctx, &v)
			got = append(got, fmt.Sprintf("%v %s", sinceStart(ctx), v))
		})
	}
	for open > 0 {
		s.Select(ctx)
	}
	return got, nil
}

func Example_fanIn() {
	var got []string
	_ = executeExample(FanInWorkflow).GetWorkflowResult(&got)
	for _, g := range got {
		fmt.Println(g)
	}
	// Output:
	// 1m0s p0#0
	// 1m30s p1#0
	// 2m0s p0#1
	// 2m0s producer-0 closed
	// 2m0s p2#0
	// 3m0s p1#1
	// 3m0s producer-1 closed
	// 4m0s p2#1
	// 4m0s producer-2 closed
}

// TestSelectorTimelines prints the full history of each selector example
// when run with go test -v.
func TestSelectorTimelines(t *testing.T) {
	cases := []struct {
		name string
		wf   any
		args []any
	}{
		{"RaceWorkflow/reply", RaceWorkflow, []any{20 * time.Minute}},
		{"RaceWorkflow/timeout", RaceWorkflow, []any{3 * time.Hour}},
		{"SelectorRulesWorkflow", SelectorRulesWorkflow, nil},
		{"FanInWorkflow", FanInWorkflow, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := executeExample(c.wf, c.args...)
			if err := env.GetWorkflowError(); err != nil {
				t.Fatal(err)
			}
			t.Logf("history of %s:\n%s", c.name, env.History())
		})
	}
}
