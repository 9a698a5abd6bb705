// Package history stands in for Temporal's go.temporal.io/api/history/v1
// (imported as historypb) where code builds or inspects workflow
// histories — replay tests that assemble a history by hand, tests that walk
// the events a run recorded — so that such code ports by changing that
// import path too:
//
//	historypb "go.temporal.io/api/history/v1"  →  historypb "github.com/wfsim/wfsim/api/history/v1"
//
// Each type is an alias of the replay package's type of the same name:
// historypb.History is replay.History, historypb.ActivityTaskScheduledEventAttributes
// is replay.ActivityTaskScheduledEventAttributes, and so for every event's
// attributes. The one name that differs is HistoryEvent, Temporal's name for
// replay.Event. So a *historypb.History goes to
// worker.WorkflowReplayer.ReplayWorkflowHistory as it is, and what
// replay.ReadHistory returns is a *historypb.History.
//
// The messages have the nil-safe getters protoc-gen-go gives Temporal's
// (ev.GetActivityTaskScheduledEventAttributes().GetActivityType().GetName()),
// so code that reads histories through getters mostly ports unchanged. Code
// that builds messages or reads their fields directly meets wfsim's shapes,
// which differ from protobuf's (the replay package's doc has the full
// list):
//
//   - Fields are named in Go style (ActivityID, WorkflowTaskCompletedEventID
//     where protobuf has ActivityId, WorkflowTaskCompletedEventId); the
//     getters keep protobuf's names.
//   - Durations and times are time.Duration and time.Time, not
//     *durationpb.Duration and *timestamppb.Timestamp: EventTime:
//     time.Now() where Temporal's code writes timestamppb.Now(), and drop
//     the .AsDuration() and .AsTime() calls.
//   - Small messages that every event of a type carries (TaskQueue,
//     WorkflowType, ActivityType, most WorkflowExecutions) are held by
//     value: ActivityType: commonpb.ActivityType{Name: "Greet"}, without &.
//     Failures are *failurepb.Failure (the root package's Failure) and
//     enums are the types of api/enums/v1.
//   - There are no oneof wrappers: HistoryEvent.Attributes holds the
//     attributes struct itself, so Temporal's
//     Attributes: &historypb.HistoryEvent_TimerFiredEventAttributes{TimerFiredEventAttributes: attrs}
//     is Attributes: attrs, and a type switch on ev.GetAttributes() has
//     cases *historypb.TimerFiredEventAttributes rather than
//     *historypb.HistoryEvent_TimerFiredEventAttributes.
//   - There is no proto.Message behind them: use replay.ReadHistory and
//     History.WriteJSON where Temporal's code uses protojson, and
//     go-cmp or reflect.DeepEqual where it uses proto.Equal.
//
// History, HistoryEvent and the attributes of every event type of
// go.temporal.io/api v1.64.3 are here. Left out are the oneof wrappers
// (HistoryEvent_…EventAttributes) and the two nested messages wfsim does
// not model, DeclinedTargetVersionUpgrade and
// WorkflowExecutionOptionsUpdatedEventAttributes_WorkflowUpdateOptionsUpdate,
// so code using them fails to compile rather than behave differently.
package history

//go:generate go run ../../../internal/genaliases/cmd/genaliases -out history_gen.go -src ../../../replay History Event=HistoryEvent *EventAttributes
