package coro_test

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/internal/coro"
)

// nextLine returns the file:line of the line after its caller's.
func nextLine() string {
	_, file, line, _ := runtime.Caller(1)
	return fmt.Sprintf("%s:%d", file, line+1)
}

func TestRunOrder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		build func(d *coro.Dispatcher, log *[]string)
		want  []string
	}{
		{
			name: "creation order",
			build: func(d *coro.Dispatcher, log *[]string) {
				for _, n := range []string{"a", "b", "c"} {
					d.Go(n, func() { *log = append(*log, n) })
				}
			},
			want: []string{"a", "b", "c"},
		},
		{
			name: "created during a pass run in that pass, after the existing ones",
			build: func(d *coro.Dispatcher, log *[]string) {
				d.Go("a", func() {
					*log = append(*log, "a")
					d.Go("a1", func() { *log = append(*log, "a1") })
				})
				d.Go("b", func() { *log = append(*log, "b") })
			},
			want: []string{"a", "b", "a1"},
		},
		{
			name: "woken coroutines run in creation order, not wake order",
			build: func(d *coro.Dispatcher, log *[]string) {
				flagA, flagB := false, false
				d.Go("a", func() {
					current(d).Block("wait a", func() bool { return flagA })
					*log = append(*log, "a woke")
				})
				d.Go("b", func() {
					current(d).Block("wait b", func() bool { return flagB })
					*log = append(*log, "b woke")
				})
				d.Go("waker", func() {
					flagB = true
					flagA = true
					*log = append(*log, "waker")
				})
			},
			// a and b are passed over before the waker runs; the next pass
			// takes them in creation order.
			want: []string{"waker", "a woke", "b woke"},
		},
		{
			name: "Yield lets the other ready coroutines run first",
			build: func(d *coro.Dispatcher, log *[]string) {
				d.Go("a", func() {
					*log = append(*log, "a1")
					current(d).Yield()
					*log = append(*log, "a2")
				})
				d.Go("b", func() { *log = append(*log, "b") })
			},
			want: []string{"a1", "b", "a2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := coro.New()
			defer d.Close()
			var log []string
			tt.build(d, &log)
			require.NoError(t, d.RunUntilAllBlocked())
			assert.Equal(t, tt.want, log)
			assert.Equal(t, 0, d.Len())
		})
	}
}

// current returns the running coroutine, failing loudly if there is none.
func current(d *coro.Dispatcher) *coro.Coroutine {
	c := d.Current()
	if c == nil {
		panic("no coroutine running")
	}
	return c
}

func TestDefaultNames(t *testing.T) {
	t.Parallel()
	d := coro.New()
	defer d.Close()
	root := d.Go("root", func() {})
	second := d.Go("", func() {})
	named := d.Go("worker", func() {})
	fourth := d.Go("", func() {})
	assert.Equal(t, []string{"root", "2", "worker", "4"}, []string{root.Name(), second.Name(), named.Name(), fourth.Name()})
}

func TestCurrent(t *testing.T) {
	t.Parallel()
	d := coro.New()
	defer d.Close()
	var seen *coro.Coroutine
	c := d.Go("a", func() { seen = d.Current() })
	assert.Nil(t, d.Current(), "no coroutine runs outside RunUntilAllBlocked")
	require.NoError(t, d.RunUntilAllBlocked())
	assert.Same(t, c, seen)
	assert.Nil(t, d.Current())
}

func TestPanic(t *testing.T) {
	t.Parallel()
	d := coro.New()
	defer d.Close()
	ranAfter := false
	d.Go("bad", func() { panic("boom") })
	d.Go("after", func() { ranAfter = true })
	err := d.RunUntilAllBlocked()
	var pe *coro.PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "bad", pe.Coroutine)
	assert.Equal(t, "boom", pe.Value)
	assert.Contains(t, pe.Stack, "coro_test.TestPanic")
	assert.Equal(t, `coroutine "bad" panicked: boom`, err.Error())
	assert.False(t, ranAfter, "the pass stops at the panic")
}

func TestBlockFromAnotherGoroutinePanics(t *testing.T) {
	t.Parallel()
	d := coro.New()
	defer d.Close()
	var c *coro.Coroutine
	release := false
	c = d.Go("a", func() { d.Current().Block("wait", func() bool { return release }) })
	require.NoError(t, d.RunUntilAllBlocked())

	// A native goroutine calling Block while no coroutine runs.
	got := make(chan any)
	go func() {
		defer func() { got <- recover() }()
		c.Block("from native", func() bool { return false })
	}()
	p := <-got
	require.NotNil(t, p)
	assert.Contains(t, fmt.Sprint(p), "coro: blocking call made outside its workflow coroutine")

	release = true
	require.NoError(t, d.RunUntilAllBlocked())
	assert.Equal(t, 0, d.Len())
}

func TestBlockedAndLocate(t *testing.T) {
	t.Parallel()
	d := coro.New()
	defer d.Close()
	var where string
	d.Go("root", func() {
		d.Go("", func() {}) // "2" finishes at once
		d.Go("waiter", func() {
			where = nextLine()
			d.Current().Block("Future.Get", func() bool { return false })
		})
		d.Current().Block("Selector.Select", func() bool { return false })
	})
	d.Go("late", func() {})
	require.NoError(t, d.RunUntilAllBlocked())

	d.Locate()
	after := d.Blocked()
	require.Len(t, after, 2)
	assert.Contains(t, after[0], `coroutine "root" blocked on Selector.Select at `)
	assert.Contains(t, after[0], "coro_test.go:")
	assert.Equal(t, `coroutine "waiter" blocked on Future.Get at `+where, after[1])

	// Locating changed nothing: the coroutines still wait where they did.
	require.NoError(t, d.RunUntilAllBlocked())
	assert.Equal(t, after, d.Blocked())
}

func TestBlockedNotStarted(t *testing.T) {
	t.Parallel()
	d := coro.New()
	defer d.Close()
	d.Go("", func() {})
	assert.Equal(t, []string{`coroutine "1" not started`}, d.Blocked())
}

func TestBlockedWhileRunningFromAnotherGoroutine(t *testing.T) {
	t.Parallel()
	d := coro.New()
	defer d.Close()
	inside := make(chan struct{})
	report := make(chan []string)
	var where string
	d.Go("other", func() {
		where = nextLine()
		d.Current().Block("Await", func() bool { return false })
	})
	release := make(chan struct{})
	d.Go("busy", func() {
		close(inside)
		<-release // hold the coroutine while a watchdog looks
	})
	go func() {
		<-inside
		report <- d.Blocked()
	}()
	// RunUntilAllBlocked runs "other" (blocks), then "busy", which waits
	// for the report; the watchdog goroutine reads concurrently.
	done := make(chan error)
	go func() { done <- d.RunUntilAllBlocked() }()
	var got []string
	select {
	case err := <-done:
		t.Fatalf("RunUntilAllBlocked returned early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no report")
	case got = <-report:
	}
	close(release)
	require.NoError(t, <-done)
	// The watchdog's goroutine located "other" (switching into it while
	// "busy" runs) without disturbing either.
	assert.Equal(t, []string{
		`coroutine "other" blocked on Await at ` + where,
		`coroutine "busy" is running (it has not reached a blocking workflow call)`,
	}, got)
}

func TestCloseUnwinds(t *testing.T) {
	t.Parallel()
	d := coro.New()
	var log []string
	d.Go("a", func() {
		defer func() { log = append(log, "a deferred") }()
		d.Current().Block("forever", func() bool { return false })
		log = append(log, "a resumed")
	})
	d.Go("b", func() {
		defer func() { log = append(log, "b deferred") }()
		d.Go("never started", func() { log = append(log, "never") })
		d.Current().Block("forever", func() bool { return false })
	})
	require.NoError(t, d.RunUntilAllBlocked())
	// "never started" ran in the same pass; make one that truly never runs.
	d.Go("unstarted", func() { log = append(log, "unstarted ran") })
	d.Close()
	assert.Equal(t, []string{"never", "a deferred", "b deferred"}, log)
	assert.Equal(t, 0, d.Len())
	assert.PanicsWithValue(t, "coro: Go on a closed dispatcher", func() { d.Go("x", func() {}) })
}

func TestCloseLeavesNoGoroutine(t *testing.T) {
	// Not parallel: it counts the process's coroutine goroutines.
	before := coroutineGoroutines()
	for range 20 {
		d := coro.New()
		for range 50 {
			d.Go("", func() { d.Current().Block("forever", func() bool { return false }) })
		}
		require.NoError(t, d.RunUntilAllBlocked())
		require.Equal(t, before+50, coroutineGoroutines())
		d.Close()
	}
	assert.Equal(t, before, coroutineGoroutines())
}

// coroutineGoroutines counts the goroutines that are coroutines (goroutines
// created by iter.Pull) in the whole process.
func coroutineGoroutines() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	return len(regexp.MustCompile(`(?m)^created by iter\.Pull\[`).FindAll(buf, -1))
}

func TestRunUntilAllBlockedFromACoroutinePanics(t *testing.T) {
	t.Parallel()
	d := coro.New()
	defer d.Close()
	var msg any
	d.Go("a", func() {
		defer func() { msg = recover() }()
		_ = d.RunUntilAllBlocked()
	})
	require.NoError(t, d.RunUntilAllBlocked())
	assert.True(t, strings.HasPrefix(fmt.Sprint(msg), "coro: RunUntilAllBlocked called while already running"))
}
