package workflow_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/wfsim/wfsim/workflow"
)

func TestSelectorFirstReadyInOrderOfAddition(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		a := workflow.NewNamedBufferedChannel(ctx, "a", 1)
		b := workflow.NewNamedBufferedChannel(ctx, "b", 1)
		f, set := workflow.NewFuture(ctx)
		b.Send(ctx, "from b") // readied first …
		a.Send(ctx, "from a")
		set.SetValue("from f")
		var got []string
		s := workflow.NewSelector(ctx)
		s.AddFuture(f, func(f workflow.Future) {
			var v string
			_ = f.Get(ctx, &v)
			got = append(got, v)
		})
		receive := func(c workflow.ReceiveChannel, more bool) {
			var v string
			c.Receive(ctx, &v)
			got = append(got, v)
		}
		s.AddReceive(a, receive)
		s.AddReceive(b, receive)
		for range 3 {
			s.Select(ctx) // … but the order of addition decides
		}
		return got, nil
	}
	assert.Equal(t, []string{"from f", "from a", "from b"}, result[[]string](t, wf))
}

func TestSelectorFirstToBecomeReadyWins(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		slow := workflow.NewNamedChannel(ctx, "slow")
		fast := workflow.NewNamedChannel(ctx, "fast")
		sendAfter(ctx, slow, 2*time.Minute, "slow")
		sendAfter(ctx, fast, time.Minute, "fast")
		s := workflow.NewSelector(ctx)
		receive := func(c workflow.ReceiveChannel, more bool) {
			var v string
			c.Receive(ctx, &v)
			tr.add(ctx, "got %s", v)
		}
		s.AddReceive(slow, receive) // added first, ready last
		s.AddReceive(fast, receive)
		s.Select(ctx)
		s.Select(ctx)
		return tr, nil
	}
	assert.Equal(t, trace{"1m0s got fast", "2m0s got slow"}, result[trace](t, wf))
}

func TestSelectorSameTaskReadinessOrder(t *testing.T) {
	t.Parallel()
	// Two coroutines make two branches ready while the selecting coroutine
	// is blocked; the one that runs first (creation order) wins.
	wf := func(ctx workflow.Context) (string, error) {
		x := workflow.NewNamedChannel(ctx, "x")
		y := workflow.NewNamedChannel(ctx, "y")
		var got string
		workflow.Go(ctx, func(ctx workflow.Context) {
			s := workflow.NewSelector(ctx)
			s.AddReceive(x, func(c workflow.ReceiveChannel, more bool) { c.Receive(ctx, &got) })
			s.AddReceive(y, func(c workflow.ReceiveChannel, more bool) { c.Receive(ctx, &got) })
			s.Select(ctx)
		})
		_ = workflow.Sleep(ctx, time.Second) // the selector waits now
		workflow.Go(ctx, func(ctx workflow.Context) { y.SendAsync("y") })
		workflow.Go(ctx, func(ctx workflow.Context) { x.SendAsync("x") })
		_ = workflow.Sleep(ctx, time.Second)
		return got, nil
	}
	assert.Equal(t, "y", result[string](t, wf))
}

func TestSelectorFutureFiresOncePerSelector(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		f, set := workflow.NewFuture(ctx)
		set.SetValue(1)
		ch := workflow.NewChannel(ctx)
		sendAfter(ctx, ch, time.Hour, "later")
		s := workflow.NewSelector(ctx)
		s.AddFuture(f, func(workflow.Future) { tr.add(ctx, "future") })
		s.AddReceive(ch, func(c workflow.ReceiveChannel, more bool) {
			c.Receive(ctx, nil)
			tr.add(ctx, "channel")
		})
		s.Select(ctx) // the ready future
		s.Select(ctx) // the future branch is spent: waits for the channel
		tr.add(ctx, "pending=%v", s.HasPending())
		// A new Selector on the same future fires again.
		workflow.NewSelector(ctx).AddFuture(f, func(workflow.Future) { tr.add(ctx, "future again") }).Select(ctx)
		return tr, nil
	}
	assert.Equal(t, trace{"0s future", "1h0m0s channel", "1h0m0s pending=false", "1h0m0s future again"}, result[trace](t, wf))
}

func TestSelectorDefault(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		ch := workflow.NewBufferedChannel(ctx, 1)
		var got []string
		s := workflow.NewSelector(ctx)
		s.AddReceive(ch, func(c workflow.ReceiveChannel, more bool) {
			c.Receive(ctx, nil)
			got = append(got, "receive")
		})
		s.AddDefault(func() { got = append(got, "default") })
		s.Select(ctx) // nothing ready: default
		ch.Send(ctx, 1)
		s.Select(ctx) // a ready branch beats the default
		return got, nil
	}
	assert.Equal(t, []string{"default", "receive"}, result[[]string](t, wf))
}

func TestSelectorAddSend(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		out := workflow.NewNamedChannel(ctx, "out")
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, time.Minute)
			var v string
			out.Receive(ctx, &v)
			tr.add(ctx, "receiver got %s", v)
		})
		s := workflow.NewSelector(ctx)
		s.AddSend(out, "parcel", func() { tr.add(ctx, "send branch") })
		tr.add(ctx, "pending=%v", s.HasPending())
		s.Select(ctx)
		_ = workflow.Sleep(ctx, time.Second)
		return tr, nil
	}
	assert.Equal(t, trace{"0s pending=false", "1m0s receiver got parcel", "1m0s send branch"}, result[trace](t, wf))
}

func TestSelectorHasPending(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]bool, error) {
		ch := workflow.NewBufferedChannel(ctx, 1)
		f, set := workflow.NewFuture(ctx)
		s := workflow.NewSelector(ctx)
		s.AddReceive(ch, func(c workflow.ReceiveChannel, more bool) { c.Receive(ctx, nil) })
		s.AddFuture(f, func(workflow.Future) {})
		var got []bool
		got = append(got, s.HasPending())
		ch.Send(ctx, 1)
		got = append(got, s.HasPending())
		s.Select(ctx) // takes the value
		got = append(got, s.HasPending())
		set.SetValue(nil)
		got = append(got, s.HasPending())
		return got, nil
	}
	assert.Equal(t, []bool{false, true, false, true}, result[[]bool](t, wf))
}

func TestSelectorClosedChannelFiresOnce(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		closed := workflow.NewNamedChannel(ctx, "closed")
		closed.Close()
		ch := workflow.NewNamedChannel(ctx, "ch")
		sendAfter(ctx, ch, time.Minute, "v")
		s := workflow.NewSelector(ctx)
		s.AddReceive(closed, func(c workflow.ReceiveChannel, more bool) { tr.add(ctx, "closed more=%v", more) })
		s.AddReceive(ch, func(c workflow.ReceiveChannel, more bool) {
			c.Receive(ctx, nil)
			tr.add(ctx, "ch")
		})
		s.Select(ctx)
		s.Select(ctx) // as in Temporal's SDK, a closed channel's branch does not fire again
		return tr, nil
	}
	assert.Equal(t, trace{"0s closed more=false", "1m0s ch"}, result[trace](t, wf))
}

func TestSelectorDoesNotLoseValuesOfUnrunBranches(t *testing.T) {
	t.Parallel()
	// Two selectors wait on one channel; two values arrive in one step. Each
	// selector gets one, none is lost.
	wf := func(ctx workflow.Context) ([]string, error) {
		ch := workflow.NewNamedChannel(ctx, "ch")
		var got []string
		wg := workflow.NewWaitGroup(ctx)
		for _, name := range []string{"s1", "s2"} {
			wg.Add(1)
			workflow.Go(ctx, func(ctx workflow.Context) {
				defer wg.Done()
				workflow.NewSelector(ctx).AddReceive(ch, func(c workflow.ReceiveChannel, more bool) {
					var v string
					c.Receive(ctx, &v)
					got = append(got, name+":"+v)
				}).Select(ctx)
			})
		}
		_ = workflow.Sleep(ctx, time.Second)
		ch.SendAsync("v1")
		ch.SendAsync("v2")
		wg.Wait(ctx)
		return got, nil
	}
	assert.Equal(t, []string{"s1:v1", "s2:v2"}, result[[]string](t, wf))
}

func TestSelectorTimerAgainstChannel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		sendAfter time.Duration
		want      trace
		events    []string
	}{
		{
			name:      "message first",
			sendAfter: time.Minute,
			want:      trace{"1m0s message"},
			events:    []string{"WorkflowExecutionStarted", "TimerStarted", "TimerStarted", "TimerFired", "TimerCanceled", "WorkflowExecutionCompleted"},
		},
		{
			name:      "timer first",
			sendAfter: 2 * time.Hour,
			want:      trace{"1h0m0s timeout"},
			events:    []string{"WorkflowExecutionStarted", "TimerStarted", "TimerStarted", "TimerFired", "WorkflowExecutionCompleted"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wf := func(ctx workflow.Context) (trace, error) {
				var tr trace
				ch := workflow.NewChannel(ctx)
				sendAfter(ctx, ch, tt.sendAfter, "hello")
				timerCtx, cancelTimer := workflow.WithCancel(ctx)
				s := workflow.NewSelector(ctx)
				s.AddFuture(workflow.NewTimer(timerCtx, time.Hour), func(workflow.Future) { tr.add(ctx, "timeout") })
				s.AddReceive(ch, func(c workflow.ReceiveChannel, more bool) {
					c.Receive(ctx, nil)
					tr.add(ctx, "message")
				})
				s.Select(ctx)
				cancelTimer()
				return tr, nil
			}
			env := execute(t, wf)
			var got trace
			assert.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.events, eventTypes(env.History()))
		})
	}
}
