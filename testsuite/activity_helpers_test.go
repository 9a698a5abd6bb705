package testsuite_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Activities and workflows shared by the activity tests.

func Echo(ctx context.Context, s string) (string, error) { return s, nil }

func Slow(ctx context.Context, s string) (string, error) { return s, nil }

func Fail(ctx context.Context, s string) (string, error) {
	return "", wfsim.NewApplicationError("boom", "Boom")
}

// actWorkflow runs one activity, named by its first argument, with the
// options of actCase, and returns its result or error.
func actWorkflow(ctx workflow.Context, c actCase) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, c.Options)
	var out string
	err := workflow.ExecuteActivity(ctx, c.Activity, c.Input).Get(ctx, &out)
	return out, err
}

type actCase struct {
	Activity string
	Input    string
	Options  workflow.ActivityOptions
}

// at is the virtual instant start+d.
func at(d time.Duration) time.Time { return testsuite.DefaultStartTime.Add(d) }

// actEvent is an event of the history as the tests compare it.
type actEvent struct {
	Type string
	At   time.Duration
}

// actEvents lists the activity events of a history with their offsets from
// the start: when each was recorded (for ActivityTaskStarted, when its
// attempt started).
func actEvents(h *replay.History) []actEvent {
	var out []actEvent
	for _, ev := range h.Events {
		name := ev.EventType.String()
		if strings.HasPrefix(name, "ActivityTask") {
			out = append(out, actEvent{strings.TrimPrefix(name, "ActivityTask"), ev.EventTime.Sub(testsuite.DefaultStartTime)})
		}
	}
	return out
}

// lastEvent returns the last event of the given type.
func lastEvent(t *testing.T, h *replay.History, typ string) *replay.Event {
	t.Helper()
	for i := len(h.Events) - 1; i >= 0; i-- {
		if h.Events[i].EventType.String() == typ {
			return h.Events[i]
		}
	}
	t.Fatalf("no %s event in\n%s", typ, h)
	return nil
}

// activityErrorOf unwraps a workflow's error into its ActivityError.
func activityErrorOf(t *testing.T, err error) *wfsim.ActivityError {
	t.Helper()
	var ae *wfsim.ActivityError
	require.ErrorAs(t, err, &ae)
	return ae
}

// fakeTB is a TB that records failures instead of failing the test, for
// tests of what an environment reports.
type fakeTB struct {
	mu       sync.Mutex
	errors   []string
	cleanups []func()
}

func (f *fakeTB) Logf(string, ...any) {}
func (f *fakeTB) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}
func (f *fakeTB) Fatalf(format string, args ...any) { f.Errorf(format, args...) }
func (f *fakeTB) FailNow()                          {}
func (f *fakeTB) Failed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.errors) > 0
}
func (f *fakeTB) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }

// finish runs the cleanups, as the end of a test would.
func (f *fakeTB) finish() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

func (f *fakeTB) report() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strings.Join(f.errors, "\n")
}

// defaultTaskQueue is the task queue of a workflow started without one.
const defaultTaskQueue = "default-test-taskqueue"
