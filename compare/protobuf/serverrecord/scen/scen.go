// Package scen holds workflows and activities whose values are protobuf
// messages, written once against Temporal's SDK. gen.sh derives the wfsim
// copy by rewriting the SDK imports only; the go.temporal.io/api and
// google.golang.org/protobuf imports are the data types and stay.
package scen

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	apicommon "go.temporal.io/api/common/v1"
	apideployment "go.temporal.io/api/deployment/v1"
	apienums "go.temporal.io/api/enums/v1"
	apifailure "go.temporal.io/api/failure/v1"
	apihistory "go.temporal.io/api/history/v1"
	apiworkflow "go.temporal.io/api/workflow/v1"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/structpb"
	"google.golang.org/protobuf/types/known/timestamppb"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// Message is sent by the driver After the start: a signal (ID empty), an
// update (ID set) or a query (Query set).
type Message struct {
	Name  string
	ID    string
	After time.Duration
	Arg   any
	Query bool
}

// Scenario is one workflow run.
type Scenario struct {
	Name       string
	Workflow   any
	Args       []any
	Activities []any
	Workflows  []any
	Messages   []Message
	Memo       map[string]any
	// Result is a new value of the workflow's result type (nil: none).
	Result func() any
}

// All lists the scenarios.
var All = []Scenario{
	{Name: "values", Workflow: ValuesWorkflow, Args: []any{Info(), Override(0)},
		Activities: []any{EchoInfo, ValueOf, Int64Of, UInt64Max, DoubleInf, BytesOf, TimeMax, DurationOf, Nothing, MaskOf, NilExec, ZeroExec, OverrideOf},
		Result:     func() any { return new(structpb.Struct) }},
	{Name: "messages", Workflow: MessagesWorkflow, Args: []any{&apicommon.WorkflowExecution{WorkflowId: "w", RunId: "r"}},
		Messages: []Message{
			{Name: "event", After: 500 * time.Millisecond, Arg: TimerEvent()},
			{Name: "add", ID: "u1", After: time.Second, Arg: wrapperspb.Int64(-1)},
			{Name: "add", ID: "u2", After: 1500 * time.Millisecond, Arg: wrapperspb.Int64(math.MaxInt64)},
			{Name: "state", Query: true, After: 2 * time.Second},
			{Name: "last", Query: true, After: 2 * time.Second, Arg: wrapperspb.String("kind")},
			{Name: "event", After: 2500 * time.Millisecond, Arg: ActivityEvent()},
		},
		Result: func() any { return new(apihistory.History) }},
	{Name: "child", Workflow: ParentWorkflow, Args: []any{TimerEvent()}, Workflows: []any{ChildOK, ChildFail},
		Result: func() any { return new(apifailure.Failure) }},
	{Name: "failure", Workflow: FailureWorkflow, Activities: []any{Flaky, Boom}},
	{Name: "memo", Workflow: MemoWorkflow, Args: []any{wrapperspb.Int32(0)}, Activities: []any{LocalEcho},
		Memo:   map[string]any{"exec": &apicommon.WorkflowExecution{WorkflowId: "memo-wf", RunId: "memo-run"}, "when": timestamppb.New(time.Date(2024, 2, 29, 12, 0, 0, 500, time.UTC))},
		Result: func() any { return new(structpb.Struct) }},
}

// Info is a message with nested messages, timestamps, a duration, an enum,
// int64 extremes, maps of payloads, bytes and an unset (nil) message.
func Info() *apiworkflow.WorkflowExecutionInfo {
	return &apiworkflow.WorkflowExecutionInfo{
		Execution:     &apicommon.WorkflowExecution{WorkflowId: "wf-ü\u2028\"q\"", RunId: "run"},
		Type:          &apicommon.WorkflowType{Name: "T"},
		StartTime:     timestamppb.New(time.Date(2001, 2, 3, 4, 5, 6, 7, time.UTC)),
		CloseTime:     &timestamppb.Timestamp{}, // the epoch, set
		Status:        apienums.WORKFLOW_EXECUTION_STATUS_COMPLETED,
		HistoryLength: math.MaxInt64,
		Memo: &apicommon.Memo{Fields: map[string]*apicommon.Payload{
			"b": {Metadata: map[string][]byte{"encoding": []byte("binary/plain")}, Data: []byte{0, 0xff, 0xfe}},
			"a": {Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(`"x"`)},
			"":  {},
		}},
		TaskQueue:            "tq",
		StateTransitionCount: math.MinInt64,
		ExecutionDuration:    durationpb.New(-1500 * time.Millisecond),
		RootExecution:        &apicommon.WorkflowExecution{},
	}
}

// Override returns a VersioningOverride whose oneof holds member i: 0 a
// bool set to false (set, zero), 1 a bool true, 2 a message, 3 nothing.
func Override(i int) *apiworkflow.VersioningOverride {
	switch i {
	case 0:
		return &apiworkflow.VersioningOverride{Override: &apiworkflow.VersioningOverride_AutoUpgrade{AutoUpgrade: false}}
	case 1:
		return &apiworkflow.VersioningOverride{Override: &apiworkflow.VersioningOverride_AutoUpgrade{AutoUpgrade: true}}
	case 2:
		//lint:ignore SA1019 a deprecated field is still a field: an enum beside the oneof, recorded in the histories
		return &apiworkflow.VersioningOverride{Behavior: apienums.VERSIONING_BEHAVIOR_PINNED,
			Override: &apiworkflow.VersioningOverride_Pinned{Pinned: &apiworkflow.VersioningOverride_PinnedOverride{
				Behavior: apiworkflow.VersioningOverride_PINNED_OVERRIDE_BEHAVIOR_PINNED,
				Version:  &apideployment.WorkerDeploymentVersion{BuildId: "b1", DeploymentName: "d"}}}}
	}
	return &apiworkflow.VersioningOverride{}
}

// TimerEvent is a history event whose oneof holds TimerFired.
func TimerEvent() *apihistory.HistoryEvent {
	return &apihistory.HistoryEvent{EventId: 7, EventTime: timestamppb.New(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)),
		EventType:  apienums.EVENT_TYPE_TIMER_FIRED,
		Attributes: &apihistory.HistoryEvent_TimerFiredEventAttributes{TimerFiredEventAttributes: &apihistory.TimerFiredEventAttributes{TimerId: "t", StartedEventId: 5}}}
}

// ActivityEvent is a history event whose oneof holds ActivityTaskScheduled
// with payloads, durations and a retry policy.
func ActivityEvent() *apihistory.HistoryEvent {
	return &apihistory.HistoryEvent{EventId: math.MaxInt64, EventType: apienums.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
		Attributes: &apihistory.HistoryEvent_ActivityTaskScheduledEventAttributes{ActivityTaskScheduledEventAttributes: &apihistory.ActivityTaskScheduledEventAttributes{
			ActivityId: "1", ActivityType: &apicommon.ActivityType{Name: "A"},
			Input:               &apicommon.Payloads{Payloads: []*apicommon.Payload{{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte("1")}}},
			StartToCloseTimeout: durationpb.New(10 * time.Second),
			RetryPolicy:         &apicommon.RetryPolicy{BackoffCoefficient: 2, MaximumAttempts: math.MaxInt32, NonRetryableErrorTypes: []string{"a", "b"}},
		}}}
}

func actCtx(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second,
		RetryPolicy: &temporal.RetryPolicy{MaximumAttempts: 1}})
}

// ValuesWorkflow passes messages of many shapes through activities and
// returns what it decoded, as a Struct. What it decoded also decides its
// commands (a timer), so a misdecoded value is a nondeterminism.
func ValuesWorkflow(ctx workflow.Context, info *apiworkflow.WorkflowExecutionInfo, ov *apiworkflow.VersioningOverride) (*structpb.Struct, error) {
	ctx = actCtx(ctx)
	out := map[string]any{}
	if info.GetStatus() == apienums.WORKFLOW_EXECUTION_STATUS_COMPLETED {
		if err := workflow.Sleep(ctx, time.Second); err != nil {
			return nil, err
		}
	}
	if _, ok := ov.GetOverride().(*apiworkflow.VersioningOverride_AutoUpgrade); ok {
		out["override"] = fmt.Sprintf("autoUpgrade=%v", ov.GetAutoUpgrade())
	}
	var echoed *apiworkflow.WorkflowExecutionInfo
	if err := workflow.ExecuteActivity(ctx, EchoInfo, info).Get(ctx, &echoed); err != nil {
		return nil, err
	}
	out["echoed"] = fmt.Sprintf("%s len=%d stc=%d status=%d memo=%d close=%v dur=%v root=%v", echoed.GetExecution().GetWorkflowId(),
		echoed.GetHistoryLength(), echoed.GetStateTransitionCount(), echoed.GetStatus(), len(echoed.GetMemo().GetFields()),
		echoed.GetCloseTime().AsTime().UTC(), echoed.GetExecutionDuration().AsDuration(), echoed.GetRootExecution() != nil)
	var kinds []any
	for _, k := range []string{"null", "number", "string", "bool", "struct", "list"} {
		var v *structpb.Value
		if err := workflow.ExecuteActivity(ctx, ValueOf, k).Get(ctx, &v); err != nil {
			return nil, err
		}
		kinds = append(kinds, kindOf(v))
		if _, ok := v.GetKind().(*structpb.Value_StructValue); ok {
			// a command chosen by a oneof member's type
			if err := workflow.Sleep(ctx, time.Second); err != nil {
				return nil, err
			}
		}
	}
	out["kinds"] = kinds
	for _, w := range []string{"max", "min", "zero"} {
		var v *wrapperspb.Int64Value
		if err := workflow.ExecuteActivity(ctx, Int64Of, w).Get(ctx, &v); err != nil {
			return nil, err
		}
		out["int64"+w] = fmt.Sprintf("%v %d", v != nil, v.GetValue())
	}
	var u *wrapperspb.UInt64Value
	var d *wrapperspb.DoubleValue
	var b *wrapperspb.BytesValue
	var ts *timestamppb.Timestamp
	var du *durationpb.Duration
	var e *emptypb.Empty
	var m *fieldmaskpb.FieldMask
	var nilExec, zeroExec *apicommon.WorkflowExecution
	var ov2 *apiworkflow.VersioningOverride
	for _, c := range []struct {
		f    any
		args []any
		dst  any
	}{
		{UInt64Max, nil, &u}, {DoubleInf, nil, &d}, {BytesOf, nil, &b}, {TimeMax, nil, &ts},
		{DurationOf, nil, &du}, {Nothing, []any{&emptypb.Empty{}}, &e},
		{MaskOf, []any{&fieldmaskpb.FieldMask{Paths: []string{"a.b_c", "d"}}}, &m},
		{NilExec, nil, &nilExec}, {ZeroExec, nil, &zeroExec}, {OverrideOf, []any{ov}, &ov2},
	} {
		if err := workflow.ExecuteActivity(ctx, c.f, c.args...).Get(ctx, c.dst); err != nil {
			return nil, err
		}
	}
	out["uint64max"] = fmt.Sprint(u.GetValue())
	out["double"] = fmt.Sprint(d.GetValue())
	out["bytes"] = fmt.Sprintf("%x", b.GetValue())
	out["timemax"] = ts.AsTime().UTC().Format(time.RFC3339Nano)
	out["duration"] = du.AsDuration().String()
	out["empty"] = e != nil
	out["mask"] = fmt.Sprint(m.GetPaths())
	out["nilexec"] = nilExec == nil
	out["zeroexec"] = fmt.Sprintf("%v %q", zeroExec != nil, zeroExec.GetWorkflowId())
	out["override2"] = fmt.Sprintf("%T %v", ov2.GetOverride(), ov2.GetPinned().GetVersion().GetBuildId())
	return structpb.NewStruct(out)
}

func kindOf(v *structpb.Value) string {
	if v == nil {
		return "nil"
	}
	switch k := v.GetKind().(type) {
	case *structpb.Value_NullValue:
		return "null"
	case *structpb.Value_NumberValue:
		return fmt.Sprint("number ", k.NumberValue)
	case *structpb.Value_StringValue:
		return "string " + k.StringValue
	case *structpb.Value_BoolValue:
		return fmt.Sprint("bool ", k.BoolValue)
	case *structpb.Value_StructValue:
		return fmt.Sprint("struct ", len(k.StructValue.GetFields()))
	case *structpb.Value_ListValue:
		return fmt.Sprint("list ", len(k.ListValue.GetValues()))
	}
	return "unset"
}

// EchoInfo returns its input changed: int64 extremes, an enum number with
// no name, one more memo entry.
func EchoInfo(_ context.Context, in *apiworkflow.WorkflowExecutionInfo) (*apiworkflow.WorkflowExecutionInfo, error) {
	in.HistoryLength = math.MinInt64
	in.StateTransitionCount = math.MaxInt64
	in.Status = apienums.WorkflowExecutionStatus(42)
	in.Memo.Fields["c"] = &apicommon.Payload{Data: []byte("{}")}
	return in, nil
}

// ValueOf returns a Value whose oneof holds the named kind.
func ValueOf(_ context.Context, kind string) (*structpb.Value, error) {
	switch kind {
	case "null":
		return structpb.NewNullValue(), nil
	case "number":
		return structpb.NewNumberValue(-0.125), nil
	case "string":
		return structpb.NewStringValue(""), nil
	case "bool":
		return structpb.NewBoolValue(false), nil
	case "struct":
		s, _ := structpb.NewStruct(map[string]any{"z": 1, "a": []any{"x", nil, true}, "m": map[string]any{}})
		return structpb.NewStructValue(s), nil
	case "list":
		l, _ := structpb.NewList([]any{1e300, "ü", map[string]any{"k": false}})
		return structpb.NewListValue(l), nil
	}
	return nil, errors.New("unknown kind " + kind)
}

// Int64Of returns an int64 wrapper: max, min or zero.
func Int64Of(_ context.Context, which string) (*wrapperspb.Int64Value, error) {
	switch which {
	case "max":
		return wrapperspb.Int64(math.MaxInt64), nil
	case "min":
		return wrapperspb.Int64(math.MinInt64), nil
	}
	return wrapperspb.Int64(0), nil
}

// UInt64Max returns the largest uint64.
func UInt64Max(context.Context) (*wrapperspb.UInt64Value, error) {
	return wrapperspb.UInt64(math.MaxUint64), nil
}

// DoubleInf returns +Inf.
func DoubleInf(context.Context) (*wrapperspb.DoubleValue, error) {
	return wrapperspb.Double(math.Inf(1)), nil
}

// BytesOf returns bytes that are not UTF-8.
func BytesOf(context.Context) (*wrapperspb.BytesValue, error) {
	return wrapperspb.Bytes([]byte{0, 0xff, 0xfe, '/', '+'}), nil
}

// TimeMax returns the largest Timestamp protojson accepts.
func TimeMax(context.Context) (*timestamppb.Timestamp, error) {
	return &timestamppb.Timestamp{Seconds: 253402300799, Nanos: 999999999}, nil
}

// DurationOf returns the largest Duration.
func DurationOf(context.Context) (*durationpb.Duration, error) {
	return &durationpb.Duration{Seconds: 315576000000, Nanos: 999999999}, nil
}

// Nothing echoes an Empty.
func Nothing(_ context.Context, e *emptypb.Empty) (*emptypb.Empty, error) { return e, nil }

// MaskOf echoes a FieldMask.
func MaskOf(_ context.Context, m *fieldmaskpb.FieldMask) (*fieldmaskpb.FieldMask, error) {
	return m, nil
}

// NilExec returns a nil message.
func NilExec(context.Context) (*apicommon.WorkflowExecution, error) { return nil, nil }

// ZeroExec returns a message with no field set.
func ZeroExec(context.Context) (*apicommon.WorkflowExecution, error) {
	return &apicommon.WorkflowExecution{}, nil
}

// OverrideOf answers an override whose oneof holds the next member.
func OverrideOf(_ context.Context, ov *apiworkflow.VersioningOverride) (*apiworkflow.VersioningOverride, error) {
	if ov.GetOverride() == nil {
		return nil, errors.New("override unset")
	}
	return Override(2), nil
}

// MessagesWorkflow collects signaled events and updates until it has three
// events; queries answer its state.
func MessagesWorkflow(ctx workflow.Context, start *apicommon.WorkflowExecution) (*apihistory.History, error) {
	h := &apihistory.History{}
	if err := workflow.SetQueryHandler(ctx, "state", func() (*apihistory.History, error) { return h, nil }); err != nil {
		return nil, err
	}
	err := workflow.SetQueryHandler(ctx, "last", func(what *wrapperspb.StringValue) (*structpb.Value, error) {
		if len(h.Events) == 0 {
			return structpb.NewNullValue(), nil
		}
		return structpb.NewStringValue(what.GetValue() + " " + h.Events[len(h.Events)-1].GetEventType().String()), nil
	})
	if err != nil {
		return nil, err
	}
	err = workflow.SetUpdateHandlerWithOptions(ctx, "add", func(ctx workflow.Context, n *wrapperspb.Int64Value) (*wrapperspb.Int64Value, error) {
		h.Events = append(h.Events, &apihistory.HistoryEvent{EventId: n.GetValue(), EventType: apienums.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED})
		return wrapperspb.Int64(int64(len(h.Events))), nil
	}, workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context, n *wrapperspb.Int64Value) error {
		if n.GetValue() < 0 {
			return temporal.NewApplicationError("negative", "Negative", n)
		}
		return nil
	}})
	if err != nil {
		return nil, err
	}
	ch := workflow.GetSignalChannel(ctx, "event")
	workflow.Go(ctx, func(ctx workflow.Context) {
		for {
			var ev *apihistory.HistoryEvent
			ch.Receive(ctx, &ev)
			h.Events = append(h.Events, ev)
			// a command chosen by the oneof member: a timer for an
			// activity event
			if ev.GetActivityTaskScheduledEventAttributes() != nil {
				_ = workflow.Sleep(ctx, ev.GetActivityTaskScheduledEventAttributes().GetStartToCloseTimeout().AsDuration()/10)
			}
		}
	})
	if err := workflow.Await(ctx, func() bool { return len(h.Events) >= 3 }); err != nil {
		return nil, err
	}
	if err := workflow.Sleep(ctx, 2*time.Second); err != nil {
		return nil, err
	}
	h.Events = append(h.Events, &apihistory.HistoryEvent{EventType: apienums.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
		Attributes: &apihistory.HistoryEvent_WorkflowExecutionStartedEventAttributes{WorkflowExecutionStartedEventAttributes: &apihistory.WorkflowExecutionStartedEventAttributes{
			ParentWorkflowExecution: start}}})
	return h, nil
}

// ParentWorkflow starts two children with message inputs: one returns a
// message, one fails with message details.
func ParentWorkflow(ctx workflow.Context, ev *apihistory.HistoryEvent) (*apifailure.Failure, error) {
	id := workflow.GetInfo(ctx).WorkflowExecution.ID
	cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: id + "-c1", WorkflowExecutionTimeout: time.Minute})
	var got *apihistory.HistoryEvent
	if err := workflow.ExecuteChildWorkflow(cctx, ChildOK, ev, durationpb.New(90*time.Minute)).Get(ctx, &got); err != nil {
		return nil, err
	}
	cctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: id + "-c2", WorkflowExecutionTimeout: time.Minute})
	err := workflow.ExecuteChildWorkflow(cctx, ChildFail, Override(1)).Get(ctx, nil)
	var ae *temporal.ApplicationError
	if !errors.As(err, &ae) {
		return nil, fmt.Errorf("child error %v is not an application error", err)
	}
	var ov *apiworkflow.VersioningOverride
	var lv *structpb.ListValue
	if err := ae.Details(&ov, &lv); err != nil {
		return nil, err
	}
	return &apifailure.Failure{Message: ae.Message(), StackTrace: fmt.Sprintf("%v %d", got.GetEventTime().AsTime().UTC(), got.GetEventId()),
		FailureInfo: &apifailure.Failure_ApplicationFailureInfo{ApplicationFailureInfo: &apifailure.ApplicationFailureInfo{
			Type: ae.Type(), NonRetryable: ov.GetAutoUpgrade(), NextRetryDelay: durationpb.New(time.Duration(len(lv.GetValues())) * time.Second)}},
		Cause: &apifailure.Failure{Message: fmt.Sprint(got.GetTimerFiredEventAttributes().GetTimerId())}}, nil
}

// ChildOK moves the event later by d and sets its ID to the int64 maximum.
func ChildOK(ctx workflow.Context, ev *apihistory.HistoryEvent, d *durationpb.Duration) (*apihistory.HistoryEvent, error) {
	ev.EventTime = timestamppb.New(ev.GetEventTime().AsTime().Add(d.AsDuration()))
	ev.EventId = math.MaxInt64
	return ev, nil
}

// ChildFail fails with message details.
func ChildFail(ctx workflow.Context, ov *apiworkflow.VersioningOverride) error {
	lv, _ := structpb.NewList([]any{"a", 2})
	return temporal.NewNonRetryableApplicationError("child failed", "ProtoChildErr", nil, ov, lv)
}

// FailureWorkflow: an activity heartbeats message details and fails once
// (retried, the next attempt reads the details), another fails with
// message details, and the workflow fails with message details.
func FailureWorkflow(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 3}})
	var d *durationpb.Duration
	if err := workflow.ExecuteActivity(ctx, Flaky).Get(ctx, &d); err != nil {
		return err
	}
	err := workflow.ExecuteActivity(ctx, Boom).Get(ctx, nil)
	var ae *temporal.ApplicationError
	if !errors.As(err, &ae) {
		return fmt.Errorf("activity error %v is not an application error", err)
	}
	var ov *apiworkflow.VersioningOverride
	var n *wrapperspb.Int64Value
	if err := ae.Details(&ov, &n); err != nil {
		return err
	}
	if ov.GetPinned() != nil {
		if err := workflow.Sleep(ctx, d.AsDuration()); err != nil {
			return err
		}
	}
	return temporal.NewApplicationErrorWithOptions("workflow failed", "ProtoWF", temporal.ApplicationErrorOptions{NonRetryable: true,
		Details: []any{ov, wrapperspb.Int64(n.GetValue() + 1), &apifailure.Failure{Message: ae.Message(), Source: ae.Type()}}})
}

// Flaky heartbeats message details and fails on its first attempt; the
// second returns the duration it heartbeated.
func Flaky(ctx context.Context) (*durationpb.Duration, error) {
	if activity.HasHeartbeatDetails(ctx) {
		var wt *apicommon.WorkflowType
		var d *durationpb.Duration
		if err := activity.GetHeartbeatDetails(ctx, &wt, &d); err != nil {
			return nil, err
		}
		if wt.GetName() != "hb" {
			return nil, temporal.NewNonRetryableApplicationError("bad heartbeat "+wt.GetName(), "Bad", nil)
		}
		return d, nil
	}
	activity.RecordHeartbeat(ctx, &apicommon.WorkflowType{Name: "hb"}, durationpb.New(1500*time.Millisecond))
	return nil, temporal.NewApplicationError("first attempt", "Flaky", &apicommon.ActivityType{Name: "retry me"})
}

// Boom fails with message details.
func Boom(context.Context) error {
	return temporal.NewNonRetryableApplicationError("boom", "ProtoBoom", nil, Override(2), wrapperspb.Int64(math.MinInt64+1))
}

// MemoWorkflow reads message memo values, upserts more, runs a local
// activity and side effects with message values, and continues as new once.
func MemoWorkflow(ctx workflow.Context, n *wrapperspb.Int32Value) (*structpb.Struct, error) {
	dc := converter.GetDefaultDataConverter()
	out := map[string]any{}
	var exec *apicommon.WorkflowExecution
	var when *timestamppb.Timestamp
	fields := workflow.GetInfo(ctx).Memo.GetFields()
	if err := dc.FromPayload(fields["exec"], &exec); err != nil {
		return nil, err
	}
	if err := dc.FromPayload(fields["when"], &when); err != nil {
		return nil, err
	}
	out["memo"] = fmt.Sprintf("%s/%s %s", exec.GetWorkflowId(), exec.GetRunId(), when.AsTime().Format(time.RFC3339Nano))
	if n.GetValue() == 0 {
		if err := workflow.UpsertMemo(ctx, map[string]any{"dur": durationpb.New(time.Hour), "exec": &apicommon.WorkflowExecution{WorkflowId: "upserted"}}); err != nil {
			return nil, err
		}
		return nil, workflow.NewContinueAsNewError(ctx, MemoWorkflow, wrapperspb.Int32(n.GetValue()+1))
	}
	var dur *durationpb.Duration
	if err := dc.FromPayload(fields["dur"], &dur); err != nil {
		return nil, err
	}
	out["dur"] = dur.AsDuration().String()
	var se *apicommon.WorkflowType
	if err := workflow.SideEffect(ctx, func(workflow.Context) any { return &apicommon.WorkflowType{Name: "side"} }).Get(&se); err != nil {
		return nil, err
	}
	out["sideeffect"] = se.GetName()
	var ms *wrapperspb.UInt64Value
	err := workflow.MutableSideEffect(ctx, "m", func(workflow.Context) any { return wrapperspb.UInt64(math.MaxUint64) },
		func(a, b any) bool {
			return a.(*wrapperspb.UInt64Value).GetValue() == b.(*wrapperspb.UInt64Value).GetValue()
		}).Get(&ms)
	if err != nil {
		return nil, err
	}
	out["mutable"] = fmt.Sprint(ms.GetValue())
	lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: 10 * time.Second})
	var la *apicommon.RetryPolicy
	in := &apicommon.RetryPolicy{InitialInterval: durationpb.New(time.Millisecond), NonRetryableErrorTypes: []string{"x"}}
	if err := workflow.ExecuteLocalActivity(lctx, LocalEcho, in).Get(ctx, &la); err != nil {
		return nil, err
	}
	out["local"] = fmt.Sprintf("%v %v %v", la.GetNonRetryableErrorTypes(), la.GetInitialInterval().AsDuration(), la.GetMaximumInterval().AsDuration())
	return structpb.NewStruct(out)
}

// LocalEcho appends an error type and sets a duration.
func LocalEcho(_ context.Context, p *apicommon.RetryPolicy) (*apicommon.RetryPolicy, error) {
	p.NonRetryableErrorTypes = append(p.NonRetryableErrorTypes, "y")
	p.MaximumInterval = durationpb.New(0)
	return p, nil
}
