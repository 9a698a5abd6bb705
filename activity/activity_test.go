package activity_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/actenv"
)

var scheduled = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func sampleInfo() activity.Info {
	return activity.Info{
		TaskToken:              []byte("token-1"),
		WorkflowType:           &activity.WorkflowType{Name: "Order"},
		WorkflowNamespace:      "default",
		WorkflowExecution:      activity.WorkflowExecution{ID: "order-7", RunID: "run-1"},
		ActivityID:             "5",
		ActivityType:           activity.ActivityType{Name: "Charge"},
		TaskQueue:              "payments",
		HeartbeatTimeout:       10 * time.Second,
		ScheduleToCloseTimeout: time.Hour,
		StartToCloseTimeout:    time.Minute,
		ScheduledTime:          scheduled,
		StartedTime:            scheduled.Add(time.Second),
		Deadline:               scheduled.Add(time.Second + time.Minute),
		Attempt:                2,
	}
}

// heartbeats collects the details an activity records, from any goroutine.
type heartbeats struct {
	mu  sync.Mutex
	got []*converter.Payloads
}

func (h *heartbeats) record(p *converter.Payloads) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.got = append(h.got, p)
}

func mustPayloads(t *testing.T, values ...any) *converter.Payloads {
	t.Helper()
	p, err := converter.GetDefaultDataConverter().ToPayloads(values...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestOutsideAnActivityContextPanics(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		call func(ctx context.Context)
	}{
		{"GetInfo", func(ctx context.Context) { activity.GetInfo(ctx) }},
		{"GetLogger", func(ctx context.Context) { activity.GetLogger(ctx) }},
		{"RecordHeartbeat", func(ctx context.Context) { activity.RecordHeartbeat(ctx, 1) }},
		{"HasHeartbeatDetails", func(ctx context.Context) { activity.HasHeartbeatDetails(ctx) }},
		{"GetHeartbeatDetails", func(ctx context.Context) { _ = activity.GetHeartbeatDetails(ctx) }},
		{"GetWorkerStopChannel", func(ctx context.Context) { activity.GetWorkerStopChannel(ctx) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want := "activity: " + tt.name + ": not an activity context"
			if got := panicText(func() { tt.call(context.Background()) }); got != want {
				t.Errorf("panic = %q, want %q", got, want)
			}
		})
	}
}

func TestIsActivity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		ctx  context.Context
		want bool
	}{
		{"background", context.Background(), false},
		{"activity context", actenv.WithEnv(context.Background(), &actenv.Env{Info: sampleInfo()}), true},
		{"derived from an activity context", func() context.Context {
			ctx, cancel := context.WithCancel(actenv.WithEnv(context.Background(), &actenv.Env{Info: sampleInfo()}))
			t.Cleanup(cancel)
			return ctx
		}(), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := activity.IsActivity(tt.ctx); got != tt.want {
				t.Errorf("IsActivity() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestGetInfo(t *testing.T) {
	t.Parallel()
	want := sampleInfo()
	ptr := sampleInfo()
	tests := []struct {
		name string
		info any
	}{
		{"Info value", sampleInfo()},
		{"*Info", &ptr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := actenv.WithEnv(context.Background(), &actenv.Env{Info: tt.info})
			got := activity.GetInfo(ctx)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("GetInfo() (-want +got):\n%s", diff)
			}
			if !got.IsWorkflowActivity() {
				t.Error("IsWorkflowActivity() = false for an activity with a workflow execution")
			}
			// What activity code does to its Info must not reach the simulator's.
			got.TaskToken[0] = 'X'
			got.WorkflowType.Name = "changed"
			if again := activity.GetInfo(ctx); !cmp.Equal(want, again) {
				t.Errorf("changing a returned Info changed the context's: %+v", again)
			}
		})
	}
}

func TestIsWorkflowActivity(t *testing.T) {
	t.Parallel()
	if (&activity.Info{}).IsWorkflowActivity() {
		t.Error("IsWorkflowActivity() = true for an Info without a workflow execution")
	}
}

func TestGetInfoWithoutInfoPanics(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		info any
		want string
	}{
		{"nil", nil, "activity: GetInfo: the activity context holds a <nil>, not an activity.Info"},
		{"nil *Info", (*activity.Info)(nil), "activity: GetInfo: the activity context holds a *activity.Info, not an activity.Info"},
		{"other type", "info", "activity: GetInfo: the activity context holds a string, not an activity.Info"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := actenv.WithEnv(context.Background(), &actenv.Env{Info: tt.info})
			if got := panicText(func() { activity.GetInfo(ctx) }); got != tt.want {
				t.Errorf("panic = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRecordHeartbeat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		local   bool
		details []any
		want    []*converter.Payloads // what reaches Env.Heartbeat
	}{
		{name: "no details", details: nil, want: []*converter.Payloads{nil}},
		{name: "one nil detail means none", details: []any{nil}, want: []*converter.Payloads{nil}},
		{name: "one detail", details: []any{42}, want: []*converter.Payloads{mustPayloads(t, 42)}},
		{name: "several details, nil among them", details: []any{"a", nil, 3}, want: []*converter.Payloads{mustPayloads(t, "a", nil, 3)}},
		{name: "local activity does not heartbeat", local: true, details: []any{1}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			info := sampleInfo()
			info.IsLocalActivity = tt.local
			var hb heartbeats
			ctx := actenv.WithEnv(context.Background(), &actenv.Env{Info: info, Heartbeat: actenv.HeartbeatFunc(hb.record)})
			activity.RecordHeartbeat(ctx, tt.details...)
			if diff := cmp.Diff(tt.want, hb.got); diff != "" {
				t.Errorf("heartbeats (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecordHeartbeatUsesEnvConverter(t *testing.T) {
	t.Parallel()
	var hb heartbeats
	ctx := actenv.WithEnv(context.Background(), &actenv.Env{
		Info:          sampleInfo(),
		DataConverter: converter.NewCompositeDataConverter(converter.NewByteSlicePayloadConverter()),
		Heartbeat:     actenv.HeartbeatFunc(hb.record),
	})
	activity.RecordHeartbeat(ctx, []byte("raw"))
	if len(hb.got) != 1 || len(hb.got[0].GetPayloads()) != 1 || hb.got[0].Payloads[0].Encoding() != converter.EncodingBinary {
		t.Fatalf("heartbeats = %v; want one binary/plain payload", hb.got)
	}
	// That converter cannot encode an int.
	err, ok := recoverValue(func() { activity.RecordHeartbeat(ctx, 1) }).(error)
	if !ok || !errors.Is(err, converter.ErrUnableToEncode) || !strings.HasPrefix(err.Error(), "activity: RecordHeartbeat: ") {
		t.Errorf("panic value = %v; want an error starting with %q matching converter.ErrUnableToEncode", err, "activity: RecordHeartbeat: ")
	}
}

func TestRecordHeartbeatUnencodablePanicsWithError(t *testing.T) {
	t.Parallel()
	var hb heartbeats
	ctx := actenv.WithEnv(context.Background(), &actenv.Env{Info: sampleInfo(), Heartbeat: actenv.HeartbeatFunc(hb.record)})
	v := recoverValue(func() { activity.RecordHeartbeat(ctx, make(chan int)) })
	var encErr *converter.EncodeError
	if err, ok := v.(error); !ok || !errors.As(err, &encErr) {
		t.Fatalf("panic value = %#v; want an error wrapping *converter.EncodeError", v)
	}
	if len(hb.got) != 0 {
		t.Errorf("a heartbeat was recorded despite the encoding error: %v", hb.got)
	}
}

func TestRecordHeartbeatWithoutHeartbeatFuncIsDropped(t *testing.T) {
	t.Parallel()
	ctx := actenv.WithEnv(context.Background(), &actenv.Env{Info: sampleInfo()})
	activity.RecordHeartbeat(ctx, "progress") // must not panic
}

func TestRecordHeartbeatFromManyGoroutines(t *testing.T) {
	t.Parallel()
	var hb heartbeats
	ctx := actenv.WithEnv(context.Background(), &actenv.Env{Info: sampleInfo(), Heartbeat: actenv.HeartbeatFunc(hb.record)})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() { activity.RecordHeartbeat(ctx, i) })
	}
	wg.Wait()
	if len(hb.got) != 8 {
		t.Errorf("recorded %d heartbeats, want 8", len(hb.got))
	}
}

func TestHeartbeatDetails(t *testing.T) {
	t.Parallel()
	type progress struct{ Done int }
	tests := []struct {
		name    string
		details *converter.Payloads
		dc      converter.DataConverter
		wantHas bool
		target  func() []any
		want    []any
		wantErr error
	}{
		{
			name: "none", details: nil, wantHas: false,
			target: func() []any { return []any{new(int)} }, want: []any{ptr(0)}, wantErr: converter.ErrNoData,
		},
		{
			// An empty message is details, as in Temporal, with none to decode.
			name: "empty", details: &converter.Payloads{}, wantHas: true,
			target: func() []any { return []any{new(int)} }, want: []any{ptr(0)},
		},
		{
			name: "several values", details: mustPayloads(t, 7, progress{Done: 3}), wantHas: true,
			target: func() []any { return []any{new(int), new(progress)} }, want: []any{ptr(7), &progress{Done: 3}},
		},
		{
			name: "fewer targets than values", details: mustPayloads(t, "a", "b"), wantHas: true,
			target: func() []any { return []any{new(string)} }, want: []any{ptr("a")},
		},
		{
			name: "value does not fit its target", details: mustPayloads(t, "text"), wantHas: true,
			target: func() []any { return []any{new(int)} }, want: []any{ptr(0)}, wantErr: converter.ErrUnableToDecode,
		},
		{
			name: "env's converter decodes", details: mustPayloads(t, []byte("raw")),
			dc:      converter.NewCompositeDataConverter(converter.NewByteSlicePayloadConverter()),
			wantHas: true,
			target:  func() []any { return []any{new([]byte)} }, want: []any{ptr([]byte("raw"))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := actenv.WithEnv(context.Background(), &actenv.Env{
				Info: sampleInfo(), HeartbeatDetails: tt.details, DataConverter: tt.dc,
				Heartbeat: actenv.HeartbeatFunc(func(*converter.Payloads) {}),
			})
			if got := activity.HasHeartbeatDetails(ctx); got != tt.wantHas {
				t.Errorf("HasHeartbeatDetails() = %v, want %v", got, tt.wantHas)
			}
			targets := tt.target()
			err := activity.GetHeartbeatDetails(ctx, targets...)
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Errorf("GetHeartbeatDetails() error = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, targets); diff != "" {
				t.Errorf("decoded (-want +got):\n%s", diff)
			}
			// This attempt's heartbeats are not its own previous details.
			activity.RecordHeartbeat(ctx, []byte("later")) // encodable by every converter here
			if got := activity.HasHeartbeatDetails(ctx); got != tt.wantHas {
				t.Errorf("after RecordHeartbeat, HasHeartbeatDetails() = %v, want %v", got, tt.wantHas)
			}
		})
	}
}

func TestGetLogger(t *testing.T) {
	t.Parallel()
	var buf strings.Builder
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{} // keep the output free of the wall clock
			}
			return a
		},
	}))
	ctx := actenv.WithEnv(context.Background(), &actenv.Env{Info: sampleInfo(), Logger: logger})
	activity.GetLogger(ctx).Info("charged", "amount", 3)
	if got, want := buf.String(), "level=INFO msg=charged amount=3\n"; got != want {
		t.Errorf("logged %q, want %q", got, want)
	}

	noLogger := actenv.WithEnv(context.Background(), &actenv.Env{Info: sampleInfo()})
	l := activity.GetLogger(noLogger)
	if l == nil {
		t.Fatal("GetLogger() = nil for an Env without a logger; want a logger that discards")
	}
	l.Error("dropped") // must not panic
}

func TestGetWorkerStopChannel(t *testing.T) {
	t.Parallel()
	stop := make(chan struct{})
	ctx := actenv.WithEnv(context.Background(), &actenv.Env{Info: sampleInfo(), Worker: &actenv.Worker{Stop: stop}})
	ch := activity.GetWorkerStopChannel(ctx)
	select {
	case <-ch:
		t.Fatal("worker stop channel is closed before the worker stops")
	default:
	}
	close(stop)
	select {
	case <-ch:
	default:
		t.Fatal("worker stop channel is not closed after the worker stopped")
	}
}

func TestErrResultPending(t *testing.T) {
	t.Parallel()
	const want = "not error: do not autocomplete, using Client.CompleteActivity() to complete"
	if got := activity.ErrResultPending.Error(); got != want {
		t.Errorf("ErrResultPending = %q, want Temporal's text %q", got, want)
	}
	if wrapped := fmt.Errorf("charge: %w", activity.ErrResultPending); !errors.Is(wrapped, activity.ErrResultPending) {
		t.Error("errors.Is does not find ErrResultPending through %w")
	}
}

func ptr[T any](v T) *T { return &v }

func recoverValue(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

func panicText(f func()) string {
	v := recoverValue(f)
	if v == nil {
		return "<no panic>"
	}
	return fmt.Sprint(v)
}
