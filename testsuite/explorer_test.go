package testsuite_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The test handles a property test binds an environment to.
var (
	_ testsuite.TB = (*testing.T)(nil)
	_ testsuite.TB = (*testing.B)(nil)
	_ testsuite.TB = (*rapid.T)(nil)
)

// fzBooking is a saga's world: the bookings its activities made and undid,
// in order. Each test makes its own, so tests may run in parallel.
type fzBooking struct {
	log []string
}

func (b *fzBooking) Book(ctx context.Context, step int) (string, error) {
	id := "step-" + strconv.Itoa(step)
	b.log = append(b.log, "book "+id)
	return id, nil
}

func (b *fzBooking) Undo(ctx context.Context, id string) error {
	b.log = append(b.log, "undo "+id)
	return nil
}

// fzSaga books steps one after the other; when one fails it undoes the
// bookings made, newest first, and fails. A booking is tried three times,
// an undo a hundred times (without a maximum the simulator stops at ten,
// which faults could exhaust).
func fzSaga(ctx workflow.Context, steps int) ([]string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Second,
		RetryPolicy:         &wfsim.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 3},
	})
	var booked []string
	for i := range steps {
		var id string
		if err := workflow.ExecuteActivity(ctx, "Book", i).Get(ctx, &id); err != nil {
			undo, _ := workflow.NewDisconnectedContext(ctx)
			undo = workflow.WithActivityOptions(undo, workflow.ActivityOptions{
				StartToCloseTimeout: 10 * time.Second,
				RetryPolicy:         &wfsim.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 100},
			})
			for j := len(booked) - 1; j >= 0; j-- {
				if err := workflow.ExecuteActivity(undo, "Undo", booked[j]).Get(undo, nil); err != nil {
					return booked, fmt.Errorf("undoing %s: %w", booked[j], err)
				}
			}
			return booked, err
		}
		booked = append(booked, id)
	}
	return booked, nil
}

// fzAllFaults turns on every fault, often.
var fzAllFaults = testsuite.Faults{
	ActivityLatency: 12 * time.Second,
	ActivityFailure: 0.3,
	ActivityHang:    0.1,
	WorkerRestart:   0.3,
	Jitter:          5 * time.Second,
}

// fzSagaEnv returns an unbound environment running fzSaga with the world b.
func fzSagaEnv(b *fzBooking) *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivityWithOptions(b.Book, activityName("Book"))
	env.RegisterActivityWithOptions(b.Undo, activityName("Undo"))
	return env
}

func historyJSON(t testing.TB, h *replay.History) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, h.WriteJSON(&buf))
	return buf.Bytes()
}

func TestSeedExplorerIsDeterministic(t *testing.T) {
	t.Parallel()
	run := func(seed uint64) ([]byte, []testsuite.Choice) {
		b := &fzBooking{}
		env := fzSagaEnv(b)
		env.SetExplorer(testsuite.SeedExplorer(seed))
		env.SetFaults(fzAllFaults)
		env.ExecuteWorkflow(fzSaga, 4)
		return historyJSON(t, env.History()), env.Choices()
	}
	distinct := map[string]bool{}
	for seed := range uint64(20) {
		h1, c1 := run(seed)
		h2, c2 := run(seed)
		require.Equal(t, string(h1), string(h2), "seed %d: two runs recorded different histories", seed)
		require.Equal(t, c1, c2, "seed %d: two runs made different choices", seed)
		require.NotEmpty(t, c1, "seed %d: no choice was drawn", seed)
		distinct[string(h1)] = true
	}
	require.Greater(t, len(distinct), 10, "20 seeds explored only %d distinct histories", len(distinct))
}

// TestFuzzedHistoriesReplay checks that faults keep the server's rules:
// every history a fuzzed run records replays, in the replayer's default
// mode, against the code that recorded it.
func TestFuzzedHistoriesReplay(t *testing.T) {
	t.Parallel()
	faults := map[string]int{}
	for seed := range uint64(300) {
		b := &fzBooking{}
		env := fzSagaEnv(b)
		env.SetExplorer(testsuite.SeedExplorer(seed))
		env.SetFaults(fzAllFaults)
		env.ExecuteWorkflow(fzSaga, 3)
		require.True(t, env.IsWorkflowCompleted(), "seed %d", seed)
		err := env.GetWorkflowError()
		var rc *testsuite.ReplayCheckError
		var re *testsuite.RestartError
		require.False(t, errors.As(err, &rc) || errors.As(err, &re), "seed %d: %v", seed, err)
		for _, c := range env.Choices() {
			if c.Happened {
				faults[c.Kind.String()]++
			}
		}
		rp := replay.NewWorkflowReplayer()
		rp.RegisterWorkflow(fzSaga)
		require.NoError(t, rp.ReplayWorkflowHistory(nil, env.History()), "seed %d:\n%s", seed, env.History())
	}
	for _, k := range []string{"failure", "hang", "restart"} {
		require.Positive(t, faults[k], "no %s fault in 300 runs", k)
	}
}

func activityName(name string) activity.RegisterOptions { return activity.RegisterOptions{Name: name} }

// checkFails runs rapid.Check on prop, capturing what rapid reports rather
// than failing t, and returns it: a test of a deliberately buggy workflow
// expects rapid to find and shrink a failing case.
func checkFails(t *testing.T, prop func(*rapid.T)) *rapidCapture {
	t.Helper()
	c := &rapidCapture{name: t.Name()}
	rapid.Check(c, prop)
	c.removeFailFile()
	require.True(t, c.failed, "rapid found no failing case; its log:\n%s", strings.Join(c.logs, "\n"))
	return c
}

// rapidCapture is a rapid.TB that records rapid's report.
type rapidCapture struct {
	name   string
	mu     sync.Mutex
	failed bool
	errs   []string
	logs   []string
}

func (c *rapidCapture) Helper()      {}
func (c *rapidCapture) Name() string { return c.name }
func (c *rapidCapture) Logf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.logs = append(c.logs, fmt.Sprintf(format, args...))
}
func (c *rapidCapture) Log(args ...any) { c.Logf("%s", fmt.Sprint(args...)) }
func (c *rapidCapture) Errorf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.failed = true
	c.errs = append(c.errs, fmt.Sprintf(format, args...))
}
func (c *rapidCapture) Error(args ...any)                 { c.Errorf("%s", fmt.Sprint(args...)) }
func (c *rapidCapture) Fatalf(format string, args ...any) { c.Errorf(format, args...) }
func (c *rapidCapture) Fatal(args ...any)                 { c.Error(args...) }
func (c *rapidCapture) Fail()                             { c.Errorf("failed") }
func (c *rapidCapture) Failed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.failed
}

// FailNow is what rapid.Check calls last once it reported a failure; the
// capture has nothing to stop.
func (c *rapidCapture) FailNow() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.failed = true
}

func (c *rapidCapture) Skipf(format string, args ...any) {
	panic("rapidCapture: skip: " + fmt.Sprintf(format, args...))
}
func (c *rapidCapture) Skip(args ...any) { c.Skipf("%s", fmt.Sprint(args...)) }
func (c *rapidCapture) SkipNow()         { c.Skipf("SkipNow") }

var (
	rapidFailedAfter = regexp.MustCompile(`\[rapid\] failed after (\d+) tests`)
	rapidFailFile    = regexp.MustCompile(`-rapid\.failfile="([^"]+)"`)
)

// checks returns the number of the check that failed, as rapid reports
// it, or 0.
func (c *rapidCapture) checks() int {
	for _, e := range c.errs {
		if m := rapidFailedAfter.FindStringSubmatch(e); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n + 1
		}
	}
	return 0
}

func (c *rapidCapture) report() string { return strings.Join(c.errs, "\n") }

// removeFailFile removes the fail file rapid wrote for the deliberate
// failure, and its directories if that leaves them empty.
func (c *rapidCapture) removeFailFile() {
	for _, e := range c.errs {
		if m := rapidFailFile.FindStringSubmatch(e); m != nil {
			_ = os.Remove(m[1])
			for dir := filepath.Dir(m[1]); dir != "." && dir != ""; dir = filepath.Dir(dir) {
				if os.Remove(dir) != nil {
					break
				}
			}
		}
	}
}

func fzCharge(ctx context.Context) error { return nil }

// fzDeadlineWorkflow ships an order when its payment arrives before a
// deadline, and cancels it when the deadline comes first. Its bug: when
// both come at the same instant it ships if it happens to see the payment
// first, though the deadline has passed.
func fzDeadlineWorkflow(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	deadline := workflow.NewTimer(ctx, 10*time.Second)
	payment := workflow.ExecuteActivity(ctx, fzCharge)
	var outcome string
	sel := workflow.NewSelector(ctx)
	sel.AddFuture(payment, func(workflow.Future) { outcome = "shipped" })
	sel.AddFuture(deadline, func(workflow.Future) { outcome = "canceled" })
	sel.Select(ctx)
	return outcome, nil
}

// eventTime returns when the first event of type typ was recorded, as an
// offset from the start.
func eventTime(h *replay.History, typ replay.EventType) (time.Duration, bool) {
	for _, ev := range h.Events {
		if ev.EventType == typ {
			return ev.EventTime.Sub(testsuite.DefaultStartTime), true
		}
	}
	return 0, false
}

func TestExplorerFindsSameInstantRace(t *testing.T) {
	t.Parallel()
	prop := func(rt *rapid.T, env *testsuite.TestWorkflowEnvironment) {
		env.OnActivity(fzCharge, mock.Anything).Return(nil).After(10 * time.Second)
		env.ExecuteWorkflow(fzDeadlineWorkflow)
		var outcome string
		require.NoError(rt, env.GetWorkflowResult(&outcome))
		paid, _ := eventTime(env.History(), replay.EventTypeActivityTaskCompleted)
		if paid >= 10*time.Second && outcome != "canceled" {
			rt.Fatalf("paid at %v, on or after the deadline, and the order was %s", paid, outcome)
		}
	}
	// The fixed rule (schedule order: the deadline's timer first) hides the
	// bug.
	rapid.Check(t, func(rt *rapid.T) { prop(rt, testsuite.NewTestWorkflowEnvironment(rt)) })

	var last []testsuite.Choice
	c := checkFails(t, func(rt *rapid.T) {
		env := testsuite.NewTestWorkflowEnvironment(rt)
		env.SetExplorer(testsuite.RapidExplorer(rt))
		defer func() { last = env.Choices() }()
		prop(rt, env)
	})
	require.LessOrEqual(t, c.checks(), 100, c.report())
	// Shrunk to one choice: the payment first at the deadline's instant.
	require.Equal(t, []testsuite.Choice{{Kind: testsuite.ChoiceTie, Time: at(10 * time.Second), Among: 2, Picked: 1}}, nonDefault(last), "%v", last)
}

// nonDefault returns the choices that differ from the simulator's fixed
// rules: a tie or task order not in schedule order, a latency or jitter,
// a fault that happened.
func nonDefault(cs []testsuite.Choice) []testsuite.Choice {
	var out []testsuite.Choice
	for _, c := range cs {
		if c.Picked != 0 || c.Duration != 0 || c.Happened {
			out = append(out, c)
		}
	}
	return out
}

// fzLeakySaga is fzSaga with a bug: it compensates only when a booking
// failed for good by its own verdict (a non-retryable error), so a booking
// whose retries run out leaves the earlier bookings in place.
func fzLeakySaga(ctx workflow.Context, steps int) ([]string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Second,
		RetryPolicy:         &wfsim.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 2},
	})
	var booked []string
	for i := range steps {
		var id string
		if err := workflow.ExecuteActivity(ctx, "Book", i).Get(ctx, &id); err != nil {
			var appErr *wfsim.ApplicationError
			if errors.As(err, &appErr) && appErr.NonRetryable() {
				undo, _ := workflow.NewDisconnectedContext(ctx)
				for j := len(booked) - 1; j >= 0; j-- {
					_ = workflow.ExecuteActivity(undo, "Undo", booked[j]).Get(undo, nil)
				}
			}
			return booked, err
		}
		booked = append(booked, id)
	}
	return booked, nil
}

// sagaHolds checks a saga's property on its world: when the saga failed,
// every booking made was undone, newest first; when it completed, none was.
func sagaHolds(t require.TestingT, log []string, err error) {
	var booked, undone []string
	for _, l := range log {
		if id, ok := strings.CutPrefix(l, "book "); ok {
			booked = append(booked, id)
		} else if id, ok := strings.CutPrefix(l, "undo "); ok {
			undone = append(undone, id)
		}
	}
	if err == nil {
		require.Empty(t, undone, "the saga completed and undid bookings")
		return
	}
	slices.Reverse(booked)
	require.Equal(t, booked, undone, "the saga failed (%v): each booking must be undone, newest first", err)
}

func TestExplorerFindsSkippedCompensation(t *testing.T) {
	t.Parallel()
	var last []testsuite.Choice
	c := checkFails(t, func(rt *rapid.T) {
		b := &fzBooking{}
		env := testsuite.NewTestWorkflowEnvironment(rt)
		env.RegisterActivityWithOptions(b.Book, activityName("Book"))
		env.RegisterActivityWithOptions(b.Undo, activityName("Undo"))
		env.SetExplorer(testsuite.RapidExplorer(rt))
		env.SetFaults(testsuite.Faults{ActivityFailure: 0.5, ActivityLatency: 5 * time.Second})
		defer func() { last = env.Choices() }()
		env.ExecuteWorkflow(fzLeakySaga, 3)
		sagaHolds(rt, b.log, env.GetWorkflowError())
	})
	require.LessOrEqual(t, c.checks(), 100, c.report())
	// Shrunk to the two failed attempts of the second booking: no latency,
	// no other fault.
	faults := nonDefault(last)
	require.Len(t, faults, 2, "%v", faults)
	for i, f := range faults {
		require.Equal(t, testsuite.ChoiceFailure, f.Kind, "%v", f)
		require.Equal(t, "Book", f.ActivityType)
		require.Equal(t, faults[0].ScheduledEventID, f.ScheduledEventID, "both faults hit one booking")
		require.Equal(t, int32(i+1), f.Attempt)
	}
	require.Greater(t, faults[0].ScheduledEventID, int64(5), "the first booking failing leaves nothing to undo")
}

// TestSeedExplorerIsDeterministicInABubble checks the same in environments
// bound to a *testing.T, where real activities run in goroutines of a
// synctest bubble, with t.Parallel.
func TestSeedExplorerIsDeterministicInABubble(t *testing.T) {
	t.Parallel()
	const seeds = 10
	histories := make([][2]string, seeds)
	for seed := range uint64(seeds) {
		for i := range 2 {
			t.Run(fmt.Sprintf("%d/%d", seed, i), func(t *testing.T) {
				t.Parallel()
				b := &fzBooking{}
				env := testsuite.NewTestWorkflowEnvironment(t)
				env.RegisterActivityWithOptions(b.Book, activityName("Book"))
				env.RegisterActivityWithOptions(b.Undo, activityName("Undo"))
				env.SetExplorer(testsuite.SeedExplorer(seed))
				env.SetFaults(fzAllFaults)
				env.ExecuteWorkflow(fzSaga, 3)
				require.True(t, env.IsWorkflowCompleted())
				histories[seed][i] = string(historyJSON(t, env.History()))
			})
		}
	}
	t.Cleanup(func() {
		for seed, h := range histories {
			if h[0] == "" || h[0] != h[1] {
				t.Errorf("seed %d: two runs in bubbles recorded different histories", seed)
			}
		}
	})
}
