package workflow_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// wantRandom computes, without wfsim, the first n values of the stream
// name of run runID as Temporal's SDK defines it: ChaCha8 seeded with the
// SHA-256 of "temporal.sdk.random.v1", runID and name joined by NUL bytes,
// each value 8 bytes of the stream, little-endian.
func wantRandom(runID, name string, n int) []uint64 {
	c := rand.NewChaCha8(sha256.Sum256([]byte("temporal.sdk.random.v1\x00" + runID + "\x00" + name)))
	out := make([]uint64, n)
	for i := range out {
		var b [8]byte
		_, _ = c.Read(b[:])
		out[i] = binary.LittleEndian.Uint64(b[:])
	}
	return out
}

func TestGetRandomStreamKnownValues(t *testing.T) {
	t.Parallel()
	type got struct {
		RunID        string
		First, Again []uint64
		Bytes        []byte
		After        uint64
		Other        uint64
	}
	wf := func(ctx workflow.Context) (got, error) {
		var g got
		g.RunID = workflow.GetInfo(ctx).WorkflowExecution.RunID
		r := workflow.GetRandomStream(ctx, "jitter")
		g.First = []uint64{r.Uint64(), r.Uint64()}
		g.Bytes = make([]byte, 5)
		if _, err := r.Read(g.Bytes); err != nil {
			return g, err
		}
		g.After = r.Uint64()
		g.Other = workflow.GetRandomStream(ctx, "other").Uint64()
		return g, nil
	}
	g := result[got](t, wf)
	require.Equal(t, "default-test-run-id", g.RunID)
	// The values the same workflow gets in Temporal's test environment
	// (SDK v1.51.0), whose run has this ID too.
	assert.Equal(t, []uint64{0xcb16781869bf167e, 0xf63d96cba640d508}, g.First)
	assert.Equal(t, []byte{0x1d, 0x4a, 0x93, 0x6f, 0x80}, g.Bytes)
	assert.Equal(t, uint64(0x64708ba3a516c7ab), g.After, "a Read of 5 bytes moves the stream by 5 bytes")
	assert.Equal(t, uint64(0x5c7e184b52dddee3), g.Other)
	// The same, computed from the definition.
	assert.Equal(t, wantRandom("default-test-run-id", "jitter", 2), g.First)
	assert.Equal(t, wantRandom("default-test-run-id", "other", 1)[0], g.Other)
}

func TestGetRandomStreamSameNameSameStream(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]uint64, error) {
		a := workflow.GetRandomStream(ctx, "a")
		v := []uint64{a.Uint64()}
		// Another name in between does not move "a".
		_ = workflow.GetRandomStream(ctx, "b").Uint64()
		again := workflow.GetRandomStream(ctx, "a")
		if again != a {
			return nil, fmt.Errorf("a second GetRandomStream(a) returned another stream")
		}
		v = append(v, again.Uint64())
		// Nor does another coroutine's use of the stream, apart from
		// taking its next value.
		workflow.Go(ctx, func(ctx workflow.Context) { v = append(v, workflow.GetRandomStream(ctx, "a").Uint64()) })
		if err := workflow.Sleep(ctx, time.Second); err != nil {
			return nil, err
		}
		return append(v, a.Uint64()), nil
	}
	assert.Equal(t, wantRandom("default-test-run-id", "a", 4), result[[]uint64](t, wf))
}

func TestGetRandomStreamNamesIndependent(t *testing.T) {
	t.Parallel()
	names := []string{"", "a", "b", "ab", "a\x00b"}
	wf := func(ctx workflow.Context) (map[string]uint64, error) {
		out := map[string]uint64{}
		for _, n := range names {
			out[n] = workflow.GetRandomStream(ctx, n).Uint64()
		}
		return out, nil
	}
	got := result[map[string]uint64](t, wf)
	seen := map[uint64]string{}
	for _, n := range names {
		assert.Equal(t, wantRandom("default-test-run-id", n, 1)[0], got[n], "stream %q", n)
		if other, dup := seen[got[n]]; dup {
			t.Errorf("streams %q and %q start with the same value", other, n)
		}
		seen[got[n]] = n
	}
}

func TestGetRandomStreamWithRand(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (int, error) {
		return rand.New(workflow.GetRandomStream(ctx, "dice")).IntN(6), nil
	}
	want := rand.New(rand.NewChaCha8(sha256.Sum256([]byte("temporal.sdk.random.v1\x00default-test-run-id\x00dice")))).IntN(6)
	assert.Equal(t, want, result[int](t, wf))
}

// randomProbe records, by run ID, the first value of stream "s" of each run
// it runs in; how the run ends depends on mode.
type randomProbe struct{ seen map[string]uint64 }

func (p *randomProbe) Run(ctx workflow.Context, mode string) error {
	info := workflow.GetInfo(ctx)
	p.seen[info.WorkflowExecution.RunID] = workflow.GetRandomStream(ctx, "s").Uint64()
	switch {
	case mode == "can" && info.ContinuedExecutionRunID == "":
		return workflow.NewContinueAsNewError(ctx, "Run", mode)
	case mode == "retry" && info.Attempt == 1:
		return wfsim.NewApplicationError("first attempt fails", "Retry")
	case mode == "cron":
		return nil
	}
	return nil
}

// Parent runs the probe as a child three ways: retried once, continued as
// new once, and on a cron schedule (two runs in the parent's 2 hours).
func (p *randomProbe) Parent(ctx workflow.Context) error {
	p.seen[workflow.GetInfo(ctx).WorkflowExecution.RunID] = workflow.GetRandomStream(ctx, "s").Uint64()
	opts := func(id string) workflow.Context {
		return workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: id,
			RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 2, InitialInterval: time.Second}})
	}
	if err := workflow.ExecuteChildWorkflow(opts("retry"), "Run", "retry").Get(ctx, nil); err != nil {
		return err
	}
	if err := workflow.ExecuteChildWorkflow(opts("can"), "Run", "can").Get(ctx, nil); err != nil {
		return err
	}
	cron := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "cron", CronSchedule: "0 * * * *"})
	workflow.ExecuteChildWorkflow(cron, "Run", "cron")
	return workflow.Sleep(ctx, 2*time.Hour)
}

// TestGetRandomStreamRunIDs checks that every run draws from the streams of
// its own run ID, the originalExecutionRunId of its started event: a
// child, a retried run, a continued-as-new run and a cron run each have a
// new one. (Every history is also replayed at the end of the test.)
func TestGetRandomStreamRunIDs(t *testing.T) {
	t.Parallel()
	p := &randomProbe{seen: map[string]uint64{}}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(p.Run, workflow.RegisterOptions{Name: "Run"})
	env.RegisterWorkflowWithOptions(p.Parent, workflow.RegisterOptions{Name: "Parent"})
	env.ExecuteWorkflow("Parent")
	require.NoError(t, env.GetWorkflowError())

	runs := 0
	for _, id := range env.WorkflowIDs() {
		for _, h := range env.Histories(id) {
			runs++
			runID := h.Events[0].GetWorkflowExecutionStartedEventAttributes().OriginalExecutionRunID
			got, ok := p.seen[runID]
			if !ok {
				continue // a cron run still waiting for its time
			}
			assert.Equal(t, wantRandom(runID, "s", 1)[0], got, "workflow %s run %s", id, runID)
		}
	}
	// parent, retry ×2, can ×2, and the cron runs that ran.
	assert.GreaterOrEqual(t, len(p.seen), 7, "runs seen: %v", p.seen)
	assert.Equal(t, runs, len(p.seen)+1, "every run but the last cron run (waiting) drew a value")
}

// pickActivity schedules the activity its stream "pick" names, so that its
// history records which one the stream chose.
func pickActivity(ctx workflow.Context) error {
	names := []string{"A", "B", "C", "D", "E", "F", "G", "H"}
	n := names[rand.New(workflow.GetRandomStream(ctx, "pick")).IntN(len(names))]
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	return workflow.ExecuteActivity(ctx, n).Get(ctx, nil)
}

// pickedName is the activity pickActivity schedules in run runID.
func pickedName(runID string) string {
	names := []string{"A", "B", "C", "D", "E", "F", "G", "H"}
	return names[rand.New(rand.NewChaCha8(sha256.Sum256([]byte("temporal.sdk.random.v1\x00"+runID+"\x00pick")))).IntN(len(names))]
}

// recordPick runs pickActivity, with the activities it picks from, and
// returns the history.
func recordPick(t *testing.T) *replay.History {
	t.Helper()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(pickActivity, workflow.RegisterOptions{Name: "Pick"})
	for _, n := range []string{"A", "B", "C", "D", "E", "F", "G", "H"} {
		env.RegisterActivityWithOptions(func(context.Context) error { return nil }, activity.RegisterOptions{Name: n})
	}
	env.ExecuteWorkflow("Pick")
	require.NoError(t, env.GetWorkflowError())
	return env.History()
}

// TestGetRandomStreamReplay records a history whose commands depend on the
// stream, replays it, and replays it as another run's (its
// originalExecutionRunId changed), which chose another activity: a
// nondeterminism error.
func TestGetRandomStreamReplay(t *testing.T) {
	t.Parallel()
	h := recordPick(t)
	sched := h.Events[4].GetActivityTaskScheduledEventAttributes()
	require.NotNil(t, sched)
	require.Equal(t, pickedName("default-test-run-id"), sched.ActivityType.Name)

	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflowWithOptions(pickActivity, workflow.RegisterOptions{Name: "Pick"})
	require.NoError(t, rp.ReplayWorkflowHistory(nil, h))

	other := "run-3"
	require.NotEqual(t, pickedName("default-test-run-id"), pickedName(other), "pick a run ID that chooses another activity")
	h2, err := replay.ReadHistory(strings.NewReader(strings.Replace(historyJSON(t, h), `"originalExecutionRunId": "default-test-run-id"`, `"originalExecutionRunId": "`+other+`"`, 1)))
	require.NoError(t, err)
	var nd *replay.NondeterminismError
	require.ErrorAs(t, rp.ReplayWorkflowHistory(nil, h2), &nd)
}

// TestGetRandomStreamReplayRunID: a replay's streams derive from the
// history's originalExecutionRunId, as Temporal's: not from a run ID given
// to the replayer, and from "" when the history records none.
func TestGetRandomStreamReplayRunID(t *testing.T) {
	t.Parallel()
	text := historyJSON(t, recordPick(t))
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflowWithOptions(pickActivity, workflow.RegisterOptions{Name: "Pick"})

	require.NotEqual(t, pickedName("default-test-run-id"), pickedName("run-3"))
	h, err := replay.ReadHistory(strings.NewReader(text))
	require.NoError(t, err)
	err = rp.ReplayWorkflowHistoryWithOptions(nil, h, replay.ReplayWorkflowHistoryOptions{
		OriginalExecution: workflow.WorkflowExecution{ID: "w", RunID: "run-3"}})
	require.NoError(t, err, "the run ID given does not seed the streams")

	require.NotEqual(t, pickedName("default-test-run-id"), pickedName(""))
	none := strings.Replace(text, `"originalExecutionRunId": "default-test-run-id",`, "", 1)
	require.Equal(t, 1, strings.Count(none, `"name": "`+pickedName("default-test-run-id")+`"`))
	none = strings.Replace(none, `"name": "`+pickedName("default-test-run-id")+`"`, `"name": "`+pickedName("")+`"`, 1)
	require.NotContains(t, none, "originalExecutionRunId")
	require.Contains(t, none, `"name": "`+pickedName("")+`"`)
	h, err = replay.ReadHistory(strings.NewReader(none))
	require.NoError(t, err)
	require.NoError(t, rp.ReplayWorkflowHistory(nil, h), "no originalExecutionRunId: the streams of run ID \"\"")
}

// TestGetRandomStreamReset replays the history of a reset run: its
// streams start from the original run's ID and are reseeded with the new
// run's where the history's WorkflowTaskFailed event of cause
// ResetWorkflow is, as Temporal's SDK does, also for a stream taken
// before the reset point.
func TestGetRandomStreamReset(t *testing.T) {
	t.Parallel()
	var before, after uint64
	wf := func(ctx workflow.Context) error {
		r := workflow.GetRandomStream(ctx, "pick")
		before = r.Uint64()
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return err
		}
		after = r.Uint64()
		return pickActivity(ctx)
	}
	const resetHistory = `{"events":[
{"eventId":"1","eventTime":"2000-01-01T00:00:00Z","eventType":"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED","workflowExecutionStartedEventAttributes":{"workflowType":{"name":"Reset"},"taskQueue":{"name":"q"},"workflowTaskTimeout":"10s","originalExecutionRunId":"run-A","firstExecutionRunId":"run-A","attempt":1}},
{"eventId":"2","eventTime":"2000-01-01T00:00:00Z","eventType":"EVENT_TYPE_WORKFLOW_TASK_SCHEDULED","workflowTaskScheduledEventAttributes":{"taskQueue":{"name":"q"},"startToCloseTimeout":"10s","attempt":1}},
{"eventId":"3","eventTime":"2000-01-01T00:00:00Z","eventType":"EVENT_TYPE_WORKFLOW_TASK_STARTED","workflowTaskStartedEventAttributes":{"scheduledEventId":"2"}},
{"eventId":"4","eventTime":"2000-01-01T00:00:00Z","eventType":"EVENT_TYPE_WORKFLOW_TASK_COMPLETED","workflowTaskCompletedEventAttributes":{"scheduledEventId":"2","startedEventId":"3"}},
{"eventId":"5","eventTime":"2000-01-01T00:00:00Z","eventType":"EVENT_TYPE_TIMER_STARTED","timerStartedEventAttributes":{"timerId":"5","startToFireTimeout":"60s","workflowTaskCompletedEventId":"4"}},
{"eventId":"6","eventTime":"2000-01-01T00:01:00Z","eventType":"EVENT_TYPE_TIMER_FIRED","timerFiredEventAttributes":{"timerId":"5","startedEventId":"5"}},
{"eventId":"7","eventTime":"2000-01-01T00:01:00Z","eventType":"EVENT_TYPE_WORKFLOW_TASK_SCHEDULED","workflowTaskScheduledEventAttributes":{"taskQueue":{"name":"q"},"startToCloseTimeout":"10s","attempt":1}},
{"eventId":"8","eventTime":"2000-01-01T00:01:00Z","eventType":"EVENT_TYPE_WORKFLOW_TASK_STARTED","workflowTaskStartedEventAttributes":{"scheduledEventId":"7"}},
{"eventId":"9","eventTime":"2000-01-01T00:01:00Z","eventType":"EVENT_TYPE_WORKFLOW_TASK_FAILED","workflowTaskFailedEventAttributes":{"scheduledEventId":"7","startedEventId":"8","cause":"WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW","newRunId":"run-B"}},
{"eventId":"10","eventTime":"2000-01-01T00:01:00Z","eventType":"EVENT_TYPE_WORKFLOW_TASK_SCHEDULED","workflowTaskScheduledEventAttributes":{"taskQueue":{"name":"q"},"startToCloseTimeout":"10s","attempt":1}},
{"eventId":"11","eventTime":"2000-01-01T00:01:00Z","eventType":"EVENT_TYPE_WORKFLOW_TASK_STARTED","workflowTaskStartedEventAttributes":{"scheduledEventId":"10"}},
{"eventId":"12","eventTime":"2000-01-01T00:01:00Z","eventType":"EVENT_TYPE_WORKFLOW_TASK_COMPLETED","workflowTaskCompletedEventAttributes":{"scheduledEventId":"10","startedEventId":"11"}},
{"eventId":"13","eventTime":"2000-01-01T00:01:00Z","eventType":"EVENT_TYPE_ACTIVITY_TASK_SCHEDULED","activityTaskScheduledEventAttributes":{"activityId":"13","activityType":{"name":"ACTIVITY"},"taskQueue":{"name":"q"},"startToCloseTimeout":"60s","workflowTaskCompletedEventId":"12"}}
]}`
	pick := func(runID string) string {
		return strings.Replace(resetHistory, `"name":"ACTIVITY"`, `"name":"`+pickedName(runID)+`"`, 1)
	}
	require.NotEqual(t, pickedName("run-A"), pickedName("run-B"), "pick run IDs that choose different activities")
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Reset"})

	h, err := replay.ReadHistory(strings.NewReader(pick("run-B")))
	require.NoError(t, err)
	require.NoError(t, rp.ReplayWorkflowHistory(nil, h))
	assert.Equal(t, wantRandom("run-A", "pick", 1)[0], before, "before the reset point: the original run's stream")
	assert.Equal(t, wantRandom("run-B", "pick", 1)[0], after, "after it: the new run's, from its start")

	h, err = replay.ReadHistory(strings.NewReader(pick("run-A")))
	require.NoError(t, err)
	var nd *replay.NondeterminismError
	require.ErrorAs(t, rp.ReplayWorkflowHistory(nil, h), &nd, "the activity the original run's stream picks is not what the reset run does")
}

// historyJSON is h in Temporal's JSON.
func historyJSON(t *testing.T, h *replay.History) string {
	t.Helper()
	var b strings.Builder
	require.NoError(t, h.WriteJSON(&b))
	return b.String()
}

func ExampleGetRandomStream() {
	wf := func(ctx workflow.Context) (string, error) {
		// A random delay before each retry, the same when the run replays.
		jitter := rand.New(workflow.GetRandomStream(ctx, "jitter"))
		var waits []time.Duration
		for range 3 {
			d := time.Duration(jitter.IntN(60)) * time.Second
			if err := workflow.Sleep(ctx, d); err != nil {
				return "", err
			}
			waits = append(waits, d)
		}
		// Random bytes: GetRandomStream is an io.Reader too.
		var id [4]byte
		_, _ = workflow.GetRandomStream(ctx, "ids").Read(id[:])
		return fmt.Sprintf("waited %v; id %x", waits, id), nil
	}
	runExample(wf)
	// Output: waited [47s 57s 5s]; id d2c52391
}
