package workflow_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/workflow"
)

type ctxKey string

func TestContextValue(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]any, error) {
		a := workflow.WithValue(ctx, ctxKey("k"), "outer")
		b := workflow.WithValue(a, ctxKey("k"), "inner")
		c, cancel := workflow.WithCancel(b)
		defer cancel()
		d, cancelD := workflow.NewDisconnectedContext(b)
		defer cancelD()
		return []any{
			ctx.Value(ctxKey("k")), // not set on the workflow's context
			a.Value(ctxKey("k")),
			b.Value(ctxKey("k")), // the nearest wins
			c.Value(ctxKey("k")), // values pass through WithCancel
			d.Value(ctxKey("k")), // and through NewDisconnectedContext
			b.Value("k"),         // keys compare by type and value
		}, nil
	}
	got := result[[]any](t, wf)
	assert.Equal(t, []any{nil, "outer", "inner", "inner", "inner", nil}, got)
}

func TestContextMisusePanics(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		return []string{
			panicMessage(func() { workflow.WithValue(nil, ctxKey("k"), 1) }),
			panicMessage(func() { workflow.WithValue(ctx, nil, 1) }),
			panicMessage(func() { workflow.WithCancel(nil) }),
			panicMessage(func() { workflow.NewDisconnectedContext(nil) }),
		}, nil
	}
	got := result[[]string](t, wf)
	assert.Equal(t, []string{
		"workflow: WithValue of a nil parent Context",
		"workflow: WithValue with a nil key",
		"workflow: WithCancel of a nil parent Context",
		"workflow: NewDisconnectedContext of a nil parent Context",
	}, got)
}

func TestContextDeadline(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]bool, error) {
		_, rootOK := ctx.Deadline()
		c, cancel := workflow.WithCancel(ctx)
		defer cancel()
		_, childOK := c.Deadline()
		return []bool{rootOK, childOK}, nil
	}
	assert.Equal(t, []bool{false, false}, result[[]bool](t, wf), "no workflow context has a deadline unless one is set")
}

func TestWithCancel(t *testing.T) {
	t.Parallel()
	type state struct {
		ParentErr, ChildErr, GrandchildErr, SiblingErr bool
		ChildIsCanceled                                bool
		ChildErrIsErrCanceled                          bool
		DoneClosed                                     bool
		LateChildErr                                   bool
	}
	wf := func(ctx workflow.Context) ([]state, error) {
		snapshot := func(parent, child, grandchild, sibling workflow.Context) state {
			var s state
			s.ParentErr = parent.Err() != nil
			s.ChildErr = child.Err() != nil
			s.GrandchildErr = grandchild.Err() != nil
			s.SiblingErr = sibling.Err() != nil
			s.ChildIsCanceled = wfsim.IsCanceledError(child.Err())
			s.ChildErrIsErrCanceled = errors.Is(child.Err(), workflow.ErrCanceled)
			_, more := child.Done().ReceiveAsyncWithMoreFlag(nil)
			s.DoneClosed = !more
			return s
		}
		child, cancel := workflow.WithCancel(ctx)
		grandchild, cancelGrandchild := workflow.WithCancel(workflow.WithValue(child, ctxKey("k"), 1))
		defer cancelGrandchild()
		sibling, cancelSibling := workflow.WithCancel(ctx)
		defer cancelSibling()
		before := snapshot(ctx, child, grandchild, sibling)
		cancel()
		cancel() // a second call does nothing
		after := snapshot(ctx, child, grandchild, sibling)
		late, cancelLate := workflow.WithCancel(child)
		defer cancelLate()
		after.LateChildErr = late.Err() != nil // a child of a canceled context starts canceled
		return []state{before, after}, nil
	}
	got := result[[]state](t, wf)
	assert.Equal(t, state{}, got[0])
	assert.Equal(t, state{
		ChildErr: true, GrandchildErr: true, ChildIsCanceled: true, ChildErrIsErrCanceled: true,
		DoneClosed: true, LateChildErr: true,
	}, got[1], "cancel reaches the child and its descendants, never the parent or siblings")
}

func TestDoneInSelector(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		child, cancel := workflow.WithCancel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, time.Minute)
			tr.add(ctx, "cancel")
			cancel()
		})
		work := workflow.NewChannel(ctx)
		s := workflow.NewSelector(ctx)
		s.AddReceive(child.Done(), func(c workflow.ReceiveChannel, more bool) {
			tr.add(ctx, "done fired, more=%v, err=%v", more, child.Err())
		})
		s.AddReceive(work, func(c workflow.ReceiveChannel, more bool) { tr.add(ctx, "work") })
		s.Select(ctx)
		return tr, nil
	}
	assert.Equal(t, trace{"1m0s cancel", "1m0s done fired, more=false, err=canceled"}, result[trace](t, wf))
}

func TestDisconnectedContext(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		parent, cancelParent := workflow.WithCancel(ctx)
		disconnected, cancelDisconnected := workflow.NewDisconnectedContext(parent)
		cancelParent()
		tr.add(ctx, "parent canceled: parent err=%v, disconnected err=%v", parent.Err(), disconnected.Err())
		// Cleanup still works on the disconnected context.
		if err := workflow.Sleep(disconnected, time.Second); err != nil {
			return tr, err
		}
		tr.add(ctx, "slept on the disconnected context")
		cancelDisconnected()
		tr.add(ctx, "disconnected err=%v", disconnected.Err())
		return tr, nil
	}
	assert.Equal(t, trace{
		"0s parent canceled: parent err=canceled, disconnected err=<nil>",
		"1s slept on the disconnected context",
		"1s disconnected err=canceled",
	}, result[trace](t, wf))
}

func TestErrCanceled(t *testing.T) {
	t.Parallel()
	var ce *wfsim.CanceledError
	require.ErrorAs(t, workflow.ErrCanceled, &ce)
	assert.True(t, wfsim.IsCanceledError(workflow.ErrCanceled))
	assert.Equal(t, "canceled", workflow.ErrCanceled.Error())
}

func TestContextOfAnotherRunIsRejected(t *testing.T) {
	t.Parallel()
	// A context.Context-like value that is not a workflow context.
	var notWorkflow workflow.Context = fakeContext{}
	msg := panicMessage(func() { workflow.NewChannel(notWorkflow) })
	assert.Equal(t, "workflow: Context is not a workflow context (it holds no workflow run)", msg)
	assert.Equal(t, "workflow: nil Context", panicMessage(func() { workflow.NewChannel(nil) }))
}

type fakeContext struct{}

func (fakeContext) Deadline() (time.Time, bool) { return time.Time{}, false }
func (fakeContext) Done() workflow.Channel      { return nil }
func (fakeContext) Err() error                  { return nil }
func (fakeContext) Value(any) any               { return nil }
