package testsuite_test

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// lineOf returns the file:line of the line after its caller's, where a test
// expects workflow code to block.
func lineOf() string {
	_, file, line, _ := runtime.Caller(1)
	return fmt.Sprintf("%s:%d", file, line+1)
}

func TestDeadlockNamesEveryBlockedCoroutine(t *testing.T) {
	t.Parallel()
	var rootLine, waiterLine, senderLine, selectLine string
	wf := func(ctx workflow.Context) error {
		orders := workflow.NewNamedChannel(ctx, "orders")
		replies := workflow.NewNamedChannel(ctx, "replies")
		workflow.GoNamed(ctx, "waiter", func(ctx workflow.Context) {
			waiterLine = lineOf()
			orders.Receive(ctx, nil)
		})
		workflow.Go(ctx, func(ctx workflow.Context) {
			senderLine = lineOf()
			replies.Send(ctx, "never taken")
		})
		workflow.GoNamed(ctx, "racer", func(ctx workflow.Context) {
			f, _ := workflow.NewFuture(ctx)
			s := workflow.NewNamedSelector(ctx, "race")
			s.AddFuture(f, func(workflow.Future) {})
			selectLine = lineOf()
			s.Select(ctx)
		})
		_ = workflow.Sleep(ctx, time.Hour) // time passes before the deadlock
		never, _ := workflow.NewFuture(ctx)
		rootLine = lineOf()
		return never.Get(ctx, nil)
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(wf)

	require.True(t, env.IsWorkflowCompleted(), "a deadlocked run is closed")
	err := env.GetWorkflowError()
	var dl *testsuite.DeadlockError
	require.ErrorAs(t, err, &dl)
	assert.Equal(t, testsuite.DefaultStartTime.Add(time.Hour), dl.Time)
	assert.Equal(t, []string{
		`coroutine "root" blocked on Future.Get at ` + rootLine,
		`coroutine "waiter" blocked on orders.Receive at ` + waiterLine,
		`coroutine "3" blocked on replies.Send at ` + senderLine,
		`coroutine "racer" blocked on race.Select at ` + selectLine,
	}, dl.Blocked)
	assert.Contains(t, err.Error(), "is deadlocked at 2000-01-01T01:00:00Z")
	for _, b := range dl.Blocked {
		assert.Contains(t, err.Error(), b)
	}
}

func TestDeadlockReportedToBoundTest(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{}
	env := testsuite.NewTestWorkflowEnvironment(rec)
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		return workflow.Await(ctx, func() bool { return false })
	})
	rec.runCleanups()
	errs := rec.errors()
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0], `coroutine "root" blocked on Await at `)
	assert.Contains(t, errs[0], "deadlock_test.go:")
	assert.Contains(t, strings.Join(rec.logs(), "\n"), "WorkflowExecutionStarted", "a failed test prints the history")
}

// recordingTB is a testsuite.TB that records instead of failing, safe for
// use from several goroutines (the watchdog reports from its own).
type recordingTB struct {
	mu       sync.Mutex
	errs     []string
	logLines []string
	cleanups []func()
	failed   bool
	onError  func(msg string)
}

func (r *recordingTB) Logf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.logLines = append(r.logLines, fmt.Sprintf(format, args...))
}

func (r *recordingTB) Errorf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	r.mu.Lock()
	r.errs = append(r.errs, msg)
	r.failed = true
	onError := r.onError
	r.mu.Unlock()
	if onError != nil {
		onError(msg)
	}
}

func (r *recordingTB) Fatalf(format string, args ...any) { r.Errorf(format, args...) }
func (r *recordingTB) FailNow()                          { r.mu.Lock(); r.failed = true; r.mu.Unlock() }

func (r *recordingTB) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}

func (r *recordingTB) Cleanup(f func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cleanups = append(r.cleanups, f)
}

func (r *recordingTB) runCleanups() {
	r.mu.Lock()
	cs := r.cleanups
	r.cleanups = nil
	r.mu.Unlock()
	for i := len(cs) - 1; i >= 0; i-- {
		cs[i]()
	}
}

func (r *recordingTB) errors() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errs...)
}

func (r *recordingTB) logs() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.logLines...)
}

func TestTestTimeoutReportsCoroutines(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	reported := make(chan string, 1)
	rec := &recordingTB{onError: func(msg string) {
		reported <- msg
		close(release)
	}}
	env := testsuite.NewTestWorkflowEnvironment(rec)
	env.SetTestTimeout(50 * time.Millisecond)
	var sleeperLine string
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		workflow.GoNamed(ctx, "sleeper", func(ctx workflow.Context) {
			sleeperLine = lineOf()
			_ = workflow.Sleep(ctx, time.Hour)
		})
		_ = workflow.Sleep(ctx, time.Minute)
		<-release // a native blocking call: the run hangs in real time
		return "finished", nil
	})
	var msg string
	select {
	case msg = <-reported:
	default:
		t.Fatal("the watchdog did not report")
	}
	assert.Contains(t, msg, "did not finish within the test timeout of 50ms (real time)")
	assert.Contains(t, msg, `coroutine "root" is running (it has not reached a blocking workflow call)`)
	// The watchdog locates the blocked coroutines from its own goroutine,
	// without disturbing the run.
	assert.Contains(t, msg, `coroutine "sleeper" blocked on Future.Get at `+sleeperLine)

	// The watchdog only reported: the run went on and finished as usual.
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	assert.Equal(t, "finished", out)
	assert.Len(t, rec.errors(), 1)
}

func TestHungErrorText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  testsuite.HungError
		want string
	}{
		{
			name: "a coroutine runs",
			err:  testsuite.HungError{Timeout: time.Second, Blocked: []string{`coroutine "root" is running (it has not reached a blocking workflow call)`}},
			want: "testsuite: the run did not finish within the test timeout of 1s (real time); coroutines:\n  coroutine \"root\" is running (it has not reached a blocking workflow call)",
		},
		{
			name: "stuck outside workflow code",
			err:  testsuite.HungError{Timeout: time.Second, Blocked: []string{`coroutine "root" blocked on Future.Get`}},
			want: "testsuite: the run did not finish within the test timeout of 1s (real time); no workflow coroutine is running, so the simulator is inside an activity, a delayed callback or a listener; coroutines:\n  coroutine \"root\" blocked on Future.Get",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, tt.err.Error())
		})
	}
}

// coroutineGoroutines counts the goroutines that are workflow coroutines
// (goroutines created by iter.Pull) in the whole process.
func coroutineGoroutines() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	return len(regexp.MustCompile(`(?m)^created by iter\.Pull\[`).FindAll(buf, -1))
}

// TestNoGoroutineOutlivesARun runs each way a run can end and checks that
// every coroutine's goroutine is gone afterwards. It is not parallel: it
// counts the process's goroutines.
func TestNoGoroutineOutlivesARun(t *testing.T) {
	blockMany := func(ctx workflow.Context) {
		for range 20 {
			workflow.Go(ctx, func(ctx workflow.Context) {
				defer func() { _ = workflow.NewTimer(ctx, 0) }() // deferred workflow code runs on unwind
				workflow.NewChannel(ctx).Receive(ctx, nil)
			})
		}
	}
	tests := []struct {
		name   string
		newEnv func() *testsuite.TestWorkflowEnvironment // a suite's unless set
		setup  func(env *testsuite.TestWorkflowEnvironment)
		wf     func(ctx workflow.Context) error
		check  func(t *testing.T, err error)
	}{
		{
			name: "completed with coroutines still blocked",
			wf: func(ctx workflow.Context) error {
				blockMany(ctx)
				return workflow.Sleep(ctx, time.Hour)
			},
			check: func(t *testing.T, err error) { assert.NoError(t, err) },
		},
		{
			name: "failed",
			wf: func(ctx workflow.Context) error {
				blockMany(ctx)
				_ = workflow.Sleep(ctx, time.Hour)
				return wfsim.NewApplicationError("no", "Failure")
			},
			check: func(t *testing.T, err error) { assert.ErrorContains(t, err, "no") },
		},
		{
			name: "deadlocked",
			wf: func(ctx workflow.Context) error {
				blockMany(ctx)
				return workflow.Await(ctx, func() bool { return false })
			},
			check: func(t *testing.T, err error) {
				var dl *testsuite.DeadlockError
				assert.ErrorAs(t, err, &dl)
			},
		},
		{
			name: "panicked",
			wf: func(ctx workflow.Context) error {
				blockMany(ctx)
				_ = workflow.Sleep(ctx, time.Hour)
				panic("boom")
			},
			check: func(t *testing.T, err error) {
				var pe *wfsim.PanicError
				assert.ErrorAs(t, err, &pe)
			},
		},
		{
			name: "stopped in a busy loop",
			// A test's environment: its watchdog reports to it.
			newEnv: func() *testsuite.TestWorkflowEnvironment { return testsuite.NewTestWorkflowEnvironment(&recordingTB{}) },
			setup:  func(env *testsuite.TestWorkflowEnvironment) { env.SetTestTimeout(100 * time.Millisecond) },
			wf: func(ctx workflow.Context) error {
				blockMany(ctx)
				_ = workflow.Sleep(ctx, time.Hour)
				for {
					workflow.Now(ctx)
				}
			},
			check: func(t *testing.T, err error) {
				var pe *wfsim.PanicError
				assert.ErrorAs(t, err, &pe)
				assert.ErrorContains(t, err, "[TMPRL1101] Potential deadlock detected")
			},
		},
		{
			// Each rebuild's root coroutine, and the replay check's,
			// ride on the goroutine the run's ran on (carrier.go).
			name: "worker restarted after every task",
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.SetExplorer(testsuite.SeedExplorer(1))
				env.SetFaults(testsuite.Faults{WorkerRestart: 1})
			},
			wf: func(ctx workflow.Context) error {
				blockMany(ctx)
				if err := workflow.Sleep(ctx, time.Hour); err != nil {
					return err
				}
				return workflow.Sleep(ctx, time.Hour)
			},
			check: func(t *testing.T, err error) { assert.NoError(t, err) },
		},
		{
			name: "worker restarted, then panicked",
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.SetExplorer(testsuite.SeedExplorer(1))
				env.SetFaults(testsuite.Faults{WorkerRestart: 1})
			},
			wf: func(ctx workflow.Context) error {
				blockMany(ctx)
				_ = workflow.Sleep(ctx, time.Hour)
				panic("boom")
			},
			check: func(t *testing.T, err error) {
				var pe *wfsim.PanicError
				assert.ErrorAs(t, err, &pe)
			},
		},
		{
			name:  "timed out",
			setup: func(env *testsuite.TestWorkflowEnvironment) { env.SetWorkflowRunTimeout(time.Minute) },
			wf: func(ctx workflow.Context) error {
				blockMany(ctx)
				return workflow.Sleep(ctx, time.Hour)
			},
			check: func(t *testing.T, err error) {
				var te *wfsim.TimeoutError
				assert.ErrorAs(t, err, &te)
			},
		},
	}
	before := coroutineGoroutines()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			if tt.newEnv != nil {
				env = tt.newEnv()
			}
			if tt.setup != nil {
				tt.setup(env)
			}
			during := 0
			env.RegisterDelayedCallback(func() { during = coroutineGoroutines() }, time.Second)
			env.ExecuteWorkflow(tt.wf)
			tt.check(t, env.GetWorkflowError())
			assert.GreaterOrEqual(t, during, before+20, "the count sees the run's coroutines")
			assert.Equal(t, before, coroutineGoroutines(), "coroutines left running")
		})
	}
	// The same through a test-bound environment (a synctest bubble).
	t.Run("bound", func(t *testing.T) {
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.ExecuteWorkflow(func(ctx workflow.Context) error {
			blockMany(ctx)
			return workflow.Sleep(ctx, time.Hour)
		})
		assert.NoError(t, env.GetWorkflowError())
		assert.Equal(t, before, coroutineGoroutines(), "coroutines left running")
	})
	t.Run("bound, worker restarted after every task", func(t *testing.T) {
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.SetExplorer(testsuite.SeedExplorer(1))
		env.SetFaults(testsuite.Faults{WorkerRestart: 1})
		env.ExecuteWorkflow(func(ctx workflow.Context) error {
			blockMany(ctx)
			return workflow.Sleep(ctx, time.Hour)
		})
		assert.NoError(t, env.GetWorkflowError())
		assert.Equal(t, before, coroutineGoroutines(), "coroutines left running")
	})
}
