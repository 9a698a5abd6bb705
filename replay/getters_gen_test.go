package replay_test

import (
	"testing"

	"github.com/wfsim/wfsim/internal/gengetters"
	"github.com/wfsim/wfsim/replay"
)

// getterTypes are the struct types getters_gen.go covers, by name; a struct
// added to the generator's files must be added here too.
var getterTypes = map[string]any{
	"ActivityTaskScheduledEventAttributes":                           replay.ActivityTaskScheduledEventAttributes{},
	"ActivityTaskStartedEventAttributes":                             replay.ActivityTaskStartedEventAttributes{},
	"ActivityTaskCompletedEventAttributes":                           replay.ActivityTaskCompletedEventAttributes{},
	"ActivityTaskFailedEventAttributes":                              replay.ActivityTaskFailedEventAttributes{},
	"ActivityTaskTimedOutEventAttributes":                            replay.ActivityTaskTimedOutEventAttributes{},
	"ActivityTaskCancelRequestedEventAttributes":                     replay.ActivityTaskCancelRequestedEventAttributes{},
	"ActivityTaskCanceledEventAttributes":                            replay.ActivityTaskCanceledEventAttributes{},
	"ActivityPropertiesModifiedExternallyEventAttributes":            replay.ActivityPropertiesModifiedExternallyEventAttributes{},
	"TimerStartedEventAttributes":                                    replay.TimerStartedEventAttributes{},
	"TimerFiredEventAttributes":                                      replay.TimerFiredEventAttributes{},
	"TimerCanceledEventAttributes":                                   replay.TimerCanceledEventAttributes{},
	"MarkerRecordedEventAttributes":                                  replay.MarkerRecordedEventAttributes{},
	"StartChildWorkflowExecutionInitiatedEventAttributes":            replay.StartChildWorkflowExecutionInitiatedEventAttributes{},
	"StartChildWorkflowExecutionFailedEventAttributes":               replay.StartChildWorkflowExecutionFailedEventAttributes{},
	"ChildWorkflowExecutionStartedEventAttributes":                   replay.ChildWorkflowExecutionStartedEventAttributes{},
	"ChildWorkflowExecutionCompletedEventAttributes":                 replay.ChildWorkflowExecutionCompletedEventAttributes{},
	"ChildWorkflowExecutionFailedEventAttributes":                    replay.ChildWorkflowExecutionFailedEventAttributes{},
	"ChildWorkflowExecutionCanceledEventAttributes":                  replay.ChildWorkflowExecutionCanceledEventAttributes{},
	"ChildWorkflowExecutionTimedOutEventAttributes":                  replay.ChildWorkflowExecutionTimedOutEventAttributes{},
	"ChildWorkflowExecutionTerminatedEventAttributes":                replay.ChildWorkflowExecutionTerminatedEventAttributes{},
	"SignalExternalWorkflowExecutionInitiatedEventAttributes":        replay.SignalExternalWorkflowExecutionInitiatedEventAttributes{},
	"SignalExternalWorkflowExecutionFailedEventAttributes":           replay.SignalExternalWorkflowExecutionFailedEventAttributes{},
	"ExternalWorkflowExecutionSignaledEventAttributes":               replay.ExternalWorkflowExecutionSignaledEventAttributes{},
	"RequestCancelExternalWorkflowExecutionInitiatedEventAttributes": replay.RequestCancelExternalWorkflowExecutionInitiatedEventAttributes{},
	"RequestCancelExternalWorkflowExecutionFailedEventAttributes":    replay.RequestCancelExternalWorkflowExecutionFailedEventAttributes{},
	"ExternalWorkflowExecutionCancelRequestedEventAttributes":        replay.ExternalWorkflowExecutionCancelRequestedEventAttributes{},
	"WorkflowType":                           replay.WorkflowType{},
	"ActivityType":                           replay.ActivityType{},
	"WorkflowExecution":                      replay.WorkflowExecution{},
	"TaskQueue":                              replay.TaskQueue{},
	"RetryPolicy":                            replay.RetryPolicy{},
	"Header":                                 replay.Header{},
	"WorkerVersionStamp":                     replay.WorkerVersionStamp{},
	"WorkflowTaskCompletedMetadata":          replay.WorkflowTaskCompletedMetadata{},
	"MeteringMetadata":                       replay.MeteringMetadata{},
	"Deployment":                             replay.Deployment{},
	"WorkerDeploymentVersion":                replay.WorkerDeploymentVersion{},
	"Priority":                               replay.Priority{},
	"UserMetadata":                           replay.UserMetadata{},
	"ResetPoints":                            replay.ResetPoints{},
	"ResetPointInfo":                         replay.ResetPointInfo{},
	"Link":                                   replay.Link{},
	"LinkWorkflowEvent":                      replay.LinkWorkflowEvent{},
	"LinkEventReference":                     replay.LinkEventReference{},
	"LinkRequestIDReference":                 replay.LinkRequestIDReference{},
	"LinkBatchJob":                           replay.LinkBatchJob{},
	"Principal":                              replay.Principal{},
	"NexusOperationScheduledEventAttributes": replay.NexusOperationScheduledEventAttributes{},
	"NexusOperationStartedEventAttributes":   replay.NexusOperationStartedEventAttributes{},
	"NexusOperationCompletedEventAttributes": replay.NexusOperationCompletedEventAttributes{},
	"NexusOperationFailedEventAttributes":    replay.NexusOperationFailedEventAttributes{},
	"NexusOperationTimedOutEventAttributes":  replay.NexusOperationTimedOutEventAttributes{},
	"NexusOperationCanceledEventAttributes":  replay.NexusOperationCanceledEventAttributes{},
	"NexusOperationCancelRequestedEventAttributes":             replay.NexusOperationCancelRequestedEventAttributes{},
	"NexusOperationCancelRequestCompletedEventAttributes":      replay.NexusOperationCancelRequestCompletedEventAttributes{},
	"NexusOperationCancelRequestFailedEventAttributes":         replay.NexusOperationCancelRequestFailedEventAttributes{},
	"WorkflowTaskScheduledEventAttributes":                     replay.WorkflowTaskScheduledEventAttributes{},
	"WorkflowTaskStartedEventAttributes":                       replay.WorkflowTaskStartedEventAttributes{},
	"WorkflowTaskCompletedEventAttributes":                     replay.WorkflowTaskCompletedEventAttributes{},
	"WorkflowTaskTimedOutEventAttributes":                      replay.WorkflowTaskTimedOutEventAttributes{},
	"WorkflowTaskFailedEventAttributes":                        replay.WorkflowTaskFailedEventAttributes{},
	"UpdateMeta":                                               replay.UpdateMeta{},
	"UpdateInput":                                              replay.UpdateInput{},
	"UpdateRequest":                                            replay.UpdateRequest{},
	"UpdateOutcome":                                            replay.UpdateOutcome{},
	"WorkflowExecutionUpdateAdmittedEventAttributes":           replay.WorkflowExecutionUpdateAdmittedEventAttributes{},
	"WorkflowExecutionUpdateAcceptedEventAttributes":           replay.WorkflowExecutionUpdateAcceptedEventAttributes{},
	"WorkflowExecutionUpdateRejectedEventAttributes":           replay.WorkflowExecutionUpdateRejectedEventAttributes{},
	"WorkflowExecutionUpdateCompletedEventAttributes":          replay.WorkflowExecutionUpdateCompletedEventAttributes{},
	"WorkflowExecutionStartedEventAttributes":                  replay.WorkflowExecutionStartedEventAttributes{},
	"WorkflowExecutionCompletedEventAttributes":                replay.WorkflowExecutionCompletedEventAttributes{},
	"WorkflowExecutionFailedEventAttributes":                   replay.WorkflowExecutionFailedEventAttributes{},
	"WorkflowExecutionTimedOutEventAttributes":                 replay.WorkflowExecutionTimedOutEventAttributes{},
	"WorkflowExecutionContinuedAsNewEventAttributes":           replay.WorkflowExecutionContinuedAsNewEventAttributes{},
	"WorkflowExecutionSignaledEventAttributes":                 replay.WorkflowExecutionSignaledEventAttributes{},
	"WorkflowExecutionTerminatedEventAttributes":               replay.WorkflowExecutionTerminatedEventAttributes{},
	"WorkflowExecutionCancelRequestedEventAttributes":          replay.WorkflowExecutionCancelRequestedEventAttributes{},
	"WorkflowExecutionCanceledEventAttributes":                 replay.WorkflowExecutionCanceledEventAttributes{},
	"UpsertWorkflowSearchAttributesEventAttributes":            replay.UpsertWorkflowSearchAttributesEventAttributes{},
	"WorkflowPropertiesModifiedEventAttributes":                replay.WorkflowPropertiesModifiedEventAttributes{},
	"WorkflowPropertiesModifiedExternallyEventAttributes":      replay.WorkflowPropertiesModifiedExternallyEventAttributes{},
	"WorkflowExecutionOptionsUpdatedEventAttributes":           replay.WorkflowExecutionOptionsUpdatedEventAttributes{},
	"WorkflowExecutionPausedEventAttributes":                   replay.WorkflowExecutionPausedEventAttributes{},
	"WorkflowExecutionUnpausedEventAttributes":                 replay.WorkflowExecutionUnpausedEventAttributes{},
	"WorkflowExecutionTimeSkippingTransitionedEventAttributes": replay.WorkflowExecutionTimeSkippingTransitionedEventAttributes{},
	"Event":       replay.Event{},
	"EventExtras": replay.EventExtras{},
	"History":     replay.History{},
}

// getters_gen.go is what the generator writes now: CI fails when a struct
// changed and nobody ran go generate.
func TestGettersGenerated(t *testing.T) {
	t.Parallel()
	if err := gengetters.CheckFile(".", "event_getters.go"); err != nil {
		t.Fatal(err)
	}
}

// Every exported field of every history struct has its getter, nil-safe,
// returning the field.
func TestGettersCoverEveryField(t *testing.T) {
	t.Parallel()
	cfg, err := gengetters.FromDirective(".", "event_getters.go")
	if err != nil {
		t.Fatal(err)
	}
	names, err := gengetters.StructTypes(cfg)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var values []any
	for _, n := range names {
		v, ok := getterTypes[n]
		if !ok {
			t.Errorf("struct %s has generated getters: add it to getterTypes", n)
			continue
		}
		seen[n] = true
		values = append(values, v)
	}
	for n := range getterTypes {
		if !seen[n] {
			t.Errorf("getterTypes has %s, which the generator does not see", n)
		}
	}
	if err := gengetters.Verify(values...); err != nil {
		t.Fatal(err)
	}
}
