package examples_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// FanOutWorkflow starts one coroutine per job with workflow.Go (never the go
// statement) and waits for all with a WaitGroup. Coroutines run one at a
// time, in a fixed order, so the shared slice needs no lock.
func FanOutWorkflow(ctx workflow.Context, jobs []int) ([]string, error) {
	var done []string
	wg := workflow.NewWaitGroup(ctx)
	for _, minutes := range jobs {
		wg.Add(1)
		workflow.GoNamed(ctx, fmt.Sprintf("job-%d", minutes), func(ctx workflow.Context) {
			defer wg.Done()
			_ = workflow.Sleep(ctx, time.Duration(minutes)*time.Minute)
			done = append(done, fmt.Sprintf("job-%d done at %v", minutes, sinceStart(ctx)))
		})
	}
	wg.Wait(ctx)
	done = append(done, fmt.Sprintf("all done at %v", sinceStart(ctx)))
	return done, nil
}

func Example_fanOut() {
	var done []string
	_ = executeExample(FanOutWorkflow, []int{30, 10, 20, 10}).GetWorkflowResult(&done)
	for _, d := range done {
		fmt.Println(d)
	}
	// Output:
	// job-10 done at 10m0s
	// job-10 done at 10m0s
	// job-20 done at 20m0s
	// job-30 done at 30m0s
	// all done at 30m0s
}

// PipelineWorkflow passes items from a producer to a consumer through a
// buffered channel of two: the producer runs ahead until the buffer is full,
// then waits for the slower consumer.
func PipelineWorkflow(ctx workflow.Context) ([]string, error) {
	var log []string
	items := workflow.NewNamedBufferedChannel(ctx, "items", 2)
	workflow.GoNamed(ctx, "producer", func(ctx workflow.Context) {
		for i := 1; i <= 4; i++ {
			items.Send(ctx, i)
			log = append(log, fmt.Sprintf("%v produced %d (buffered: %d)", sinceStart(ctx), i, items.Len()))
		}
		items.Close()
	})
	for {
		var i int
		if !items.Receive(ctx, &i) {
			break
		}
		_ = workflow.Sleep(ctx, time.Minute) // slow work on the item
		log = append(log, fmt.Sprintf("%v consumed %d", sinceStart(ctx), i))
	}
	return log, nil
}

func Example_pipeline() {
	var log []string
	_ = executeExample(PipelineWorkflow).GetWorkflowResult(&log)
	fmt.Println(strings.Join(log, "\n"))
	// Output:
	// 0s produced 1 (buffered: 0)
	// 0s produced 2 (buffered: 1)
	// 0s produced 3 (buffered: 2)
	// 1m0s consumed 1
	// 1m0s produced 4 (buffered: 2)
	// 2m0s consumed 2
	// 3m0s consumed 3
	// 4m0s consumed 4
}

// MutexWorkflow has three coroutines update a shared balance, each holding
// a workflow.Mutex across a sleep; waiters get the lock in the order the
// coroutines were started.
func MutexWorkflow(ctx workflow.Context) ([]string, error) {
	var log []string
	balance := 100
	mu := workflow.NewMutex(ctx)
	wg := workflow.NewWaitGroup(ctx)
	for _, w := range []struct {
		who    string
		amount int
	}{{"alice", -30}, {"bob", +50}, {"carol", -70}} {
		wg.Add(1)
		workflow.Go(ctx, func(ctx workflow.Context) {
			defer wg.Done()
			if err := mu.Lock(ctx); err != nil {
				return
			}
			defer mu.Unlock()
			read := balance
			_ = workflow.Sleep(ctx, time.Minute) // a slow update, safe under the lock
			balance = read + w.amount
			log = append(log, fmt.Sprintf("%v %s: %d", sinceStart(ctx), w.who, balance))
		})
	}
	wg.Wait(ctx)
	return log, nil
}

func Example_mutex() {
	var log []string
	_ = executeExample(MutexWorkflow).GetWorkflowResult(&log)
	fmt.Println(strings.Join(log, "\n"))
	// Output:
	// 1m0s alice: 70
	// 2m0s bob: 120
	// 3m0s carol: 50
}

// DeadlockWorkflow waits for a message nobody sends. With every coroutine
// blocked and nothing pending, the run cannot go on: the environment ends
// it with a *testsuite.DeadlockError naming each coroutine, what it waits
// for and the line of workflow code where it waits.
func DeadlockWorkflow(ctx workflow.Context) error {
	requests := workflow.NewNamedChannel(ctx, "requests")
	answers := workflow.NewNamedChannel(ctx, "answers")
	workflow.GoNamed(ctx, "server", func(ctx workflow.Context) {
		requests.Receive(ctx, nil) // waits for a request…
		answers.Send(ctx, "ok")
	})
	_ = workflow.Sleep(ctx, time.Hour)
	answers.Receive(ctx, nil) // …while the client waits for an answer
	return nil
}

func Example_deadlock() {
	err := executeExample(DeadlockWorkflow).GetWorkflowError()
	var dl *testsuite.DeadlockError
	if errors.As(err, &dl) {
		fmt.Println("deadlocked at", dl.Time.Format(time.TimeOnly))
		for _, b := range dl.Blocked {
			what, where, _ := strings.Cut(b, " at ")
			fmt.Printf("%s (at coroutines_test.go:%s)\n", what, where[strings.LastIndexByte(where, ':')+1:])
		}
	}
	// Output:
	// deadlocked at 01:00:00
	// coroutine "root" blocked on answers.Receive (at coroutines_test.go:137)
	// coroutine "server" blocked on requests.Receive (at coroutines_test.go:133)
}

// TestCoroutineTimelines prints the full history of each coroutine example
// when run with go test -v.
func TestCoroutineTimelines(t *testing.T) {
	cases := []struct {
		name string
		wf   any
		args []any
	}{
		{"FanOutWorkflow", FanOutWorkflow, []any{[]int{30, 10, 20, 10}}},
		{"PipelineWorkflow", PipelineWorkflow, nil},
		{"MutexWorkflow", MutexWorkflow, nil},
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
	t.Run("DeadlockWorkflow", func(t *testing.T) {
		env := executeExample(DeadlockWorkflow)
		t.Logf("error: %v", env.GetWorkflowError())
		t.Logf("history:\n%s", env.History())
	})
}
