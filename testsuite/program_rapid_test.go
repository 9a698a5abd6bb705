package testsuite_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
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
// local activities, with updates arriving, a continue-as-new and a
// cancellation, run in the test environment. Each op's outcome and the
// virtual instant it ends at, and each update's, are checked against a
// model of the server's rules (program_model_test.go); the runs are
// recorded byte for byte the same twice, give the same outcomes explored
// with worker restarts, and their histories replay strictly against the
// program.
//
// progUpdate is an update the test sends at offset At with argument Arg,
// which the handler's validator rejects when negative.
type progUpdate struct {
	At  time.Duration
	Arg int
}

// progScenario is a program and what the test does to its run: signals,
// updates and, when CancelAt is not zero, a cancellation.
type progScenario struct {
	Ops      []progOp
	Signals  []time.Duration
	Updates  []progUpdate
	CancelAt time.Duration
	// Queries are when the test queries the outcomes so far.
	Queries []time.Duration
}

// progOutcome is what a run of a program gave.
type progOutcome struct {
	// Histories are the runs' histories as JSON.
	Histories [][]byte
	// Notes are the ops' outcomes: the result, or a cancellation's details.
	Notes    []string
	Canceled bool
	// Updates are what the updates gave, sorted.
	Updates []string
	// Queries are what the queries returned.
	Queries []string
}

// runProgram runs the scenario in a new environment, which setup (when not
// nil) may give an explorer and faults.
func runProgram(t *rapid.T, sc progScenario, setup func(*testsuite.TestWorkflowEnvironment)) progOutcome {
	ops := sc.Ops
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.FollowContinueAsNew(2)
	start := env.Now()
	var o progOutcome
	for k, u := range sc.Updates {
		env.RegisterDelayedCallback(func() {
			env.UpdateWorkflow("upd", fmt.Sprintf("u%d", k), &testsuite.TestUpdateCallback{
				OnReject: func(error) { o.Updates = append(o.Updates, fmt.Sprintf("u%d rejected@%v", k, env.Now().Sub(start))) },
				OnComplete: func(v any, err error) {
					at := env.Now().Sub(start)
					var abandoned *testsuite.UpdateAbandonedError
					switch {
					case errors.As(err, &abandoned):
						o.Updates = append(o.Updates, fmt.Sprintf("u%d abandoned@%v", k, at))
					case wfsim.IsCanceledError(err):
						o.Updates = append(o.Updates, fmt.Sprintf("u%d canceled@%v", k, at))
					case err != nil:
						t.Fatalf("update u%d failed: %v", k, err)
					default:
						o.Updates = append(o.Updates, fmt.Sprintf("u%d %v@%v", k, v, at))
					}
				},
			}, u.Arg)
		}, u.At)
	}
	if setup != nil {
		setup(env)
	}
	env.RegisterWorkflowWithOptions(progWorkflow(ops), workflow.RegisterOptions{Name: "Prog"})
	env.RegisterWorkflowWithOptions(progChild, workflow.RegisterOptions{Name: "ProgChild"})
	env.RegisterWorkflowWithOptions(progFailingChild, workflow.RegisterOptions{Name: "ProgFailingChild"})
	env.RegisterWorkflowWithOptions(progWaitingChild, workflow.RegisterOptions{Name: "ProgWaitingChild"})
	for i, op := range ops {
		if op.Kind == "nostart" {
			// Restricted to another queue: no worker takes it from "nobody".
			name := progActivityName(i, 0)
			env.RegisterActivityWithOptions(func(context.Context, int) (int, error) { return 0, nil }, activity.RegisterOptions{Name: name})
			env.SetActivityTaskQueue("elsewhere", name)
			continue
		}
		if op.Kind == "slowlocal" {
			name := progActivityName(i, 0)
			env.RegisterActivityWithOptions(func(_ context.Context, x int) (int, error) { return x + 200, nil }, activity.RegisterOptions{Name: name})
			env.OnActivity(name, mock.Anything, mock.Anything).Return(func(_ context.Context, x int) (int, error) { return x + 200, nil }).After(progSlowLocal).Maybe()
			continue
		}
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
			}).After(a.Takes).Maybe() // a canceled program may not reach it
		}
	}
	for k, at := range sc.Signals {
		env.RegisterDelayedCallback(func() { env.SignalWorkflow("sig", fmt.Sprintf("s%d", k)) }, at)
	}
	if sc.CancelAt > 0 {
		env.RegisterDelayedCallback(env.CancelWorkflow, sc.CancelAt)
	}
	for k, at := range sc.Queries {
		env.RegisterDelayedCallback(func() {
			v, err := env.QueryWorkflow("notes")
			if err != nil {
				t.Fatalf("query q%d: %v", k, err)
			}
			var notes []string
			if err := v.Get(&notes); err != nil {
				t.Fatal(err)
			}
			o.Queries = append(o.Queries, fmt.Sprintf("q%d %v", k, notes))
		}, at)
	}
	env.ExecuteWorkflow("Prog")
	if !env.IsWorkflowCompleted() {
		t.Fatalf("the program did not complete")
	}
	var ce *wfsim.CanceledError
	switch err := env.GetWorkflowError(); {
	case errors.As(err, &ce):
		o.Canceled = true
		if err := ce.Details(&o.Notes); err != nil {
			t.Fatal(err)
		}
	case err != nil:
		t.Fatalf("the program failed: %v", err)
	default:
		if err := env.GetWorkflowResult(&o.Notes); err != nil {
			t.Fatal(err)
		}
	}
	for _, h := range env.Histories(env.WorkflowIDs()[0]) {
		var buf bytes.Buffer
		if err := h.WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		o.Histories = append(o.Histories, buf.Bytes())
	}
	slices.Sort(o.Updates)
	return o
}

// genScenario draws a scenario. No two things whose order would change an
// outcome share an instant: every duration is a multiple of 10 s (whole
// minutes, 100 s, schedule-to-close deadlines on half minutes), and signal
// k comes 1+7k seconds past a minute (k < 3), so that everything the
// program does falls on seconds that end in 0, 1, 5 or 8 and no two
// signals, and no signal and a timer a race could see, share an instant,
// whichever signals the races took before; a continue-as-new at 0 waits
// until 1 s. Updates come at seconds ending in 4 (queries at 44) and a
// cancellation at seconds ending in 7.
func genScenario(t *rapid.T) progScenario {
	var sc progScenario
	sc.Ops = make([]progOp, rapid.IntRange(1, 8).Draw(t, "ops"))
	for i := range sc.Ops {
		sc.Ops[i] = genProgOp(t, fmt.Sprintf("op %d", i))
	}
	if rapid.IntRange(0, 3).Draw(t, "continue as new") == 0 {
		sc.Ops = append(sc.Ops, progOp{Kind: "can"})
	}
	minute := func(label string) time.Duration {
		return time.Duration(rapid.IntRange(0, 90).Draw(t, label)) * time.Minute
	}
	for k := range rapid.IntRange(0, 3).Draw(t, "signals") {
		sc.Signals = append(sc.Signals, minute("signal minute")+time.Duration(1+7*k)*time.Second)
	}
	slices.Sort(sc.Signals)
	for k := range rapid.IntRange(0, 3).Draw(t, "updates") {
		at := minute("update minute") + time.Duration(4+10*k)*time.Second
		sc.Updates = append(sc.Updates, progUpdate{At: at, Arg: rapid.IntRange(-1, 5).Draw(t, "update argument")})
	}
	slices.SortFunc(sc.Updates, func(a, b progUpdate) int { return int(a.At - b.At) })
	if rapid.IntRange(0, 2).Draw(t, "cancel") == 0 {
		sc.CancelAt = minute("cancel minute") + 7*time.Second
	}
	for range rapid.IntRange(0, 2).Draw(t, "queries") {
		sc.Queries = append(sc.Queries, minute("query minute")+44*time.Second)
	}
	slices.Sort(sc.Queries)
	if slices.ContainsFunc(sc.Ops, func(op progOp) bool { return op.Kind == "slowlocal" }) {
		// An update or a cancellation that arrives while a slow local
		// activity holds the task open reaches the workflow at the
		// task's next heartbeat or end, which the model does not
		// follow (TestLocalActivityHoldsTheTaskOpen does); signals
		// wait there too, and reach the races after as before.
		sc.Updates, sc.CancelAt = nil, 0
	}
	return sc
}

func TestRandomProgramsFollowTheServersRules(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		sc := genScenario(t)
		want := predict(sc)
		got := runProgram(t, sc, nil)
		if !slices.Equal(got.Notes, want.Notes) || got.Canceled != want.Canceled {
			t.Fatalf("scenario %+v:\n got %v (canceled %v)\nwant %v (canceled %v)", sc, got.Notes, got.Canceled, want.Notes, want.Canceled)
		}
		if !slices.Equal(got.Updates, want.Updates) {
			t.Fatalf("scenario %+v, updates:\n got %v\nwant %v", sc, got.Updates, want.Updates)
		}
		if !slices.Equal(got.Queries, want.Queries) {
			t.Fatalf("scenario %+v, queries:\n got %v\nwant %v", sc, got.Queries, want.Queries)
		}
		again := runProgram(t, sc, nil)
		if !slices.EqualFunc(got.Histories, again.Histories, bytes.Equal) {
			t.Fatalf("scenario %+v: two runs recorded different histories", sc)
		}
		// Nothing happens at one instant that the order of tasks could
		// change, and the program keeps no state a restart loses.
		// The order of tasks due at one instant drawn, and worker restarts.
		restarts := func(env *testsuite.TestWorkflowEnvironment) {
			env.SetExplorer(testsuite.RapidExplorer(t))
			env.SetFaults(testsuite.Faults{WorkerRestart: 0.3})
		}
		if explored := runProgram(t, sc, restarts); !slices.Equal(explored.Notes, want.Notes) || explored.Canceled != want.Canceled {
			t.Fatalf("scenario %+v, explored with restarts:\n got %v (canceled %v)\nwant %v", sc, explored.Notes, explored.Canceled, want.Notes)
		}
		replayStrictly(t, sc, got.Histories)
	})
}

// TestRandomProgramsUnderFaults: with every fault the explorer injects —
// activity latency, failures and hangs, worker restarts, jittered signals,
// updates and cancellation — a random program still completes (or is
// canceled), the same seed records the same histories byte for byte, and
// every history replays strictly against the program: faults keep the
// server's rules.
func TestRandomProgramsUnderFaults(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		sc := genScenario(t)
		seed := rapid.Uint64().Draw(t, "seed")
		faulty := func(env *testsuite.TestWorkflowEnvironment) {
			env.SetExplorer(testsuite.SeedExplorer(seed))
			env.SetFaults(testsuite.Faults{ActivityLatency: 10 * time.Minute, ActivityFailure: 0.3, ActivityHang: 0.2,
				WorkerRestart: 0.3, Jitter: 5 * time.Minute})
		}
		got := runProgram(t, sc, faulty)
		again := runProgram(t, sc, faulty)
		if !slices.EqualFunc(got.Histories, again.Histories, bytes.Equal) || !slices.Equal(got.Notes, again.Notes) {
			t.Fatalf("scenario %+v, seed %d: two runs recorded different histories", sc, seed)
		}
		replayStrictly(t, sc, got.Histories)
	})
}

// replayStrictly replays the histories of the runs of the program (not
// its children's) in strict mode.
func replayStrictly(t *rapid.T, sc progScenario, histories [][]byte) {
	r, err := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	r.RegisterWorkflowWithOptions(progWorkflow(sc.Ops), workflow.RegisterOptions{Name: "Prog"})
	for i, history := range histories {
		h, err := replay.ReadHistory(bytes.NewReader(history))
		if err != nil {
			t.Fatal(err)
		}
		if err := r.ReplayWorkflowHistory(nil, h); err != nil {
			t.Fatalf("scenario %+v: strict replay of run %d's history: %v", sc, i+1, err)
		}
	}
}
