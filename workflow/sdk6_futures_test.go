package workflow_test

// Ports of the future, await, closed-channel and panic tests of Temporal's
// internal/internal_coroutines_test.go. Where Temporal sets a future from
// outside its dispatcher between two runs of it, a "driver" coroutine does
// it here after a Sleep, so in a later workflow task: the coroutines then
// resume in the order Temporal's do.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// sdk6Getter reads a future twice from a coroutine, as Temporal's future
// tests do, tracing what it got.
func sdk6Getter(ctx workflow.Context, add func(string, ...any), name string, f workflow.Future) {
	add("%s ready %v", name, f.IsReady())
	for _, round := range []string{"get", "get2"} {
		var v string
		err := f.Get(ctx, &v)
		add("%s-%s-%v-%v ready %v", name, round, v, err, f.IsReady())
	}
}

// Temporal: internal/internal_coroutines_test.go TestFutureSetValue
// Temporal: internal/internal_coroutines_test.go TestFutureFail
// Temporal: internal/internal_coroutines_test.go TestFutureSet
// Temporal: internal/internal_coroutines_test.go TestFutureChain
func TestSDK6FutureSetLaterWakesItsReader(t *testing.T) {
	t.Parallel()
	type settable = workflow.Settable
	for _, tc := range []struct {
		name string
		// set settles s1 and s2 (or the futures they are chained to).
		set  func(ctx workflow.Context, s1, s2 settable) (set1, set2 func())
		want []string
	}{
		{
			name: "SetValue and SetError",
			set: func(_ workflow.Context, s1, s2 settable) (func(), func()) {
				return func() { s1.SetValue("value1") }, func() { s2.SetError(errors.New("error2")) }
			},
			want: []string{"f1-get-value1-<nil> ready true", "f1-get2-value1-<nil> ready true", "f2-get--error2 ready true", "f2-get2--error2 ready true"},
		},
		{
			name: "Set with an error ignores the value",
			set: func(_ workflow.Context, s1, s2 settable) (func(), func()) {
				return func() { s1.Set("value-will-be-ignored", errors.New("error1")) }, func() { s2.Set("value2", nil) }
			},
			want: []string{"f1-get--error1 ready true", "f1-get2--error1 ready true", "f2-get-value2-<nil> ready true", "f2-get2-value2-<nil> ready true"},
		},
		{
			name: "Chain",
			set: func(ctx workflow.Context, s1, s2 settable) (func(), func()) {
				cf1, cs1 := workflow.NewFuture(ctx)
				cf2, cs2 := workflow.NewFuture(ctx)
				s1.Chain(cf1)
				s2.Chain(cf2)
				return func() { cs1.Set("value1-will-be-ignored", errors.New("error1")) }, func() { cs2.Set("value2", nil) }
			},
			want: []string{"f1-get--error1 ready true", "f1-get2--error1 ready true", "f2-get-value2-<nil> ready true", "f2-get2-value2-<nil> ready true"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
				f1, s1 := workflow.NewFuture(ctx)
				f2, s2 := workflow.NewFuture(ctx)
				set1, set2 := tc.set(ctx, s1, s2)
				wg := workflow.NewWaitGroup(ctx)
				wg.Go(ctx, func(ctx workflow.Context) {
					add("child-start")
					sdk6Getter(ctx, add, "f1", f1)
					sdk6Getter(ctx, add, "f2", f2)
					add("child-end")
				})
				wg.Go(ctx, func(ctx workflow.Context) { // the driver
					for _, set := range []struct {
						name string
						f    workflow.Future
						do   func()
					}{{"f1", f1, set1}, {"f2", f2, set2}} {
						_ = workflow.Sleep(ctx, time.Minute)
						add("%s-set ready %v", set.name, set.f.IsReady())
						set.do()
						add("%s ready %v", set.name, set.f.IsReady())
					}
				})
				add("root-end")
				wg.Wait(ctx)
			})
			want := []string{"root-end", "child-start", "f1 ready false", "f1-set ready false", "f1 ready true"}
			want = append(want, tc.want[:2]...)
			want = append(want, "f2 ready false", "f2-set ready false", "f2 ready true")
			want = append(want, tc.want[2:]...)
			want = append(want, "child-end")
			require.Equal(t, want, got)
		})
	}
}

// Temporal: internal/internal_coroutines_test.go TestSelectFuture
func TestSDK6SelectFuturesInReadyOrder(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		f1, s1 := workflow.NewFuture(ctx)
		f2, s2 := workflow.NewFuture(ctx)
		workflow.Go(ctx, func(workflow.Context) { add("add-one"); s1.SetValue("one") })
		workflow.Go(ctx, func(workflow.Context) { add("add-two"); s2.SetValue("two") })
		s := workflow.NewSelector(ctx)
		for _, f := range []struct {
			name string
			f    workflow.Future
		}{{"c1", f1}, {"c2", f2}} {
			s.AddFuture(f.f, func(f2 workflow.Future) {
				var v string
				err := f2.Get(ctx, &v)
				add("%s-%v-%v", f.name, v, err)
			})
		}
		add("select1 pending %v", s.HasPending())
		s.Select(ctx)
		add("select2")
		s.Select(ctx)
		add("done")
	})
	require.Equal(t, []string{
		"select1 pending false", "add-one", "add-two", "c1-one-<nil>", "select2", "c2-two-<nil>", "done",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestSelectFuture_WithBatchSets
//
// A future's branch fires once; of several ready ones, Select takes the
// first added.
func TestSDK6SelectReadyFuturesInBranchOrder(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		var fs [3]workflow.Future
		var ss [3]workflow.Settable
		s := workflow.NewSelector(ctx)
		for i := range fs {
			fs[i], ss[i] = workflow.NewFuture(ctx)
			s.AddFuture(fs[i], func(f workflow.Future) {
				var v string
				_ = f.Get(ctx, &v)
				add("c%d-%v", i+1, v)
			})
		}
		add("pending %v", s.HasPending())
		ss[1].Set("two", nil)
		add("pending %v", s.HasPending())
		s.Select(ctx)
		add("pending %v", s.HasPending())
		ss[2].Set("three", nil)
		ss[0].Set("one", nil)
		add("pending %v", s.HasPending())
		s.Select(ctx)
		add("pending %v", s.HasPending())
		s.Select(ctx)
		add("pending %v", s.HasPending())
	})
	require.Equal(t, []string{
		"pending false", "pending true", "c2-two", "pending false",
		"pending true", "c1-one", "pending true", "c3-three", "pending false",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestChainedFuture
func TestSDK6FutureChainedToActivity(t *testing.T) {
	t.Parallel()
	double := func(_ context.Context, n int) (int, error) { return 2 * n, nil }
	env := sdk6Env()
	env.RegisterActivity(double)
	env.ExecuteWorkflow(func(ctx workflow.Context) (int, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{ScheduleToCloseTimeout: time.Minute})
		f, s := workflow.NewFuture(ctx)
		s.Chain(workflow.ExecuteActivity(ctx, double, 5))
		var out int
		err := f.Get(ctx, &out)
		return out, err
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out int
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, 10, out)
}

// Temporal: internal/internal_coroutines_test.go TestChainAlreadyReadyFuture
// Temporal: internal/internal_coroutines_test.go TestChainAlreadyReadyFuturePropagates
// Temporal: internal/internal_coroutines_test.go TestFutureUnmarshalPointerToPointer
func TestSDK6ChainingReadyFuturesAndPointerValues(t *testing.T) {
	t.Parallel()
	type item struct{ Value string }
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		source, ss := workflow.NewFuture(ctx)
		ss.SetValue(42)
		target, ts := workflow.NewFuture(ctx)
		ts.Chain(source)
		var n int
		err := target.Get(ctx, &n)
		add("chained to a ready future: %d %v", n, err)

		source, ss = workflow.NewFuture(ctx)
		mid, ms := workflow.NewFuture(ctx)
		leaf, ls := workflow.NewFuture(ctx)
		ls.Chain(mid)
		ss.SetValue(43)
		ms.Chain(source)
		err = leaf.Get(ctx, &n)
		add("through a chain: %d %v", n, err)

		f, s := workflow.NewFuture(ctx)
		s.SetValue(&item{Value: "MyValue"})
		var it item
		err = f.Get(ctx, &it)
		add("pointer into value: %s %v", it.Value, err)
	})
	require.Equal(t, []string{
		"chained to a ready future: 42 <nil>",
		"through a chain: 43 <nil>",
		"pointer into value: MyValue <nil>",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestChannelReceivePointer
func TestSDK6ChannelValueAndPointerReceivedAsValue(t *testing.T) {
	t.Parallel()
	type item struct{ Foo string }
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		c := workflow.NewBufferedChannel(ctx, 2)
		c.Send(ctx, item{Foo: "1"})
		c.Send(ctx, &item{Foo: "2"})
		var v item
		c.Receive(ctx, &v)
		add(v.Foo)
		c.Receive(ctx, &v)
		add(v.Foo)
	})
	require.Equal(t, []string{"1", "2"}, got)
}

// Temporal: internal/internal_coroutines_test.go TestSendClosedChannel
// Temporal: internal/internal_coroutines_test.go TestBlockedSendClosedChannel
// Temporal: internal/internal_coroutines_test.go TestAsyncSendClosedChannel
func TestSDK6SendOnClosedChannelPanics(t *testing.T) {
	t.Parallel()
	recovered := func(add func(string, ...any), name string, f func()) {
		defer func() { add("%s panicked: %v", name, recover() != nil) }()
		f()
	}
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		c := workflow.NewChannel(ctx)
		workflow.Go(ctx, func(workflow.Context) { c.Close() })
		recovered(add, "blocked Send, closed meanwhile", func() { c.Send(ctx, "baz") })

		b := workflow.NewBufferedChannel(ctx, 5)
		b.Send(ctx, "bar")
		b.Close()
		recovered(add, "Send", func() { b.Send(ctx, "baz") })
		recovered(add, "SendAsync", func() { b.SendAsync("baz") })
	})
	require.Equal(t, []string{
		"blocked Send, closed meanwhile panicked: true",
		"Send panicked: true",
		"SendAsync panicked: true",
	}, got)
}

// Temporal: internal/internal_coroutines_test.go TestBufferedChannelReceiveWithTimeout
// Temporal: internal/internal_coroutines_test.go TestUnbufferedChannelReceiveWithTimeout
func TestSDK6ReceiveWithTimeout(t *testing.T) {
	t.Parallel()
	for _, size := range []int{0, 1} {
		t.Run(fmt.Sprintf("buffer %d", size), func(t *testing.T) {
			t.Parallel()
			got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
				c := workflow.NewBufferedChannel(ctx, size)
				start := workflow.Now(ctx)
				var v int
				ok, more := c.ReceiveWithTimeout(ctx, time.Minute, &v)
				add("empty: ok=%v more=%v after %v", ok, more, workflow.Now(ctx).Sub(start))
				if size > 0 {
					c.Send(ctx, 10)
				} else {
					workflow.Go(ctx, func(ctx workflow.Context) { c.Send(ctx, 10) })
				}
				start = workflow.Now(ctx)
				ok, more = c.ReceiveWithTimeout(ctx, time.Minute, &v)
				add("sent: ok=%v more=%v v=%d after %v", ok, more, v, workflow.Now(ctx).Sub(start))
			})
			require.Equal(t, []string{"empty: ok=false more=true after 1m0s", "sent: ok=true more=true v=10 after 0s"}, got)
		})
	}
}

// Temporal: internal/internal_coroutines_test.go TestAwait
// Temporal: internal/internal_coroutines_test.go TestAwaitWithTimeoutNoTimeout
func TestSDK6AwaitWakesWhenConditionHolds(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		flag := false
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, time.Minute)
			flag = true
		})
		start := workflow.Now(ctx)
		err := workflow.Await(ctx, func() bool { return flag })
		add("Await: %v after %v", err, workflow.Now(ctx).Sub(start))
		flag = false
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, time.Minute)
			flag = true
		})
		ok, err := workflow.AwaitWithTimeout(ctx, time.Hour, func() bool { return flag })
		add("AwaitWithTimeout: %v %v after %v", ok, err, workflow.Now(ctx).Sub(start))
	})
	require.Equal(t, []string{"Await: <nil> after 1m0s", "AwaitWithTimeout: true <nil> after 2m0s"}, got)
}

// Temporal: internal/internal_coroutines_test.go TestAwaitCancellation
// Temporal: internal/internal_coroutines_test.go TestAwaitWithTimeoutCancellation
func TestSDK6AwaitEndsWithCancellation(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		for _, withTimeout := range []bool{false, true} {
			cctx, cancel := workflow.WithCancel(ctx)
			workflow.Go(ctx, func(ctx workflow.Context) {
				_ = workflow.Sleep(ctx, time.Minute)
				cancel()
			})
			var err error
			ok := false
			if withTimeout {
				ok, err = workflow.AwaitWithTimeout(cctx, time.Hour, func() bool { return false })
			} else {
				err = workflow.Await(cctx, func() bool { return false })
			}
			_, canceled := err.(*wfsim.CanceledError)
			add("timeout %v: ok=%v canceled=%v", withTimeout, ok, canceled)
		}
	})
	require.Equal(t, []string{"timeout false: ok=false canceled=true", "timeout true: ok=false canceled=true"}, got)
}

// Temporal: internal/internal_coroutines_test.go TestContextCancelRace
// Temporal: internal/internal_coroutines_test.go TestContextChildCancelRace
//
// Coroutines still sleeping when the workflow returns are unwound; their
// deferred cancellations (of a context others share, of a child context)
// run then and must not disturb the completed run.
func TestSDK6DeferredCancelsOfUnwoundCoroutines(t *testing.T) {
	t.Parallel()
	for _, child := range []bool{false, true} {
		t.Run(fmt.Sprintf("child context %v", child), func(t *testing.T) {
			t.Parallel()
			env := sdk6Env()
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				ctx, cancel := workflow.WithCancel(ctx)
				for range 10 {
					workflow.Go(ctx, func(ctx workflow.Context) {
						defer cancel()
						if child {
							defer func() {
								_, ccancel := workflow.WithCancel(ctx)
								cancel()
								ccancel()
							}()
						}
						_ = workflow.Sleep(ctx, time.Hour)
					})
				}
				return workflow.Sleep(ctx, time.Minute)
			})
			require.True(t, env.IsWorkflowCompleted())
			require.NoError(t, env.GetWorkflowError())
		})
	}
}

// sdk6PanickingChild panics in the last of ten coroutines while the others
// and the root block.
func sdk6PanickingChild(ctx workflow.Context) error {
	c := workflow.NewNamedChannel(ctx, "forever_blocked")
	for i := range 10 {
		workflow.GoNamed(ctx, fmt.Sprintf("c-%v", i), func(ctx workflow.Context) {
			if i == 9 {
				panic("simulated failure")
			}
			c.Receive(ctx, nil)
		})
	}
	c.Receive(ctx, nil)
	return nil
}

// Temporal: internal/internal_coroutines_test.go TestPanic
func TestSDK6PanicInOneOfManyCoroutines(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(nil)
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(sdk6PanickingChild)
	require.True(t, env.IsWorkflowCompleted())
	var panicErr *wfsim.PanicError
	require.ErrorAs(t, env.GetWorkflowError(), &panicErr)
	require.Equal(t, "simulated failure", panicErr.Error())
	require.Contains(t, panicErr.StackTrace(), "workflow_test.sdk6PanickingChild")
}

// A receive on a closed channel reports it closed rather than taking the
// value of a sender that was blocked when it closed; that sender panics when
// it runs next (Temporal's SDK does both).
func TestSDK6CloseStrandsBlockedSenders(t *testing.T) {
	t.Parallel()
	got := sdk6Traced(t, func(ctx workflow.Context, add func(string, ...any)) {
		c := workflow.NewChannel(ctx)
		wg := workflow.NewWaitGroup(ctx)
		wg.Go(ctx, func(ctx workflow.Context) {
			defer func() { add("sender panicked: %v", recover() != nil) }()
			c.Send(ctx, "stranded")
			add("sent")
		})
		wg.Go(ctx, func(ctx workflow.Context) {
			c.Close()
			var v string
			more := c.Receive(ctx, &v)
			add("receiver: %q more=%v len=%d", v, more, c.Len())
		})
		wg.Wait(ctx)
	})
	require.Equal(t, []string{`receiver: "" more=false len=1`, "sender panicked: true"}, got)
}
