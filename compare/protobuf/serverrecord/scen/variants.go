package scen

import (
	"errors"
	"time"

	apicommon "go.temporal.io/api/common/v1"
	apienums "go.temporal.io/api/enums/v1"
	apihistory "go.temporal.io/api/history/v1"
	apiworkflow "go.temporal.io/api/workflow/v1"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/structpb"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// Variant replays a recorded history (History, without the converter
// suffix) with changed code registered under the recorded type's name.
type Variant struct {
	Name     string
	Type     string
	History  string
	Workflow any
	WantErr  bool
}

// Variants read a different field of a decoded message than the recorded
// code did, so they issue a different command: nondeterminism.
var Variants = []Variant{
	{Name: "values-status", Type: "ValuesWorkflow", History: "values", Workflow: ValuesStatusChanged, WantErr: true},
	{Name: "messages-oneof", Type: "MessagesWorkflow", History: "messages", Workflow: MessagesOneofChanged, WantErr: true},
	{Name: "failure-details", Type: "FailureWorkflow", History: "failure", Workflow: FailureDetailsChanged, WantErr: true},
}

// ValuesStatusChanged tests another enum value than ValuesWorkflow: no
// timer first.
func ValuesStatusChanged(ctx workflow.Context, info *apiworkflow.WorkflowExecutionInfo, ov *apiworkflow.VersioningOverride) (*structpb.Struct, error) {
	if info.GetStatus() == apienums.WORKFLOW_EXECUTION_STATUS_RUNNING {
		if err := workflow.Sleep(ctx, time.Second); err != nil {
			return nil, err
		}
	}
	var echoed *apiworkflow.WorkflowExecutionInfo
	err := workflow.ExecuteActivity(actCtx(ctx), EchoInfo, info).Get(ctx, &echoed)
	return nil, err
}

// MessagesOneofChanged sleeps on a TimerFired member instead of an
// ActivityTaskScheduled one.
func MessagesOneofChanged(ctx workflow.Context, start *apicommon.WorkflowExecution) (*apihistory.History, error) {
	h := &apihistory.History{}
	ch := workflow.GetSignalChannel(ctx, "event")
	for len(h.Events) < 2 {
		var ev *apihistory.HistoryEvent
		ch.Receive(ctx, &ev)
		h.Events = append(h.Events, ev)
		if ev.GetTimerFiredEventAttributes() != nil {
			_ = workflow.Sleep(ctx, time.Second)
		}
	}
	return h, nil
}

// FailureDetailsChanged tests another oneof member of the details.
func FailureDetailsChanged(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second})
	var d *durationpb.Duration
	if err := workflow.ExecuteActivity(ctx, Flaky).Get(ctx, &d); err != nil {
		return err
	}
	err := workflow.ExecuteActivity(ctx, Boom).Get(ctx, nil)
	var ov *apiworkflow.VersioningOverride
	var ae *temporal.ApplicationError
	if errors.As(err, &ae) {
		_ = ae.Details(&ov)
	}
	if ov.GetAutoUpgrade() {
		_ = workflow.Sleep(ctx, time.Second)
	}
	return err
}
