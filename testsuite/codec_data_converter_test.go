package testsuite_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// boxCodec wraps every payload in a "binary/box" payload holding the
// payload's protobuf form, so a test can tell encoded payloads apart, and
// refuses to decode anything else.
type boxCodec struct{}

const boxEncoding = "binary/box"

func (boxCodec) Encode(ps []*converter.Payload) ([]*converter.Payload, error) {
	out := make([]*converter.Payload, len(ps))
	for i, p := range ps {
		b, err := p.Marshal()
		if err != nil {
			return ps, err
		}
		out[i] = &converter.Payload{Metadata: map[string][]byte{converter.MetadataEncoding: []byte(boxEncoding)}, Data: b}
	}
	return out, nil
}

func (boxCodec) Decode(ps []*converter.Payload) ([]*converter.Payload, error) {
	out := make([]*converter.Payload, len(ps))
	for i, p := range ps {
		// Strict, unlike a production codec: a payload that did not go
		// through Encode fails, so a test notices any path that skips it.
		if p.Encoding() != boxEncoding {
			return ps, fmt.Errorf("payload %d not boxed: %s", i, p.Encoding())
		}
		out[i] = new(converter.Payload)
		if err := out[i].Unmarshal(p.Data); err != nil {
			return ps, err
		}
	}
	return out, nil
}

func boxDataConverter() converter.DataConverter {
	return converter.NewCodecDataConverter(converter.GetDefaultDataConverter(), boxCodec{})
}

// boxFailureConverter encodes error details with boxDataConverter: as in
// Temporal, the default failure converter would encode them with the
// default data converter, whatever the environment's data converter.
func boxFailureConverter() wfsim.FailureConverter {
	return wfsim.NewDefaultFailureConverter(wfsim.DefaultFailureConverterOptions{DataConverter: boxDataConverter()})
}

type codecOrder struct {
	ID  string
	Qty int
}

func CodecGreet(_ context.Context, o codecOrder) (string, error) {
	return fmt.Sprintf("%s x%d", o.ID, o.Qty), nil
}

func CodecRefuse(context.Context) error {
	return wfsim.NewNonRetryableApplicationError("refused", "Refusal", nil, codecOrder{ID: "why", Qty: 1})
}

func CodecChild(_ workflow.Context, s string) (string, error) { return "child " + s, nil }

// CodecEverything sends and receives a value by every path a workflow has.
func CodecEverything(ctx workflow.Context, o codecOrder) (string, error) {
	if err := workflow.SetQueryHandler(ctx, "qty", func(prefix string) (string, error) {
		return fmt.Sprintf("%s%d", prefix, o.Qty), nil
	}); err != nil {
		return "", err
	}
	if err := workflow.SetUpdateHandler(ctx, "bump", func(_ workflow.Context, n int) (int, error) {
		o.Qty += n
		return o.Qty, nil
	}); err != nil {
		return "", err
	}
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var act string
	if err := workflow.ExecuteActivity(actx, CodecGreet, o).Get(ctx, &act); err != nil {
		return "", err
	}
	lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	var local string
	if err := workflow.ExecuteLocalActivity(lctx, CodecGreet, o).Get(ctx, &local); err != nil {
		return "", err
	}
	var side int
	if err := workflow.SideEffect(ctx, func(workflow.Context) any { return 7 }).Get(&side); err != nil {
		return "", err
	}
	var sig string
	workflow.GetSignalChannel(ctx, "go").Receive(ctx, &sig)
	var child string
	if err := workflow.ExecuteChildWorkflow(ctx, CodecChild, sig).Get(ctx, &child); err != nil {
		return "", err
	}
	var why codecOrder
	refusal := workflow.ExecuteActivity(actx, CodecRefuse).Get(ctx, nil)
	var appErr *wfsim.ApplicationError
	if !errors.As(refusal, &appErr) || appErr.Details(&why) != nil {
		return "", fmt.Errorf("want a refusal with details, got %v", refusal)
	}
	return strings.Join([]string{act, local, fmt.Sprint(side), sig, child, why.ID, fmt.Sprint(o.Qty)}, "|"), nil
}

func TestCodecDataConverterEncodesEveryPayload(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetDataConverter(boxDataConverter())
	env.SetFailureConverter(boxFailureConverter())
	env.RegisterActivity(CodecGreet)
	env.RegisterActivity(CodecRefuse)
	env.RegisterWorkflow(CodecChild)
	var queried string
	var bumped any
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow("qty", "qty=")
		require.NoError(t, err)
		require.NoError(t, v.Get(&queried))
		env.UpdateWorkflow("bump", "u1", &testsuite.TestUpdateCallback{
			OnComplete: func(v any, err error) { bumped = v; require.NoError(t, err) },
		}, 2)
		env.SignalWorkflow("go", "signal")
	}, time.Minute)

	env.ExecuteWorkflow(CodecEverything, codecOrder{ID: "o1", Qty: 3})

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, "o1 x3|o1 x3|7|signal|child signal|why|5", result)
	assert.Equal(t, "qty=3", queried)
	assert.EqualValues(t, 5, bumped)

	ids := env.WorkflowIDs()
	require.Len(t, ids, 2, "the workflow and its child")
	for _, id := range ids {
		for _, h := range env.Histories(id) {
			n := assertAllPayloadsBoxed(t, id, h)
			assert.Positive(t, n, "payloads in %s", id)
		}
	}
}

// assertAllPayloadsBoxed checks that every payload in the history's JSON
// form has the box encoding, except search attributes, which Temporal
// always encodes with the default converter. It returns how many it saw.
func assertAllPayloadsBoxed(t *testing.T, id string, h *replay.History) int {
	t.Helper()
	b, err := json.Marshal(h)
	require.NoError(t, err)
	var doc any
	require.NoError(t, json.Unmarshal(b, &doc))
	n := 0
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if md, ok := v["metadata"].(map[string]any); ok {
				if enc, ok := md["encoding"].(string); ok {
					raw, _ := base64.StdEncoding.DecodeString(enc)
					n++
					assert.Equal(t, boxEncoding, string(raw), "%s: payload at %s", id, path)
					return
				}
			}
			for k, x := range v {
				if k == "searchAttributes" {
					continue
				}
				walk(path+"."+k, x)
			}
		case []any:
			for i, x := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), x)
			}
		}
	}
	walk("", doc)
	return n
}

// CodecMocked calls a mocked activity and a mocked child, then fails with
// details.
func CodecMocked(ctx workflow.Context, o codecOrder) error {
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var act string
	if err := workflow.ExecuteActivity(actx, CodecGreet, o).Get(ctx, &act); err != nil {
		return err
	}
	var child string
	if err := workflow.ExecuteChildWorkflow(ctx, CodecChild, act).Get(ctx, &child); err != nil {
		return err
	}
	return wfsim.NewApplicationError("done badly", "Bad", codecOrder{ID: child, Qty: o.Qty})
}

func TestCodecDataConverterWithMocksAndFailure(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetDataConverter(boxDataConverter())
	env.SetFailureConverter(boxFailureConverter())
	env.RegisterWorkflow(CodecChild)
	env.OnActivity(CodecGreet, mock.Anything, codecOrder{ID: "o2", Qty: 4}).Return("mocked", nil)
	env.OnWorkflow(CodecChild, mock.Anything, "mocked").Return("child mocked", nil)

	env.ExecuteWorkflow(CodecMocked, codecOrder{ID: "o2", Qty: 4})

	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	var appErr *wfsim.ApplicationError
	require.ErrorAs(t, err, &appErr)
	var details codecOrder
	require.NoError(t, appErr.Details(&details))
	assert.Equal(t, codecOrder{ID: "child mocked", Qty: 4}, details)
	env.AssertExpectations(t)
	for _, id := range env.WorkflowIDs() {
		for _, h := range env.Histories(id) {
			assertAllPayloadsBoxed(t, id, h)
		}
	}
}

// CodecRuns records a version and a mutable side effect, then continues
// as new once with its count.
func CodecRuns(ctx workflow.Context, n int) (int, error) {
	v := workflow.GetVersion(ctx, "change", workflow.DefaultVersion, 1)
	var m int
	if err := workflow.MutableSideEffect(ctx, "m", func(workflow.Context) any { return n * 10 },
		func(a, b any) bool { return a == b }).Get(&m); err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, workflow.NewContinueAsNewError(ctx, CodecRuns, n+1)
	}
	return int(v) + m, nil
}

func TestCodecDataConverterAcrossContinueAsNew(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetDataConverter(boxDataConverter())
	env.FollowContinueAsNew(0)

	env.ExecuteWorkflow(CodecRuns, 0)

	require.NoError(t, env.GetWorkflowError())
	var got int
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, 11, got)
	hs := env.Histories(env.WorkflowIDs()[0])
	require.Len(t, hs, 2)
	for _, h := range hs {
		assert.Positive(t, assertAllPayloadsBoxed(t, "CodecRuns", h))
	}
}

func CodecHeartbeatThenHang(ctx context.Context) error {
	activity.RecordHeartbeat(ctx, codecOrder{ID: "progress", Qty: 1})
	<-ctx.Done()
	return ctx.Err()
}

func CodecLocalRefuse(context.Context) error {
	return wfsim.NewNonRetryableApplicationError("local refusal", "Refusal", nil, codecOrder{ID: "local"})
}

func CodecWaiter(ctx workflow.Context) (string, error) {
	var s string
	workflow.GetSignalChannel(ctx, "poke").Receive(ctx, &s)
	return s, nil
}

// CodecFailures collects failure details from a heartbeat timeout and a
// local activity, and signals a child.
func CodecFailures(ctx workflow.Context) (string, error) {
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: time.Hour, HeartbeatTimeout: time.Minute,
		RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 1},
	})
	var last codecOrder
	err := workflow.ExecuteActivity(actx, CodecHeartbeatThenHang).Get(ctx, nil)
	var te *wfsim.TimeoutError
	if !errors.As(err, &te) || te.LastHeartbeatDetails(&last) != nil {
		return "", fmt.Errorf("want a heartbeat timeout with details, got %v", err)
	}
	lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	var local codecOrder
	err = workflow.ExecuteLocalActivity(lctx, CodecLocalRefuse).Get(ctx, nil)
	var ae *wfsim.ApplicationError
	if !errors.As(err, &ae) || ae.Details(&local) != nil {
		return "", fmt.Errorf("want a local refusal with details, got %v", err)
	}
	child := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "waiter"}), CodecWaiter)
	if err := child.GetChildWorkflowExecution().Get(ctx, nil); err != nil {
		return "", err
	}
	if err := workflow.SignalExternalWorkflow(ctx, "waiter", "", "poke", "poked").Get(ctx, nil); err != nil {
		return "", err
	}
	var got string
	if err := child.Get(ctx, &got); err != nil {
		return "", err
	}
	return last.ID + "|" + local.ID + "|" + got, nil
}

func TestCodecDataConverterInFailuresAndSignals(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetDataConverter(boxDataConverter())
	env.SetFailureConverter(boxFailureConverter())
	env.RegisterActivity(CodecHeartbeatThenHang)
	env.RegisterActivity(CodecLocalRefuse)
	env.RegisterWorkflow(CodecWaiter)

	env.ExecuteWorkflow(CodecFailures)

	require.NoError(t, env.GetWorkflowError())
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "progress|local|poked", got)
	for _, id := range env.WorkflowIDs() {
		for _, h := range env.Histories(id) {
			assertAllPayloadsBoxed(t, id, h)
		}
	}
}

func TestActivityEnvironmentCodecDataConverter(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestActivityEnvironment(t)
	env.SetDataConverter(boxDataConverter())
	env.RegisterActivity(CodecGreet)
	env.RegisterActivity(CodecRefuse)

	v, err := env.ExecuteActivity(CodecGreet, codecOrder{ID: "a", Qty: 2})
	require.NoError(t, err)
	var s string
	require.NoError(t, v.Get(&s))
	assert.Equal(t, "a x2", s)
	ps := converter.GetPayloads(v)
	require.Len(t, ps.GetPayloads(), 1)
	assert.Equal(t, boxEncoding, ps.Payloads[0].Encoding(), "the result is encoded as a worker sends it")

	_, err = env.ExecuteActivity(CodecRefuse)
	var appErr *wfsim.ApplicationError
	require.ErrorAs(t, err, &appErr)
	var why codecOrder
	require.NoError(t, appErr.Details(&why))
	assert.Equal(t, "why", why.ID)
}
