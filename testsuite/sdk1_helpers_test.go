package testsuite_test

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
	"time"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/workflow"
)

// Shared fixtures of the sdk1_*_test.go ports of Temporal's
// internal/internal_workflow_testsuite_test.go (its first tests, up to
// Test_ChildWorkflow_StartFailed).

// sdk1ActivityOptions are the activity options of Temporal's suite.
var sdk1ActivityOptions = workflow.ActivityOptions{
	ScheduleToStartTimeout: time.Minute,
	StartToCloseTimeout:    time.Minute,
	HeartbeatTimeout:       20 * time.Second,
}

// sdk1Hello greets msg.
func sdk1Hello(_ context.Context, msg string) (string, error) {
	return "hello_" + msg, nil
}

// sdk1HelloWorkflow returns what sdk1Hello says to "world".
func sdk1HelloWorkflow(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, sdk1ActivityOptions)
	var greeting string
	if err := workflow.ExecuteActivity(ctx, sdk1Hello, "world").Get(ctx, &greeting); err != nil {
		return "", err
	}
	return greeting, nil
}

// sdk1HelloAgainWorkflow greets like sdk1HelloWorkflow, then continues as new
// until times reaches zero.
func sdk1HelloAgainWorkflow(ctx workflow.Context, times int) (string, error) {
	greeting, err := sdk1HelloWorkflow(ctx)
	if err != nil {
		return "", err
	}
	if times > 0 {
		return "", workflow.NewContinueAsNewError(ctx, sdk1HelloAgainWorkflow, times-1)
	}
	return greeting, nil
}

// sdk1Heartbeating heartbeats, then sleeps a second at a time until wait has
// passed, and returns "heartbeat_" + msg; canceled, it returns its context's
// error.
func sdk1Heartbeating(ctx context.Context, msg string, wait time.Duration) (string, error) {
	for slept := time.Duration(0); slept < wait; {
		activity.RecordHeartbeat(ctx)
		if err := ctx.Err(); err != nil {
			return "", err
		}
		d := min(time.Second, wait-slept)
		time.Sleep(d)
		slept += d
	}
	return "heartbeat_" + msg, nil
}

// sdk1HeartbeatingWorkflow runs sdk1Heartbeating.
func sdk1HeartbeatingWorkflow(ctx workflow.Context, msg string, wait time.Duration) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, sdk1ActivityOptions)
	var result string
	err := workflow.ExecuteActivity(ctx, sdk1Heartbeating, msg, wait).Get(ctx, &result)
	return result, err
}

// sdk1GobConverter encodes every value with encoding/gob, as the test data
// converter of Temporal's SDK does: a converter other than the default JSON
// one, to check that the one in force is used end to end.
type sdk1GobConverter struct{}

func sdk1GobDataConverter() converter.DataConverter {
	return converter.NewCompositeDataConverter(sdk1GobConverter{})
}

func (sdk1GobConverter) Encoding() string { return "binary/gob" }

func (c sdk1GobConverter) ToPayload(value any) (*converter.Payload, error) {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(value); err != nil {
		return nil, fmt.Errorf("gob: %w", err)
	}
	return &converter.Payload{
		Metadata: map[string][]byte{"encoding": []byte(c.Encoding())},
		Data:     buf.Bytes(),
	}, nil
}

func (sdk1GobConverter) FromPayload(p *converter.Payload, valuePtr any) error {
	return gob.NewDecoder(bytes.NewReader(p.Data)).Decode(valuePtr)
}

func (sdk1GobConverter) ToString(p *converter.Payload) string {
	return fmt.Sprintf("gob(%d bytes)", len(p.Data))
}
