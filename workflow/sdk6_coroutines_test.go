package workflow_test

// Ports of the ordering tests of Temporal's internal/internal_coroutines_test.go
// (beyond sdk6's range, internal_workflow_test.go, which they complement):
// each records what its coroutines did, in order, and compares it with the
// order Temporal's dispatcher gives: passes over the coroutines in creation
// order, each ready one running until it blocks, until a pass makes no
// progress. Workflow code relies on exactly this order. Temporal drives a
// bare dispatcher; here the same code runs as a workflow, and the trace is
// read with a query once the run is over (so that lines coroutines add after
// the workflow function returned, in the same workflow task, count too).

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/workflow"
)

// sdk6Traced runs body as a workflow and returns the lines it added.
func sdk6Traced(t *testing.T, body func(ctx workflow.Context, add func(format string, args ...any))) []string {
	t.Helper()
	env := sdk6Env()
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		var lines []string
		if err := workflow.SetQueryHandler(ctx, "trace", func() ([]string, error) { return lines, nil }); err != nil {
			return err
		}
		body(ctx, func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) })
		return nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	v, err := env.QueryWorkflow("trace")
	require.NoError(t, err)
	var lines []string
	require.NoError(t, v.Get(&lines))
	return lines
}

// Temporal: internal/internal_coroutines_test.go TestNonBlockingChildren
func TestSDK6ChildrenRunAfterTheRootBlocksOrEnds(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		for i := range 10 {
			workflow.Go(ctx, func(workflow.Context) { add("child-%d", i) })
		}
		add("root")
	})
	want := []string{"root"}
	for i := range 10 {
		want = append(want, fmt.Sprintf("child-%d", i))
	}
	require.Equal(t, want, got)
}

// Temporal: internal/internal_coroutines_test.go TestNonbufferedChannel
func TestSDK6UnbufferedSendWaitsForReceiver(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		c := workflow.NewChannel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			add("child-start")
			var v string
			more := c.Receive(ctx, &v)
			add("child-end-%v-%v", v, more)
		})
		add("root-before-channel-put")
		c.Send(ctx, "value1")
		add("root-after-channel-put")
	})
	require.Equal(t, []string{
		"root-before-channel-put",
		"child-start",
		"child-end-value1-true",
		"root-after-channel-put",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestBufferedChannelPut
func TestSDK6BufferedSendBlocksOnlyWhenFull(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		c := workflow.NewBufferedChannel(ctx, 1)
		workflow.Go(ctx, func(ctx workflow.Context) {
			add("child-start len=%d", c.Len())
			var v1, v2 string
			c.Receive(ctx, &v1)
			add("child-end-%v len=%d", v1, c.Len())
			c.Receive(ctx, &v2)
			add("child-end-%v len=%d", v2, c.Len())
		})
		add("root-before-channel-put len=%d", c.Len())
		c.Send(ctx, "value1")
		add("root-after-channel-put1 len=%d", c.Len())
		c.Send(ctx, "value2") // blocks: the child takes the buffered value, then this one
		add("root-after-channel-put2 len=%d", c.Len())
	})
	require.Equal(t, []string{
		"root-before-channel-put len=0",
		"root-after-channel-put1 len=1",
		"child-start len=2",
		"child-end-value1 len=1",
		"child-end-value2 len=0",
		"root-after-channel-put2 len=0",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestBufferedChannelGet
func TestSDK6BufferedReceiveAndBlockedSenders(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		c1 := workflow.NewChannel(ctx)
		c2 := workflow.NewBufferedChannel(ctx, 2)
		for _, name := range []string{"child1", "child2"} {
			workflow.Go(ctx, func(ctx workflow.Context) {
				add("%s-start c2.len=%d", name, c2.Len())
				c2.Send(ctx, "bar-"+name)
				add("%s-get c2.len=%d", name, c2.Len())
				var v string
				c1.Receive(ctx, &v)
				add("%s-end-%v", name, v)
			})
		}
		add("root-before-channel-get1")
		c2.Receive(ctx, nil)
		add("root-before-channel-get2 c2.len=%d", c2.Len())
		c2.Receive(ctx, nil)
		add("root-before-channel-put c2.len=%d", c2.Len())
		c1.Send(ctx, "value1")
		add("root-after-channel-put1")
		c1.Send(ctx, "value2")
		add("root-after-channel-put2")
	})
	require.Equal(t, []string{
		"root-before-channel-get1",
		"child1-start c2.len=0",
		"child1-get c2.len=0", // its value went to the blocked Receive
		"child2-start c2.len=0",
		"child2-get c2.len=1",
		"root-before-channel-get2 c2.len=1",
		"root-before-channel-put c2.len=0",
		"root-after-channel-put1",
		"root-after-channel-put2",
		"child1-end-value1",
		"child2-end-value2",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestNotBlockingSelect
func TestSDK6SelectWithDefault(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		c1, c2 := workflow.NewBufferedChannel(ctx, 1), workflow.NewBufferedChannel(ctx, 1)
		s := workflow.NewSelector(ctx)
		for _, c := range []struct {
			name string
			ch   workflow.Channel
		}{{"c1", c1}, {"c2", c2}} {
			s.AddReceive(c.ch, func(ch workflow.ReceiveChannel, more bool) {
				var v string
				ch.Receive(ctx, &v)
				add("%s-%v-%v", c.name, v, more)
			})
		}
		s.AddDefault(func() { add("default") })
		add("pending %v", s.HasPending())
		c1.Send(ctx, "one")
		add("pending %v", s.HasPending())
		s.Select(ctx)
		add("pending %v", s.HasPending())
		c2.Send(ctx, "two")
		add("pending %v", s.HasPending())
		s.Select(ctx)
		s.Select(ctx)
		add("pending %v", s.HasPending())
	})
	require.Equal(t, []string{
		"pending false", "pending true", "c1-one-true", "pending false",
		"pending true", "c2-two-true", "default", "pending false",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestBlockingSelect
func TestSDK6BlockingSelectTakesFirstReadyBranch(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		c1, c2 := sdk6TwoSenders(ctx, add)
		s := workflow.NewSelector(ctx)
		s.AddReceive(c1, func(c workflow.ReceiveChannel, more bool) {
			n := c.Len()
			var v string
			c.Receive(ctx, &v)
			add("c1-%v len %d then %d", v, n, c.Len())
		}).AddReceive(c2, func(c workflow.ReceiveChannel, more bool) {
			var v string
			c.Receive(ctx, &v)
			add("c2-%v", v)
		})
		add("select1 pending %v", s.HasPending())
		s.Select(ctx)
		add("select2")
		s.Select(ctx)
		add("done")
	})
	require.Equal(t, []string{
		"select1 pending false",
		"add-one",
		"add-one-done",
		"add-two",
		"c1-one len 1 then 0",
		"select2",
		"c2-two",
		"done",
		"add-two-done",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestSelectBlockingDefaultWithDefaultFlags
//
// A value a Selector's branch took while its default branch blocked is
// not lost: the next Select gets it.
func TestSDK6SelectDefaultThatBlocksKeepsTheValue(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		c1, c2 := sdk6TwoSenders(ctx, add)
		s := workflow.NewSelector(ctx)
		var v string
		s.AddReceive(c1, func(c workflow.ReceiveChannel, more bool) {
			c.Receive(ctx, &v)
			add("c1-%v", v)
		}).AddDefault(func() {
			c2.Receive(ctx, &v)
			add("c2-%v", v)
		})
		add("select1")
		s.Select(ctx)
		add("select2 c1.len=%d", c1.Len())
		s.Select(ctx)
		add("done")
	})
	require.Equal(t, []string{
		"select1",
		"add-one",
		"add-one-done",
		"add-two",
		"add-two-done",
		"c2-two",
		"select2 c1.len=1",
		"c1-one",
		"done",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestBlockingSelectFuture
func TestSDK6BlockingSelectOnChannelAndFuture(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		c1 := workflow.NewChannel(ctx)
		f1, s1 := workflow.NewFuture(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			add("add-one")
			c1.Send(ctx, "one")
			add("add-one-done")
		})
		workflow.Go(ctx, func(ctx workflow.Context) {
			add("add-two")
			s1.SetValue("one-future")
		})
		s := workflow.NewSelector(ctx)
		s.AddReceive(c1, func(c workflow.ReceiveChannel, more bool) {
			var v string
			c.Receive(ctx, &v)
			add("c1-%v", v)
		}).AddFuture(f1, func(f workflow.Future) {
			var v string
			err := f.Get(ctx, &v)
			add("f1-%v-%v", v, err)
		})
		add("select1")
		s.Select(ctx)
		add("select2")
		s.Select(ctx)
		add("done")
	})
	require.Equal(t, []string{
		"select1",
		"add-one",
		"add-one-done",
		"add-two",
		"c1-one",
		"select2",
		"f1-one-future-<nil>",
		"done",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestBlockingSelectSend
func TestSDK6BlockingSelectReceiveAndSend(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		c1, c2 := workflow.NewChannel(ctx), workflow.NewChannel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			add("add-one")
			c1.Send(ctx, "one")
			add("add-one-done")
		})
		workflow.Go(ctx, func(ctx workflow.Context) {
			add("receiver c2.len=%d", c2.Len()) // the Selector's pending send
			var v string
			more := c2.Receive(ctx, &v)
			add("c2-%v-%v c2.len=%d", v, more, c2.Len())
		})
		s := workflow.NewSelector(ctx)
		s.AddReceive(c1, func(c workflow.ReceiveChannel, more bool) {
			var v string
			c.Receive(ctx, &v)
			add("c1-%v", v)
		}).AddSend(c2, "two", func() { add("send2") })
		add("select1")
		s.Select(ctx)
		add("select2")
		s.Select(ctx)
		add("done")
	})
	require.Equal(t, []string{
		"select1",
		"add-one",
		"add-one-done",
		"receiver c2.len=1",
		"c1-one",
		"select2",
		"send2",
		"done",
		"c2-two-true c2.len=0",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestBlockingSelectAsyncSend
func TestSDK6SelectWakesOnSendAsync(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		c1 := workflow.NewChannel(ctx)
		s := workflow.NewSelector(ctx)
		s.AddReceive(c1, func(c workflow.ReceiveChannel, more bool) {
			var v int
			c.Receive(ctx, &v)
			add("c1-%v", v)
		})
		for i := range 3 {
			workflow.Go(ctx, func(workflow.Context) {
				add("add-%v", i)
				c1.SendAsync(i)
			})
			add("select-%v", i)
			s.Select(ctx)
		}
		add("done")
	})
	require.Equal(t, []string{
		"select-0", "add-0", "c1-0",
		"select-1", "add-1", "c1-1",
		"select-2", "add-2", "c1-2",
		"done",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestSelectOnClosedChannel
func TestSDK6SelectDrainsThenSeesClosed(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		c := workflow.NewBufferedChannel(ctx, 1)
		c.Send(ctx, 5)
		c.Close()
		s := workflow.NewNamedSelector(ctx, "waiting for channel")
		s.AddReceive(c, func(f workflow.ReceiveChannel, more bool) {
			if !more {
				add("more from function is false")
				return
			}
			var n int
			if !f.Receive(ctx, &n) {
				add("more from receive is false")
				return
			}
			add("got message on channel: %v", n)
		})
		add("pending %v", s.HasPending())
		s.Select(ctx)
		add("pending %v", s.HasPending())
		s.Select(ctx)
		add("pending %v", s.HasPending())
	})
	require.Equal(t, []string{
		"pending true",
		"got message on channel: 5",
		"pending true",
		"more from function is false",
		"pending false", // the closed branch fired: later Selects leave it out
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestBlockingSelectAsyncSend2
func TestSDK6SelectOnBufferedChannelsFedAsync(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		c1, c2 := workflow.NewBufferedChannel(ctx, 100), workflow.NewBufferedChannel(ctx, 100)
		s := workflow.NewSelector(ctx)
		for _, c := range []struct {
			name string
			ch   workflow.Channel
		}{{"c1", c1}, {"c2", c2}} {
			s.AddReceive(c.ch, func(ch workflow.ReceiveChannel, more bool) {
				n := ch.Len()
				var v string
				ch.Receive(ctx, &v)
				add("%s-%v len %d then %d", c.name, v, n, ch.Len())
			})
		}
		add("send-s2 pending %v", s.HasPending())
		c2.SendAsync("s2")
		add("select-0 pending %v", s.HasPending())
		s.Select(ctx)
		add("send-s1 pending %v", s.HasPending())
		c1.SendAsync("s1")
		add("select-1 pending %v", s.HasPending())
		s.Select(ctx)
		add("done pending %v", s.HasPending())
	})
	require.Equal(t, []string{
		"send-s2 pending false",
		"select-0 pending true",
		"c2-s2 len 1 then 0",
		"send-s1 pending false",
		"select-1 pending true",
		"c1-s1 len 1 then 0",
		"done pending false",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestSendSelect
// Temporal: internal/internal_coroutines_test.go TestSendSelectWithAsyncReceive
func TestSDK6SelectSendsToWhicheverReceiverComes(t *testing.T) {
	t.Parallel()
	for _, async := range []bool{false, true} {
		t.Run(fmt.Sprintf("ReceiveAsync=%v", async), func(t *testing.T) {
			t.Parallel()
			got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
				c1, c2 := workflow.NewChannel(ctx), workflow.NewChannel(ctx)
				workflow.Go(ctx, func(ctx workflow.Context) {
					add("receiver lens %d %d", c1.Len(), c2.Len())
					var v string
					if async {
						ok, more := c2.ReceiveAsyncWithMoreFlag(&v)
						add("c2-%v %v %v", v, ok, more)
					} else {
						more := c2.Receive(ctx, &v)
						add("c2-%v %v", v, more)
					}
					c1.Receive(ctx, &v)
					add("c1-%v lens %d %d", v, c1.Len(), c2.Len())
				})
				s := workflow.NewSelector(ctx)
				s.AddSend(c1, "one", func() { add("send1") }).AddSend(c2, "two", func() { add("send2") })
				add("select1")
				s.Select(ctx)
				add("select2 pending %v", s.HasPending())
				s.Select(ctx)
				add("done pending %v", s.HasPending())
			})
			c2 := "c2-two true"
			if async {
				c2 = "c2-two true true"
			}
			require.Equal(t, []string{
				"select1",
				"receiver lens 1 1",
				c2,
				"send2",
				"select2 pending true",
				"send1",
				"done pending false",
				"c1-one lens 0 0",
			}, got)
		})
	}
}

// Temporal: internal/internal_coroutines_test.go TestChannelClose
func TestSDK6ClosedBufferedChannelDrainsFirst(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		jobs := workflow.NewBufferedChannel(ctx, 5)
		done := workflow.NewNamedChannel(ctx, "done")
		workflow.GoNamed(ctx, "receiver", func(ctx workflow.Context) {
			for {
				var j int
				if !jobs.Receive(ctx, &j) {
					add("received all jobs")
					done.Send(ctx, true)
					return
				}
				add("received job %v", j)
			}
		})
		for j := 1; j <= 3; j++ {
			jobs.Send(ctx, j)
			add("sent job %v", j)
		}
		jobs.Close()
		add("sent all jobs")
		done.Receive(ctx, nil)
		add("done")
	})
	require.Equal(t, []string{
		"sent job 1", "sent job 2", "sent job 3", "sent all jobs",
		"received job 1", "received job 2", "received job 3", "received all jobs",
		"done",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestNonbufferedChannelBlockedReceive
//
// Temporal sends on c2 from outside its dispatcher; here a driver coroutine
// sends after a Sleep, so each value comes in a later workflow task.
func TestSDK6ReceiversTakeValuesAsTheyCome(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		c1, c2 := workflow.NewChannel(ctx), workflow.NewChannel(ctx)
		wg := workflow.NewWaitGroup(ctx)
		wg.Go(ctx, func(ctx workflow.Context) {
			var v string
			c1.Receive(ctx, &v)
			add("child1-end1-%v", v)
			c1.Receive(ctx, &v)
			add("child1-end2-%v", v)
		})
		wg.Go(ctx, func(ctx workflow.Context) {
			add("child2-start")
			var v string
			c2.Receive(ctx, &v)
			add("child2-end1-%v", v)
			c2.Receive(ctx, &v)
			add("child2-end2-%v", v)
		})
		wg.Go(ctx, func(ctx workflow.Context) {
			for _, v := range []string{"value21", "value22"} {
				_ = workflow.Sleep(ctx, time.Minute)
				add("send %s: %v", v, c2.SendAsync(v))
			}
		})
		add("root-before-channel-put")
		c1.Send(ctx, "value11")
		c1.Send(ctx, "value12")
		add("root-after-channel-put")
		wg.Wait(ctx)
	})
	require.Equal(t, []string{
		"root-before-channel-put",
		"child1-end1-value11",
		"child2-start",
		// The root's second Send finds child1 waiting and returns at once;
		// child1 runs on in the dispatcher's next pass.
		"root-after-channel-put",
		"child1-end2-value12",
		"send value21: true",
		"child2-end1-value21",
		"send value22: true",
		"child2-end2-value22",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestChannelName
func TestSDK6ChannelNames(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		ch := workflow.NewNamedChannel(ctx, "named-channel")
		var r workflow.ReceiveChannel = ch
		var s workflow.SendChannel = ch
		add(workflow.NewNamedBufferedChannel(ctx, "named-buffered-channel", 1).Name())
		add("%s %s %s", ch.Name(), r.Name(), s.Name())
		add(workflow.GetSignalChannel(ctx, "signal-channel").Name())
	})
	require.Equal(t, []string{"named-buffered-channel", "named-channel named-channel named-channel", "signal-channel"}, got)
}

// Temporal: internal/internal_coroutines_test.go TestDispatcherDeferClose
// Temporal: internal/internal_coroutines_test.go TestDispatcherDeferCloseRace
// Temporal: internal/internal_coroutines_test.go TestDispatchClose
//
// When the workflow returns, every coroutine still blocked is unwound: its
// deferred calls run (the root's first, then the others in creation order),
// and none goes on past its blocking call.
func TestSDK6BlockedCoroutinesUnwoundAtTheEnd(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	env.DisableReplayCheck() // count the first run only
	var deferred []int
	past := 0
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		c := workflow.NewNamedChannel(ctx, "forever_blocked")
		for i := range 100 {
			workflow.GoNamed(ctx, fmt.Sprintf("c-%d", i), func(ctx workflow.Context) {
				defer func() { deferred = append(deferred, i) }()
				c.Receive(ctx, nil)
				past++
			})
		}
		return workflow.Sleep(ctx, time.Minute)
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	require.Zero(t, past)
	want := make([]int, 100)
	for i := range want {
		want[i] = i
	}
	require.Equal(t, want, deferred, "unwound in creation order, as Temporal's dispatcher closes them")
}

// sdk6TwoSenders starts Temporal's two tracing senders of its selector
// tests: one sends "one" on c1, the next "two" on c2.
func sdk6TwoSenders(ctx workflow.Context, add func(string, ...any)) (c1, c2 workflow.Channel) {
	c1, c2 = workflow.NewChannel(ctx), workflow.NewChannel(ctx)
	workflow.Go(ctx, func(ctx workflow.Context) {
		add("add-one")
		c1.Send(ctx, "one")
		add("add-one-done")
	})
	workflow.Go(ctx, func(ctx workflow.Context) {
		add("add-two")
		c2.Send(ctx, "two")
		add("add-two-done")
	})
	return c1, c2
}
