package replay_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// Histories of temporalio/sdk-go's test/replaytests (MIT license) that the
// shared reference corpus lacks, kept in testdata/sdkgo-replaytests: updates
// (several at once, with a validator, across a reset, completing with the
// run), a child canceled while an update runs, a schedule's memo, a local
// activity under a codec, version markers across many workflow tasks, and a
// deadlocked workflow. Each is replayed against a port of the workflow its
// upstream test registers, with Temporal's outcome; mutated ports must be
// nondeterministic where Temporal's replayer says so.

const sdkgoMoreDir = "testdata/sdkgo-replaytests"

// counterWorkflow adds to a counter in an update validated as non-negative,
// sleeping a second in each, until signaled "done".
func counterWorkflow(ctx workflow.Context) (int, error) {
	counter := 0
	add := func(ctx workflow.Context, i int) (int, error) {
		before := counter
		counter += i
		_ = workflow.Sleep(ctx, time.Second)
		return before, nil
	}
	nonNegative := func(ctx workflow.Context, i int) error {
		if i < 0 {
			return fmt.Errorf("addend must be non-negative (%v)", i)
		}
		return nil
	}
	if err := workflow.SetUpdateHandlerWithOptions(ctx, "fetch_and_add", add, workflow.UpdateHandlerOptions{Validator: nonNegative}); err != nil {
		return 0, err
	}
	workflow.GetSignalChannel(ctx, "done").Receive(ctx, nil)
	return counter, ctx.Err()
}

// multipleUpdates registers three update handlers (an activity, a sleep,
// nothing) and ends when none is running; echo names the echo handler's
// activity, so a mutation can rename it.
func multipleUpdates(echo string) func(ctx workflow.Context) (int, error) {
	return func(ctx workflow.Context) (int, error) {
		inflight, ran := 0, 0
		track := func(body func(ctx workflow.Context) error) func(ctx workflow.Context) error {
			return func(ctx workflow.Context) error {
				inflight++
				ran++
				defer func() { inflight-- }()
				return body(ctx)
			}
		}
		_ = workflow.SetUpdateHandler(ctx, "echo", track(func(ctx workflow.Context) error {
			ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
				ScheduleToStartTimeout: 5 * time.Second,
				ScheduleToCloseTimeout: 5 * time.Second,
				StartToCloseTimeout:    9 * time.Second,
			})
			return workflow.ExecuteActivity(ctx, echo, 1, 1).Get(ctx, nil)
		}))
		_ = workflow.SetUpdateHandler(ctx, "sleep", track(func(ctx workflow.Context) error {
			return workflow.Sleep(ctx, time.Second)
		}))
		_ = workflow.SetUpdateHandler(ctx, "empty", track(func(ctx workflow.Context) error {
			return ctx.Err()
		}))
		if err := workflow.Await(ctx, func() bool { return inflight == 0 }); err != nil {
			return 0, err
		}
		return ran, nil
	}
}

// updateAndExit ends the run in the update's own task, after sleeping for
// the update's duration when it is not zero.
func updateAndExit(ctx workflow.Context) error {
	done := workflow.NewChannel(ctx)
	if err := workflow.SetUpdateHandler(ctx, "update", func(ctx workflow.Context, d time.Duration) error {
		if d != 0 {
			_ = workflow.Sleep(ctx, d)
		}
		done.Close()
		return nil
	}); err != nil {
		return err
	}
	done.Receive(ctx, nil)
	return ctx.Err()
}

// childCancelWithUpdate starts a child and cancels it at once, while an
// update handler runs an activity.
func childCancelWithUpdate(ctx workflow.Context) error {
	if err := workflow.SetUpdateHandler(ctx, "update", func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 5 * time.Second})
		return workflow.ExecuteActivity(ctx, "helloworldActivity", "world", time.Second).Get(ctx, nil)
	}); err != nil {
		return err
	}
	childCtx, cancel := workflow.WithCancel(ctx)
	childCtx = workflow.WithChildOptions(childCtx, workflow.ChildWorkflowOptions{WorkflowExecutionTimeout: 30 * time.Second})
	child := workflow.ExecuteChildWorkflow(childCtx, "ChildWorkflowWaitOnSignal")
	cancel()
	_ = child.GetChildWorkflowExecution().Get(ctx, nil)
	workflow.GetSignalChannel(ctx, "shutdown").Receive(ctx, nil)
	return nil
}

func childWaitOnSignal(ctx workflow.Context) error {
	workflow.GetSignalChannel(ctx, "unblock").Receive(ctx, nil)
	return nil
}

// scheduleMemo reads the memo a schedule set, which must be JSON.
func scheduleMemo(ctx workflow.Context) (string, error) {
	p, ok := workflow.GetInfo(ctx).Memo.Fields["schedule-memo-key"]
	if !ok {
		return "", errors.New("memo key 'schedule-memo-key' not found")
	}
	var v string
	if err := converter.NewJSONPayloadConverter().FromPayload(p, &v); err != nil {
		return "", fmt.Errorf("failed to decode memo with JSON converter: %w", err)
	}
	return "schedule-read-memo: " + v, nil
}

// versionLoopTasks asks for a version per iteration, each in its own
// workflow task.
func versionLoopTasks(ctx workflow.Context, changeID string, iterations int) error {
	for i := range iterations {
		workflow.GetVersion(ctx, fmt.Sprintf("%s:%d", changeID, i), workflow.DefaultVersion, 1)
		if err := workflow.Sleep(ctx, time.Millisecond); err != nil {
			return err
		}
	}
	return nil
}

// deadlocked holds its workflow task past the deadlock detector's second.
func deadlocked(ctx workflow.Context, _ string) error {
	time.Sleep(1100 * time.Millisecond)
	return nil
}

// sdkgoMoreCase is one replay of one history: the ports registered, and
// Temporal's outcome (nil: accepted).
type sdkgoMoreCase struct {
	name     string
	file     string
	register map[string]any
	opts     replay.WorkflowReplayerOptions
	// nondeterminism, when set, is text Temporal's message holds.
	nondeterminism string
	// check makes further assertions on the outcome.
	check func(t *testing.T, err error)
}

func sdkgoMoreCases() []sdkgoMoreCase {
	updates := map[string]any{"UpdateWorkflow": updateWorkflow, "UpdateAndExit": updateAndExit}
	return []sdkgoMoreCase{
		{name: "upsert memo", file: "upsert-memo-workflow.json", register: map[string]any{"UpsertMemoWorkflow": upsertMemoWorkflow}},
		{name: "memo not upserted after the activity", file: "bad-upsert-memo-workflow.json",
			register:       map[string]any{"UpsertMemoWorkflow": upsertMemoWorkflow},
			nondeterminism: "nondeterministic workflow: extra replay command for ModifyWorkflowProperties"},
		{name: "search attribute not upserted before the activity", file: "bad-search-attribute-2.json",
			register:       map[string]any{"UpsertSearchAttributesWorkflow": upsertSearchAttributesWorkflow},
			nondeterminism: "lookup failed for scheduledEventID to activityID: scheduleEventID: 5"},
		// Upstream replays it through a codec that checks a signature made
		// from the serialization context (workflow ID, activity type);
		// wfsim's converter has no serialization context, and the default
		// one reads the json/plain payloads past their extra metadata.
		{name: "local activity under a signing codec", file: "local-activity-serialization-context.json",
			register: map[string]any{"LocalActivityWorkflow": localActivityWorkflow}},
		{name: "version loop, legacy markers", file: "version-loop-workflow-legacy-10.json", register: map[string]any{"VersionLoopWorkflow": versionLoop}},
		{name: "version loop across tasks", file: "workflow_loop_task.json", register: map[string]any{"VersionLoopWorkflowMultipleTasks": versionLoopTasks}},
		{name: "version loop across tasks, version 1 no longer supported", file: "workflow_loop_task.json",
			register: map[string]any{"VersionLoopWorkflowMultipleTasks": func(ctx workflow.Context, changeID string, iterations int) error {
				for i := range iterations {
					workflow.GetVersion(ctx, fmt.Sprintf("%s:%d", changeID, i), 2, 2)
					if err := workflow.Sleep(ctx, time.Millisecond); err != nil {
						return err
					}
				}
				return nil
			}},
			nondeterminism: "Workflow code removed support of version 1. for \"very very very very long workflow version id:0\" changeID. The oldest supported version is 2"},
		{name: "update accepted and completed with the run", file: "update_accept_and_complete_and_exit.json", register: updates},
		{name: "update completed with the run", file: "update_complete_and_exit.json", register: updates},
		{name: "several updates", file: "multiple-updates.json", register: map[string]any{"MultipleUpdateWorkflow": multipleUpdates("Echo")}},
		{name: "several updates, canceled", file: "multiple-updates-canceled.json", register: map[string]any{"MultipleUpdateWorkflow": multipleUpdates("Echo")}},
		{name: "several updates, another activity", file: "multiple-updates.json",
			register:       map[string]any{"MultipleUpdateWorkflow": multipleUpdates("Echo2")},
			nondeterminism: "[TMPRL1100]",
			check: func(t *testing.T, err error) {
				var nd *replay.NondeterminismError
				require.ErrorAs(t, err, &nd)
				require.NotNil(t, nd.History)
				require.NotNil(t, nd.Code)
				assert.Equal(t, "Echo", nd.History.Name)
				assert.Equal(t, "Echo2", nd.Code.Name)
			}},
		{name: "update accepted across a reset", file: "update-reset-accepted.json", register: map[string]any{"CounterWorkflow": counterWorkflow}},
		{name: "update rejected across a reset", file: "update-reset-rejected.json", register: map[string]any{"CounterWorkflow": counterWorkflow}},
		{name: "child canceled while an update runs", file: "child-workflow-cancel-with-update.json",
			register: map[string]any{"ChildWorkflowCancelWithUpdate": childCancelWithUpdate, "ChildWorkflowWaitOnSignal": childWaitOnSignal}},
		{name: "selector blocking in its default branch", file: "selector-blocking-default.json",
			register: map[string]any{"SelectorBlockingDefaultWorkflow": selectorBlockingDefault}},
		{name: "memo of a schedule", file: "memo-schedule-json.json", register: map[string]any{"ScheduleMemoWorkflowJSON": scheduleMemo}},
		// Temporal's limit holds for each time a coroutine runs: code that
		// sleeps 1.1s and then returns fails the replay all the same.
		{name: "deadlocked", file: "deadlocked-workflow.json", register: map[string]any{"DeadlockedWorkflow": deadlocked},
			check: func(t *testing.T, err error) {
				var pe *replay.PanicError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, `[TMPRL1101] Potential deadlock detected: workflow goroutine "root" didn't yield for over 1s`, pe.Value)
				assert.Equal(t, int64(3), pe.EventID)
			}},
		{name: "deadlocked, detection off", file: "deadlocked-workflow.json", register: map[string]any{"DeadlockedWorkflow": deadlocked},
			opts: replay.WorkflowReplayerOptions{DisableDeadlockDetection: true}},
	}
}

func TestSDKGoMoreReplayTests(t *testing.T) {
	t.Parallel()
	for _, tc := range sdkgoMoreCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := replay.NewWorkflowReplayerWithOptions(tc.opts)
			require.NoError(t, err)
			register(tc.register)(r)
			err = r.ReplayWorkflowHistoryFromJSONFile(nil, filepath.Join(sdkgoMoreDir, tc.file))
			switch {
			case tc.nondeterminism != "":
				var nd *replay.NondeterminismError
				require.ErrorAs(t, err, &nd)
				assert.Contains(t, nd.Message, tc.nondeterminism)
				assert.False(t, nd.Strict, "Temporal's replayer rejects this history too")
			case tc.check == nil:
				require.NoError(t, err)
			}
			if tc.check != nil {
				tc.check(t, err)
			}
		})
	}
}
