package workflow_test

// Ports of the channel and selector tests of Temporal's
// internal/internal_workflow_test.go. Where coroutines hand values to each
// other, the tests also pin the order they run in: Temporal's dispatcher
// passes over its coroutines in creation order, running each ready one
// until it blocks, and workflow code relies on that order.

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Temporal: internal/internal_workflow_test.go Test_CloseChannelWorkflow
func TestSDK6ReceiverClosesChannelAfterSend(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]string, error) {
		var steps []string
		ch := workflow.NewChannel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			var v struct{}
			more := ch.Receive(ctx, &v)
			ch.Close()
			steps = append(steps, fmt.Sprintf("received, more=%v, closed", more))
		})
		ch.Send(ctx, struct{}{})
		steps = append(steps, "sent")
		return steps, nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var steps []string
	require.NoError(t, env.GetWorkflowResult(&steps))
	// The sender blocks first; the receiver takes the value and runs on
	// until it ends; the sender resumes on the dispatcher's next pass.
	require.Equal(t, []string{"received, more=true, closed", "sent"}, steps)
}

// Temporal: internal/internal_workflow_test.go Test_CloseChannelInSelectWorkflow
//
// Closing a channel a Selector waits to send on does not pick that send
// branch: the Selector takes the receive branch that becomes ready.
func TestSDK6ClosingChannelDoesNotFireSelectorSend(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		sel := workflow.NewSelector(ctx)
		sendCh, receiveCh := workflow.NewChannel(ctx), workflow.NewChannel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			sendCh.Close()
			receiveCh.Send(ctx, "expected value")
		})
		var v string
		sel.AddSend(sendCh, struct{}{}, func() { panic("the send branch ran") })
		sel.AddReceive(receiveCh, func(c workflow.ReceiveChannel, _ bool) { c.Receive(ctx, &v) })
		sel.Select(ctx)
		return v, nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var v string
	require.NoError(t, env.GetWorkflowResult(&v))
	require.Equal(t, "expected value", v)
}

// Temporal: internal/internal_workflow_test.go Test_SelectDoesntLoopForever
//
// A receive branch on a closed channel fires once; later Selects leave it
// out, so a loop over Select blocks instead of spinning. With nothing else
// pending the run is then deadlocked (Temporal's test environment waits for
// its run timeout instead); either way the workflow fails.
func TestSDK6ClosedReceiveBranchFiresOnce(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(nil)
	env := s.NewTestWorkflowEnvironment()
	env.DisableReplayCheck() // the count below is of the first run only
	selects := 0
	var branch []bool
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		canceled, cancel := workflow.WithCancel(ctx)
		sel := workflow.NewSelector(ctx)
		cancel()
		sel.AddReceive(canceled.Done(), func(c workflow.ReceiveChannel, more bool) {
			branch = append(branch, c.Receive(ctx, nil), more)
		})
		for {
			sel.Select(ctx)
			selects++
		}
	})
	require.True(t, env.IsWorkflowCompleted())
	var deadlock *testsuite.DeadlockError
	require.ErrorAs(t, env.GetWorkflowError(), &deadlock)
	require.Equal(t, 1, selects)
	require.Equal(t, []bool{false, false}, branch)
}

// Temporal: internal/internal_workflow_test.go Test_BufferedChanWorkflow
func TestSDK6BufferedChannelSenderBlocksWhenFull(t *testing.T) {
	t.Parallel()
	for _, size := range []int{1, 5} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			t.Parallel()
			env := sdk6Env()
			env.ExecuteWorkflow(func(ctx workflow.Context, size int) ([]string, error) {
				var steps []string
				ch := workflow.NewBufferedChannel(ctx, size)
				workflow.Go(ctx, func(ctx workflow.Context) {
					for range size {
						var n int
						ch.Receive(ctx, &n)
						steps = append(steps, fmt.Sprintf("received %d", n))
					}
				})
				for i := range size + 1 {
					ch.Send(ctx, i)
					steps = append(steps, fmt.Sprintf("sent %d", i))
				}
				steps = append(steps, fmt.Sprintf("left %d", ch.Len()))
				return steps, nil
			}, size)
			require.True(t, env.IsWorkflowCompleted())
			require.NoError(t, env.GetWorkflowError())
			var steps []string
			require.NoError(t, env.GetWorkflowResult(&steps))
			// The sender fills the buffer and blocks on one more; the
			// receiver, which frees a slot with its first receive, takes
			// size values before the sender runs again.
			var want []string
			for i := range size {
				want = append(want, fmt.Sprintf("sent %d", i))
			}
			for i := range size {
				want = append(want, fmt.Sprintf("received %d", i))
			}
			want = append(want, fmt.Sprintf("sent %d", size), "left 1")
			require.Equal(t, want, steps)
		})
	}
}

// Temporal: internal/internal_workflow_test.go Test_BufferedChanWithSelectorWorkflow
//
// A Selector waits to send on a full buffered channel, behind it a
// coroutine's blocked Send. When the Selector's other branch is taken, a
// receive on the buffered channel must skip the Selector's stale send and
// move the coroutine's value into the buffer, unblocking it.
func TestSDK6ReceiveSkipsStaleSelectorSend(t *testing.T) {
	t.Parallel()
	for _, size := range []int{1, 5} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			t.Parallel()
			env := sdk6Env()
			env.ExecuteWorkflow(func(ctx workflow.Context, size int) ([]string, error) {
				var steps []string
				buffered := workflow.NewBufferedChannel(ctx, size)
				selected, done := workflow.NewChannel(ctx), workflow.NewChannel(ctx)
				for range size {
					buffered.Send(ctx, struct{}{})
				}
				// The order of these two coroutines matters.
				workflow.Go(ctx, func(ctx workflow.Context) {
					buffered.Send(ctx, struct{}{}) // queued behind the Selector's send
					steps = append(steps, "blocked send done")
					done.Send(ctx, struct{}{})
				})
				workflow.Go(ctx, func(ctx workflow.Context) {
					selected.Receive(ctx, nil)
					steps = append(steps, "took the selected send")
					buffered.Receive(ctx, nil)
					steps = append(steps, "received from buffer")
				})
				sel := workflow.NewSelector(ctx)
				sel.AddSend(selected, struct{}{}, func() { steps = append(steps, "selected branch") })
				sel.AddSend(buffered, struct{}{}, func() { steps = append(steps, "buffered branch") })
				if sel.HasPending() {
					return nil, fmt.Errorf("pending before Select")
				}
				sel.Select(ctx)
				if sel.HasPending() {
					return nil, fmt.Errorf("pending after Select")
				}
				done.Receive(ctx, nil)
				steps = append(steps, fmt.Sprintf("done, %d buffered", buffered.Len()))
				return steps, nil
			}, size)
			require.True(t, env.IsWorkflowCompleted())
			require.NoError(t, env.GetWorkflowError())
			var steps []string
			require.NoError(t, env.GetWorkflowResult(&steps))
			require.Equal(t, []string{
				"took the selected send",
				"received from buffer",
				"selected branch",
				"blocked send done",
				fmt.Sprintf("done, %d buffered", size),
			}, steps)
		})
	}
}

// A receive branch whose channel closes while its Select waits runs for
// that Select with more=false, and its own Receive then still gets a (nil)
// value, more=true: the close is handed to the branch as a value, as
// Temporal's Selector hands it. The next Select finds the channel closed at
// once and leaves the branch out from then on; a third Select waits for the
// other branch.
func TestSDK6BranchClosedWhileWaiting(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		ch := workflow.NewChannel(ctx)
		workflow.Go(ctx, func(workflow.Context) { ch.Close() })
		sel := workflow.NewSelector(ctx)
		sel.AddReceive(ch, func(c workflow.ReceiveChannel, more bool) {
			m := c.Receive(ctx, nil)
			add("fired more=%v receive more=%v", more, m)
		})
		timedOut := false
		sel.AddFuture(workflow.NewTimer(ctx, time.Hour), func(workflow.Future) { timedOut = true })
		for i := 0; !timedOut && i < 5; i++ { // bounded: a regression must not spin forever
			sel.Select(ctx)
			add("select %d done", i)
		}
	})
	require.Equal(t, []string{
		"fired more=false receive more=true", "select 0 done",
		"fired more=false receive more=false", "select 1 done",
		"select 2 done",
	}, got)
}
