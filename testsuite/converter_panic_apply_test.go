package testsuite_test

import (
	"errors"
	"testing"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// int64PanickyConverter is the default data converter, except that it
// panics when asked to decode into an *int64 (a bug in the user's
// converter, not a history that does not fit the code).
type int64PanickyConverter struct{ converter.DataConverter }

func (c int64PanickyConverter) FromPayload(p *converter.Payload, v any) error {
	if _, ok := v.(*int64); ok {
		panic("converter bug")
	}
	return c.DataConverter.FromPayload(p, v)
}

func (c int64PanickyConverter) FromPayloads(ps *converter.Payloads, vs ...any) error {
	for _, v := range vs {
		if _, ok := v.(*int64); ok {
			panic("converter bug")
		}
	}
	return c.DataConverter.FromPayloads(ps, vs...)
}

func sideEffectThenSleep(ctx workflow.Context) (int, error) {
	var v int
	if err := workflow.SideEffect(ctx, func(workflow.Context) any { return 7 }).Get(&v); err != nil {
		return 0, err
	}
	return v, workflow.Sleep(ctx, time.Minute)
}

// TestConverterPanicWhileApplyingAnEventIsAPanic: a panic of the user's
// data converter while the run applies a history event (a side effect's
// marker, whose ID it decodes) is a workflow panic, as Temporal's worker
// reports any panic of ProcessEvent that is not of its state machines
// (an unhandled failure), not a history that does not fit the code.
func TestConverterPanicWhileApplyingAnEventIsAPanic(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetDataConverter(int64PanickyConverter{converter.GetDefaultDataConverter()})
	env.RegisterWorkflow(sideEffectThenSleep)
	env.ExecuteWorkflow(sideEffectThenSleep)
	err := env.GetWorkflowError()
	var pe *wfsim.PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("want a *wfsim.PanicError, got %T: %v", err, err)
	}
}

// TestReplayConverterPanicWhileApplyingAnEventIsAPanic: the same, replayed:
// a replayer whose data converter panics decoding a side effect's marker
// gives a *replay.PanicError, not a NondeterminismError.
func TestReplayConverterPanicWhileApplyingAnEventIsAPanic(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(sideEffectThenSleep)
	env.ExecuteWorkflow(sideEffectThenSleep)
	if err := env.GetWorkflowError(); err != nil {
		t.Fatal(err)
	}
	r, err := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{
		DataConverter: int64PanickyConverter{converter.GetDefaultDataConverter()}})
	if err != nil {
		t.Fatal(err)
	}
	r.RegisterWorkflow(sideEffectThenSleep)
	err = r.ReplayWorkflowHistory(nil, env.History())
	var pe *replay.PanicError
	var nd *replay.NondeterminismError
	if !errors.As(err, &pe) || errors.As(err, &nd) {
		t.Fatalf("want a *replay.PanicError, got %T: %v", err, err)
	}
}
