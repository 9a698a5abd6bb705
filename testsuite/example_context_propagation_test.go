package testsuite_test

import (
	"context"
	"fmt"
	"time"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

type traceKey struct{}

// traceIDPropagator carries a trace ID in the "trace-id" header field.
type traceIDPropagator struct{}

func (traceIDPropagator) Inject(ctx context.Context, w workflow.HeaderWriter) error {
	return injectTraceID(ctx.Value(traceKey{}), w)
}

func (traceIDPropagator) InjectFromWorkflow(ctx workflow.Context, w workflow.HeaderWriter) error {
	return injectTraceID(ctx.Value(traceKey{}), w)
}

func injectTraceID(v any, w workflow.HeaderWriter) error {
	id, ok := v.(string)
	if !ok {
		return nil
	}
	p, err := converter.GetDefaultDataConverter().ToPayload(id)
	if err != nil {
		return err
	}
	w.Set("trace-id", p)
	return nil
}

func (traceIDPropagator) Extract(ctx context.Context, r workflow.HeaderReader) (context.Context, error) {
	if id, ok := traceID(r); ok {
		ctx = context.WithValue(ctx, traceKey{}, id)
	}
	return ctx, nil
}

func (traceIDPropagator) ExtractToWorkflow(ctx workflow.Context, r workflow.HeaderReader) (workflow.Context, error) {
	if id, ok := traceID(r); ok {
		ctx = workflow.WithValue(ctx, traceKey{}, id)
	}
	return ctx, nil
}

func traceID(r workflow.HeaderReader) (string, bool) {
	p, ok := r.Get("trace-id")
	if !ok {
		return "", false
	}
	var id string
	return id, converter.GetDefaultDataConverter().FromPayload(p, &id) == nil
}

func tracedActivity(ctx context.Context) (string, error) {
	return fmt.Sprint("activity sees ", ctx.Value(traceKey{})), nil
}

func tracedWorkflow(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var out string
	err := workflow.ExecuteActivity(ctx, tracedActivity).Get(ctx, &out)
	return fmt.Sprint("workflow sees ", ctx.Value(traceKey{}), "; ", out), err
}

// The workflow is started with a header, as a client's propagator would
// write it; the propagator extracts it into the workflow's context,
// injects it into the activity's header (recorded in the history) and
// extracts it into the activity's context.
func ExampleTestWorkflowEnvironment_SetContextPropagators() {
	p, _ := converter.GetDefaultDataConverter().ToPayload("trace-42")

	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetContextPropagators([]workflow.ContextPropagator{traceIDPropagator{}})
	env.SetHeader(&replay.Header{Fields: map[string]*converter.Payload{"trace-id": p}})
	env.RegisterActivity(tracedActivity)
	env.ExecuteWorkflow(tracedWorkflow)

	var result string
	if err := env.GetWorkflowResult(&result); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(result)
	for _, ev := range env.History().Events {
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
			fmt.Printf("ActivityTaskScheduled header: trace-id=%s\n", a.Header.Fields["trace-id"].Data)
		}
	}
	// Output:
	// workflow sees trace-42; activity sees trace-42
	// ActivityTaskScheduled header: trace-id="trace-42"
}
