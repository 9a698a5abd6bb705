package replay_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A damaged history (an event lost, moved, doubled, retyped or stripped, a
// reference or a name changed, a payload garbled, the tail cut) replayed
// against the code that recorded it gives a typed error that says what is
// wrong, or nothing when the damage changes nothing the code can see: never
// a panic, never a hang.

// richWorkflow uses most of what a history records: activities (one with
// retries), a version marker, a side effect, a local activity, a signal
// racing a timer it then cancels, a child, parallel activities and a
// sleep.
func richWorkflow(ctx workflow.Context, n int) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var a int
	if err := workflow.ExecuteActivity(ctx, "A", n).Get(ctx, &a); err != nil {
		return "", err
	}
	v := workflow.GetVersion(ctx, "change", workflow.DefaultVersion, 1)
	var se int
	if err := workflow.SideEffect(ctx, func(workflow.Context) any { return 7 }).Get(&se); err != nil {
		return "", err
	}
	lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{ScheduleToCloseTimeout: time.Minute})
	var l int
	if err := workflow.ExecuteLocalActivity(lctx, triple, 3).Get(ctx, &l); err != nil {
		return "", err
	}
	timerCtx, cancel := workflow.WithCancel(ctx)
	var sig string
	sel := workflow.NewSelector(ctx)
	sel.AddReceive(workflow.GetSignalChannel(ctx, "go"), func(c workflow.ReceiveChannel, _ bool) { c.Receive(ctx, &sig) })
	sel.AddFuture(workflow.NewTimer(timerCtx, time.Hour), func(workflow.Future) {})
	sel.Select(ctx)
	cancel()
	cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "rich-child"})
	var c int
	if err := workflow.ExecuteChildWorkflow(cctx, "Child", 2).Get(ctx, &c); err != nil {
		return "", err
	}
	f1, f2 := workflow.ExecuteActivity(ctx, "A", 1), workflow.ExecuteActivity(ctx, "B", 2)
	var b1, b2 int
	if err := f1.Get(ctx, &b1); err != nil {
		return "", err
	}
	if err := f2.Get(ctx, &b2); err != nil {
		return "", err
	}
	if err := workflow.Sleep(ctx, time.Minute); err != nil {
		return "", err
	}
	return fmt.Sprint(a, v, se, l, sig, c, b1, b2), nil
}

func triple(_ context.Context, x int) (int, error) { return 3 * x, nil }

func richChild(ctx workflow.Context, x int) (int, error) {
	return x * 10, workflow.Sleep(ctx, time.Second)
}

// recordRich runs richWorkflow in the test environment, the signal
// arriving half an hour in, and returns its history as JSON.
func recordRich(t *testing.T) []byte {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(richWorkflow, workflow.RegisterOptions{Name: "Rich"})
	env.RegisterWorkflowWithOptions(richChild, workflow.RegisterOptions{Name: "Child"})
	env.RegisterActivityWithOptions(double, activity.RegisterOptions{Name: "A"})
	env.RegisterActivityWithOptions(double, activity.RegisterOptions{Name: "B"})
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("go", "now") }, 30*time.Minute)
	env.ExecuteWorkflow("Rich", 4)
	if err := env.GetWorkflowError(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := env.History().WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// damage is one way of spoiling a history; it reports what it did.
type damage func(t *rapid.T, h *replay.History) string

var damages = []damage{
	func(t *rapid.T, h *replay.History) string { // lose an event, IDs kept or renumbered
		i := rapid.IntRange(0, len(h.Events)-1).Draw(t, "lost")
		h.Events = append(h.Events[:i], h.Events[i+1:]...)
		return fmt.Sprintf("event %d lost%s", i+1, maybeRenumber(t, h))
	},
	func(t *rapid.T, h *replay.History) string { // swap two events
		i := rapid.IntRange(0, len(h.Events)-2).Draw(t, "swapped")
		j := rapid.IntRange(i+1, min(i+4, len(h.Events)-1)).Draw(t, "with")
		h.Events[i], h.Events[j] = h.Events[j], h.Events[i]
		return fmt.Sprintf("events %d and %d swapped%s", i+1, j+1, maybeRenumber(t, h))
	},
	func(t *rapid.T, h *replay.History) string { // double an event
		i := rapid.IntRange(0, len(h.Events)-1).Draw(t, "doubled")
		dup := *h.Events[i]
		h.Events = append(h.Events[:i+1], append([]*replay.Event{&dup}, h.Events[i+1:]...)...)
		return fmt.Sprintf("event %d doubled%s", i+1, maybeRenumber(t, h))
	},
	func(t *rapid.T, h *replay.History) string { // retype an event, its attributes kept
		i := rapid.IntRange(0, len(h.Events)-1).Draw(t, "retyped")
		typ := replay.EventType(rapid.IntRange(1, 54).Draw(t, "type"))
		h.Events[i].EventType = typ
		return fmt.Sprintf("event %d retyped %v", i+1, typ)
	},
	func(t *rapid.T, h *replay.History) string { // strip an event's attributes
		i := rapid.IntRange(0, len(h.Events)-1).Draw(t, "stripped")
		h.Events[i].Attributes = nil
		return fmt.Sprintf("event %d without attributes", i+1)
	},
	func(t *rapid.T, h *replay.History) string { // change a reference to another event
		i := rapid.IntRange(0, len(h.Events)-1).Draw(t, "referring")
		fields := int64Fields(h.Events[i].Attributes, "EventID")
		if len(fields) == 0 {
			return "nothing"
		}
		f := fields[rapid.IntRange(0, len(fields)-1).Draw(t, "field")]
		f.SetInt(rapid.Int64Range(-1, int64(len(h.Events))+2).Draw(t, "refers to"))
		return fmt.Sprintf("event %d refers to event %d", i+1, f.Int())
	},
	func(t *rapid.T, h *replay.History) string { // rename what an event names
		i := rapid.IntRange(0, len(h.Events)-1).Draw(t, "renamed")
		fields := stringFields(h.Events[i].Attributes)
		if len(fields) == 0 {
			return "nothing"
		}
		f := fields[rapid.IntRange(0, len(fields)-1).Draw(t, "field")]
		f.SetString(rapid.SampledFrom([]string{"", "B", "Other", "1", "change"}).Draw(t, "name"))
		return fmt.Sprintf("event %d renamed %q", i+1, f.String())
	},
	func(t *rapid.T, h *replay.History) string { // garble a payload
		var payloads []*converter.Payload
		for _, ev := range h.Events {
			collectPayloads(reflect.ValueOf(ev.Attributes), &payloads, 0)
		}
		if len(payloads) == 0 {
			return "nothing"
		}
		p := payloads[rapid.IntRange(0, len(payloads)-1).Draw(t, "payload")]
		switch rapid.IntRange(0, 2).Draw(t, "garble") {
		case 0:
			p.Data = []byte(`{"not":`)
		case 1:
			p.Data = []byte(`"a string"`)
		default:
			p.Metadata = map[string][]byte{"encoding": []byte("binary/unknown")}
		}
		return fmt.Sprintf("payload garbled: %s %q", p.Metadata["encoding"], p.Data)
	},
	func(t *rapid.T, h *replay.History) string { // cut the tail
		n := rapid.IntRange(0, len(h.Events)).Draw(t, "kept")
		h.Events = h.Events[:n]
		return fmt.Sprintf("cut after %d events", n)
	},
}

// maybeRenumber makes the event IDs consecutive again, or not.
func maybeRenumber(t *rapid.T, h *replay.History) string {
	if !rapid.Bool().Draw(t, "renumber") {
		return ""
	}
	for i, ev := range h.Events {
		ev.EventID = int64(i + 1)
	}
	return ", renumbered"
}

// int64Fields returns the settable int64 fields of attrs (a pointer to a
// struct) whose names end in suffix.
func int64Fields(attrs replay.EventAttributes, suffix string) []reflect.Value {
	var out []reflect.Value
	forFields(attrs, func(name string, f reflect.Value) {
		if f.Kind() == reflect.Int64 && strings.HasSuffix(name, suffix) {
			out = append(out, f)
		}
	})
	return out
}

// stringFields returns the settable string fields of attrs and of the
// structs it holds by value (an activity's type name, a timer's ID).
func stringFields(attrs replay.EventAttributes) []reflect.Value {
	var out []reflect.Value
	forFields(attrs, func(_ string, f reflect.Value) {
		switch {
		case f.Kind() == reflect.String:
			out = append(out, f)
		case f.Kind() == reflect.Struct:
			for i := range f.NumField() {
				if g := f.Field(i); g.Kind() == reflect.String && g.CanSet() {
					out = append(out, g)
				}
			}
		}
	})
	return out
}

func forFields(attrs replay.EventAttributes, fn func(name string, f reflect.Value)) {
	v := reflect.ValueOf(attrs)
	if !v.IsValid() || v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return
	}
	s := v.Elem()
	for i := range s.NumField() {
		if f := s.Field(i); f.CanSet() {
			fn(s.Type().Field(i).Name, f)
		}
	}
}

// collectPayloads finds the payloads v holds, a few levels deep.
func collectPayloads(v reflect.Value, out *[]*converter.Payload, depth int) {
	if depth > 4 || !v.IsValid() {
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return
		}
		if p, ok := v.Interface().(*converter.Payload); ok {
			*out = append(*out, p)
			return
		}
		collectPayloads(v.Elem(), out, depth+1)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				collectPayloads(v.Field(i), out, depth+1)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			collectPayloads(v.Index(i), out, depth+1)
		}
	}
}

func registerRich(r *replay.WorkflowReplayer) {
	r.RegisterWorkflowWithOptions(richWorkflow, workflow.RegisterOptions{Name: "Rich"})
}

// replayOutcome replays h and returns its error, or fails the check when
// the replay panics or does not end.
func replayOutcome(t fataler, h *replay.History, opts replay.WorkflowReplayerOptions, register func(*replay.WorkflowReplayer)) error {
	r, err := replay.NewWorkflowReplayerWithOptions(opts)
	if err != nil {
		t.Fatal(err)
	}
	register(r)
	type outcome struct {
		err   error
		panic any
		stack []byte
	}
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- outcome{panic: p, stack: debug.Stack()}
			}
		}()
		done <- outcome{err: r.ReplayWorkflowHistory(nil, h)}
	}()
	select {
	case o := <-done:
		if o.panic != nil {
			t.Fatalf("replay panicked: %v\n%s", o.panic, o.stack)
		}
		return o.err
	case <-time.After(30 * time.Second):
		t.Fatalf("replay did not end in 30 s")
		return nil
	}
}

func TestReplayDamagedHistories(t *testing.T) {
	t.Parallel()
	original := recordRich(t)
	if err := replayOutcome(t, mustRead(t, original), replay.WorkflowReplayerOptions{}, registerRich); err != nil {
		t.Fatalf("the undamaged history does not replay: %v", err)
	}
	rapid.Check(t, func(t *rapid.T) {
		h := mustRead(t, original)
		var did []string
		for i := range rapid.IntRange(1, 2).Draw(t, "damages") {
			if len(h.Events) < 2 {
				break // cut to nothing: no more to spoil
			}
			d := damages[rapid.IntRange(0, len(damages)-1).Draw(t, fmt.Sprintf("damage %d", i))]
			did = append(did, d(t, h))
		}
		// With deadlock detection the tasks run on a goroutine of their
		// own; without, on the caller's.
		opts := replay.WorkflowReplayerOptions{DisableDeadlockDetection: rapid.Bool().Draw(t, "no deadlock detection")}
		err := replayOutcome(t, h, opts, registerRich)
		if err == nil {
			return // the damage changed nothing the code sees
		}
		if !knownReplayError(err) {
			t.Fatalf("%s: want a typed replay error, got %T: %v", strings.Join(did, "; "), err, err)
		}
		if err.Error() == "" {
			t.Fatalf("%s: the error says nothing", strings.Join(did, "; "))
		}
	})
}

// knownReplayError tells the errors replay documents for a history that
// does not fit its code.
func knownReplayError(err error) bool {
	var (
		he *replay.HistoryError
		nd *replay.NondeterminismError
		pe *replay.PanicError
		ut *replay.UnknownWorkflowTypeError
		uf *replay.UnknownSDKFlagError
	)
	return errors.As(err, &he) || errors.As(err, &nd) || errors.As(err, &pe) || errors.As(err, &ut) || errors.As(err, &uf)
}

// fataler is what the helpers need of a *testing.T or a *rapid.T.
type fataler interface {
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

func mustRead(t fataler, data []byte) *replay.History {
	h, err := replay.ReadHistory(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestReplayDamagedReferenceHistories spoils the shared reference
// histories, recorded by real servers, and replays each against its port.
func TestReplayDamagedReferenceHistories(t *testing.T) {
	t.Parallel()
	type subject struct {
		name string
		data []byte
		fix  fixture
	}
	all := fixtures()
	var subjects []subject
	for _, e := range readManifest(t) {
		f := all[e.File]
		if f.skip != "" || f.register == nil || e.Kind == "upstream-cadence-dialect" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(historiesDir, e.File))
		if err != nil {
			t.Fatal(err)
		}
		subjects = append(subjects, subject{e.File, data, f})
	}
	rapid.Check(t, func(t *rapid.T) {
		s := subjects[rapid.IntRange(0, len(subjects)-1).Draw(t, "history")]
		h, err := replay.ReadHistory(bytes.NewReader(s.data))
		if err != nil || len(h.Events) < 2 {
			return // what reading refuses, the fuzz test of ReadHistory covers
		}
		did := damages[rapid.IntRange(0, len(damages)-1).Draw(t, "damage")](t, h)
		opts := s.fix.opts
		opts.DisableDeadlockDetection = rapid.Bool().Draw(t, "no deadlock detection")
		err = replayOutcome(t, h, opts, s.fix.register)
		if err != nil && !knownReplayError(err) {
			t.Fatalf("%s, %s: want a typed replay error, got %T: %v", s.name, did, err, err)
		}
	})
}
