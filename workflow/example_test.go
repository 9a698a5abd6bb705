package workflow_test

import (
	"fmt"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// runExample runs wf in a fresh test environment and prints its result or
// error.
func runExample(wf any, args ...any) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(wf, args...)
	var out any
	if err := env.GetWorkflowResult(&out); err != nil {
		fmt.Println("error:", err)
		return
	}
	if out != nil {
		fmt.Println(out)
	}
}

func ExampleSleep() {
	wf := func(ctx workflow.Context) (string, error) {
		start := workflow.Now(ctx)
		if err := workflow.Sleep(ctx, 30*24*time.Hour); err != nil {
			return "", err
		}
		return fmt.Sprintf("slept %v of virtual time", workflow.Now(ctx).Sub(start)), nil
	}
	runExample(wf)
	// Output: slept 720h0m0s of virtual time
}

func ExampleGo() {
	wf := func(ctx workflow.Context) ([]string, error) {
		var order []string
		wg := workflow.NewWaitGroup(ctx)
		for _, name := range []string{"a", "b", "c"} {
			wg.Add(1)
			workflow.GoNamed(ctx, name, func(ctx workflow.Context) {
				defer wg.Done()
				order = append(order, name) // no lock: one coroutine runs at a time
			})
		}
		order = append(order, "root") // the coroutines start when root blocks
		wg.Wait(ctx)
		return order, nil
	}
	runExample(wf)
	// Output: [root a b c]
}

func ExampleNewSelector() {
	wf := func(ctx workflow.Context) (string, error) {
		replies := workflow.NewChannel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, 5*time.Minute)
			replies.Send(ctx, "pong")
		})
		timerCtx, cancelTimer := workflow.WithCancel(ctx)
		defer cancelTimer()
		var result string
		workflow.NewSelector(ctx).
			AddReceive(replies, func(c workflow.ReceiveChannel, more bool) {
				c.Receive(ctx, &result)
			}).
			AddFuture(workflow.NewTimer(timerCtx, time.Hour), func(workflow.Future) {
				result = "timed out"
			}).
			Select(ctx)
		return result, nil
	}
	runExample(wf)
	// Output: pong
}

func ExampleWithCancel() {
	wf := func(ctx workflow.Context) (string, error) {
		sleepCtx, cancel := workflow.WithCancel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, time.Minute)
			cancel()
		})
		err := workflow.Sleep(sleepCtx, time.Hour)
		return fmt.Sprintf("Sleep returned %v (a CanceledError: %v)", err, wfsim.IsCanceledError(err)), nil
	}
	runExample(wf)
	// Output: Sleep returned canceled (a CanceledError: true)
}

func ExampleNewFuture() {
	wf := func(ctx workflow.Context) (int, error) {
		f, settable := workflow.NewFuture(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, time.Second)
			settable.SetValue(42)
		})
		var v int
		err := f.Get(ctx, &v) // blocks until the coroutine sets it
		return v, err
	}
	runExample(wf)
	// Output: 42
}

func ExampleAwaitWithTimeout() {
	wf := func(ctx workflow.Context) (string, error) {
		ready := false
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, 2*time.Hour)
			ready = true
		})
		ok, err := workflow.AwaitWithTimeout(ctx, time.Hour, func() bool { return ready })
		return fmt.Sprintf("ready=%v after %v", ok, workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime)), err
	}
	runExample(wf)
	// Output: ready=false after 1h0m0s
}

func ExampleDeterministicKeys() {
	stock := map[string]int{"pears": 3, "apples": 5, "figs": 0}
	for _, k := range workflow.DeterministicKeys(stock) {
		fmt.Println(k, stock[k])
	}
	// Output:
	// apples 5
	// figs 0
	// pears 3
}
