package workflow_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/workflow"
)

func TestChannelNames(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		return []string{
			workflow.NewChannel(ctx).Name(),
			workflow.NewNamedChannel(ctx, "orders").Name(),
			workflow.NewBufferedChannel(ctx, 2).Name(),
			workflow.NewNamedBufferedChannel(ctx, "events", 2).Name(),
		}, nil
	}
	// Unnamed channels are numbered in creation order, as in Temporal's SDK.
	assert.Equal(t, []string{"chan-1", "orders", "chan-2", "events"}, result[[]string](t, wf))
}

func TestUnbufferedSendBlocksUntilReceived(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		ch := workflow.NewChannel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			tr.add(ctx, "send 1")
			ch.Send(ctx, 1)
			tr.add(ctx, "sent 1")
		})
		_ = workflow.Sleep(ctx, time.Hour)
		var v int
		ch.Receive(ctx, &v)
		tr.add(ctx, "received %d", v)
		_ = workflow.Sleep(ctx, time.Second) // let the sender finish
		return tr, nil
	}
	assert.Equal(t, trace{"0s send 1", "1h0m0s received 1", "1h0m0s sent 1"}, result[trace](t, wf))
}

func TestBlockedReceiversServedInOrder(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		ch := workflow.NewChannel(ctx)
		var got []string
		wg := workflow.NewWaitGroup(ctx)
		for _, name := range []string{"a", "b", "c"} {
			wg.Add(1)
			workflow.GoNamed(ctx, name, func(ctx workflow.Context) {
				defer wg.Done()
				var v int
				ch.Receive(ctx, &v)
				got = append(got, name+"="+string(rune('0'+v)))
			})
		}
		_ = workflow.Sleep(ctx, time.Second) // all three are waiting now
		for i := 1; i <= 3; i++ {
			ch.Send(ctx, i)
		}
		wg.Wait(ctx)
		return got, nil
	}
	assert.Equal(t, []string{"a=1", "b=2", "c=3"}, result[[]string](t, wf))
}

func TestAsyncOperations(t *testing.T) {
	t.Parallel()
	type step struct {
		Op   string
		OK   bool
		More bool
		V    int
		Len  int
	}
	wf := func(ctx workflow.Context) ([]step, error) {
		ch := workflow.NewBufferedChannel(ctx, 2)
		var steps []step
		send := func(v int) {
			ok := ch.SendAsync(v)
			steps = append(steps, step{Op: "SendAsync", OK: ok, V: v, Len: ch.Len()})
		}
		recv := func() {
			var v int
			ok, more := ch.ReceiveAsyncWithMoreFlag(&v)
			steps = append(steps, step{Op: "ReceiveAsyncWithMoreFlag", OK: ok, More: more, V: v, Len: ch.Len()})
		}
		recv()  // empty: nothing, still open
		send(1) // buffered
		send(2) // buffered
		send(3) // buffer full: refused
		recv()  // 1
		var v int
		ok := ch.ReceiveAsync(&v)
		steps = append(steps, step{Op: "ReceiveAsync", OK: ok, V: v, Len: ch.Len()})
		ch.Close()
		recv() // closed and drained
		return steps, nil
	}
	assert.Equal(t, []step{
		{Op: "ReceiveAsyncWithMoreFlag", OK: false, More: true},
		{Op: "SendAsync", OK: true, V: 1, Len: 1},
		{Op: "SendAsync", OK: true, V: 2, Len: 2},
		{Op: "SendAsync", OK: false, V: 3, Len: 2},
		{Op: "ReceiveAsyncWithMoreFlag", OK: true, More: true, V: 1, Len: 1},
		{Op: "ReceiveAsync", OK: true, V: 2, Len: 0},
		{Op: "ReceiveAsyncWithMoreFlag", OK: false, More: false},
	}, result[[]step](t, wf))
}

func TestSendAsyncToWaitingReceiver(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]any, error) {
		ch := workflow.NewChannel(ctx)
		refused := ch.SendAsync("nobody waits") // unbuffered, no receiver
		var got string
		workflow.Go(ctx, func(ctx workflow.Context) { ch.Receive(ctx, &got) })
		_ = workflow.Sleep(ctx, time.Second) // the receiver waits now
		accepted := ch.SendAsync("hello")
		_ = workflow.Await(ctx, func() bool { return got != "" })
		return []any{refused, accepted, got}, nil
	}
	assert.Equal(t, []any{false, true, "hello"}, result[[]any](t, wf))
}

func TestCloseDrainsBufferThenReportsClosed(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		ch := workflow.NewBufferedChannel(ctx, 3)
		ch.Send(ctx, "a")
		ch.Send(ctx, "b")
		ch.Close()
		for {
			var v string
			more := ch.Receive(ctx, &v)
			tr.add(ctx, "%q more=%v", v, more)
			if !more {
				break
			}
		}
		return tr, nil
	}
	assert.Equal(t, trace{`0s "a" more=true`, `0s "b" more=true`, `0s "" more=false`}, result[trace](t, wf))
}

func TestCloseWakesBlockedReceivers(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		ch := workflow.NewChannel(ctx)
		wg := workflow.NewWaitGroup(ctx)
		for _, name := range []string{"a", "b"} {
			wg.Add(1)
			workflow.GoNamed(ctx, name, func(ctx workflow.Context) {
				defer wg.Done()
				more := ch.Receive(ctx, nil)
				tr.add(ctx, "%s more=%v", name, more)
			})
		}
		_ = workflow.Sleep(ctx, time.Minute)
		ch.Close()
		wg.Wait(ctx)
		return tr, nil
	}
	assert.Equal(t, trace{"1m0s a more=false", "1m0s b more=false"}, result[trace](t, wf))
}

func TestSendOnClosedChannelPanics(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		ch := workflow.NewNamedChannel(ctx, "jobs")
		ch.Close()
		ch.SendAsync(1)
		return nil
	}
	env := executeUnbound(wf)
	var pe *wfsim.PanicError
	require.ErrorAs(t, env.GetWorkflowError(), &pe)
	assert.Equal(t, `workflow: send on closed channel "jobs"`, pe.Error())
}

func TestReceiveWithTimeout(t *testing.T) {
	t.Parallel()
	type outcome struct {
		OK, More bool
		V        string
		At       time.Duration
	}
	tests := []struct {
		name    string
		prepare func(ctx workflow.Context, ch workflow.Channel)
		want    outcome
		events  []string
	}{
		{
			name:    "value before the timeout",
			prepare: func(ctx workflow.Context, ch workflow.Channel) { sendAfter(ctx, ch, time.Minute, "hi") },
			want:    outcome{OK: true, More: true, V: "hi", At: time.Minute},
			// The timer the wait started is left running once the value
			// came, as in Temporal's SDK (without SDK flag 6).
			events: []string{"WorkflowExecutionStarted", "TimerStarted", "TimerStarted", "TimerFired", "WorkflowExecutionCompleted"},
		},
		{
			name:    "timeout first",
			prepare: func(ctx workflow.Context, ch workflow.Channel) { sendAfter(ctx, ch, 2*time.Hour, "late") },
			want:    outcome{OK: false, More: true, At: time.Hour},
			events:  []string{"WorkflowExecutionStarted", "TimerStarted", "TimerStarted", "TimerFired", "WorkflowExecutionCompleted"},
		},
		{
			// The timer starts even so, as in Temporal's SDK.
			name:    "value ready",
			prepare: func(ctx workflow.Context, ch workflow.Channel) { ch.SendAsync("now") },
			want:    outcome{OK: true, More: true, V: "now"},
			events:  []string{"WorkflowExecutionStarted", "TimerStarted", "WorkflowExecutionCompleted"},
		},
		{
			// Nothing will come: it times out, as in Temporal's SDK.
			name:    "closed",
			prepare: func(ctx workflow.Context, ch workflow.Channel) { ch.Close() },
			want:    outcome{OK: false, More: true, At: time.Hour},
			events:  []string{"WorkflowExecutionStarted", "TimerStarted", "TimerFired", "WorkflowExecutionCompleted"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wf := func(ctx workflow.Context) (outcome, error) {
				ch := workflow.NewBufferedChannel(ctx, 1)
				tt.prepare(ctx, ch)
				var out outcome
				out.OK, out.More = ch.ReceiveWithTimeout(ctx, time.Hour, &out.V)
				out.At = elapsed(ctx)
				return out, nil
			}
			env := execute(t, wf)
			var got outcome
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.events, eventTypes(env.History()))
		})
	}
}

// sendAfter starts a coroutine that sends v on ch after d.
func sendAfter(ctx workflow.Context, ch workflow.Channel, d time.Duration, v any) {
	workflow.Go(ctx, func(ctx workflow.Context) {
		_ = workflow.Sleep(ctx, d)
		ch.Send(ctx, v)
	})
}

func TestReceiveDropsValuesThatDoNotFit(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (string, error) {
		ch := workflow.NewBufferedChannel(ctx, 2)
		ch.Send(ctx, 42) // an int cannot be stored in a string: dropped
		ch.Send(ctx, "fits")
		var s string
		ch.Receive(ctx, &s)
		return s, nil
	}
	assert.Equal(t, "fits", result[string](t, wf))
}

func TestReceiveNilPointerDiscards(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (int, error) {
		ch := workflow.NewBufferedChannel(ctx, 2)
		ch.Send(ctx, 1)
		ch.Send(ctx, 2)
		ch.Receive(ctx, nil)
		var v int
		ch.Receive(ctx, &v)
		return v, nil
	}
	assert.Equal(t, 2, result[int](t, wf))
}

func TestBufferedSendBlocksWhenFull(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		ch := workflow.NewBufferedChannel(ctx, 1)
		workflow.Go(ctx, func(ctx workflow.Context) {
			for i := 1; i <= 3; i++ {
				ch.Send(ctx, i)
				tr.add(ctx, "sent %d", i)
			}
		})
		for range 3 {
			_ = workflow.Sleep(ctx, time.Minute)
			var v int
			ch.Receive(ctx, &v)
			tr.add(ctx, "received %d", v)
		}
		return tr, nil
	}
	assert.Equal(t, trace{
		"0s sent 1", // into the buffer
		"1m0s received 1",
		"1m0s sent 2", // the blocked sender moves into the freed slot
		"2m0s received 2",
		"2m0s sent 3",
		"3m0s received 3",
	}, result[trace](t, wf))
}

// TestChannelLen counts what a receive would take without waiting, as
// Temporal's SDK counts it: buffered values, blocked senders' values, and
// one a Selector's branch took off the channel.
func TestChannelLen(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]int, error) {
		var lens []int
		ch := workflow.NewChannel(ctx)
		lens = append(lens, ch.Len())
		workflow.Go(ctx, func(ctx workflow.Context) { ch.Send(ctx, "a") })
		workflow.Go(ctx, func(ctx workflow.Context) { ch.Send(ctx, "b") })
		_ = workflow.Sleep(ctx, time.Second) // the senders block
		lens = append(lens, ch.Len())
		s := workflow.NewSelector(ctx)
		s.AddReceive(ch, func(c workflow.ReceiveChannel, more bool) {
			lens = append(lens, c.Len()) // "a" taken for this branch, "b" blocked
		})
		s.Select(ctx)
		var v string
		ch.Receive(ctx, &v)
		lens = append(lens, ch.Len())
		ch.Receive(ctx, &v)
		lens = append(lens, ch.Len())
		buffered := workflow.NewBufferedChannel(ctx, 2)
		buffered.SendAsync(1)
		lens = append(lens, buffered.Len())
		return lens, nil
	}
	assert.Equal(t, []int{0, 2, 2, 1, 0, 1}, result[[]int](t, wf))
}
