package coro_test

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/internal/coro"
)

// goroutineID returns the ID of the calling goroutine, from its stack
// trace's header ("goroutine 42 [running]:").
func goroutineID() uint64 {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	buf = bytes.TrimPrefix(buf, []byte("goroutine "))
	id, _ := strconv.ParseUint(string(buf[:bytes.IndexByte(buf, ' ')]), 10, 64)
	return id
}

// carried is a coroutine made with GoOn, with the goroutine it ran on.
type carried struct {
	c   coro.Coroutine
	f   func()
	gid uint64
}

func (r *carried) Run() {
	r.gid = goroutineID()
	r.f()
}

// goOn starts f on a new dispatcher with GoOn and k.
func goOn(k *coro.Carrier, f func()) (*coro.Dispatcher, *carried) {
	d := coro.New()
	r := &carried{f: f}
	d.GoOn(k, &r.c, "root", r)
	return d, r
}

// TestCarrierRunsSuccessiveCoroutinesOnOneGoroutine ends the carried
// coroutine in each way a coroutine ends and checks that the next one rides
// on the same goroutine, and that the goroutine is gone once the carrier is
// stopped.
func TestCarrierRunsSuccessiveCoroutinesOnOneGoroutine(t *testing.T) {
	// Not parallel: it counts the process's coroutine goroutines.
	tests := []struct {
		name string
		// f is the carried coroutine's function, end runs d until
		// that coroutine is over and returns RunUntilAllBlocked's error.
		f    func(d *coro.Dispatcher, log *[]string) func()
		end  func(d *coro.Dispatcher) error
		want []string
		err  string
	}{
		{
			name: "returned",
			f:    func(d *coro.Dispatcher, log *[]string) func() { return func() { *log = append(*log, "ran") } },
			end:  func(d *coro.Dispatcher) error { return d.RunUntilAllBlocked() },
			want: []string{"ran"},
		},
		{
			name: "panicked",
			f: func(d *coro.Dispatcher, log *[]string) func() {
				return func() {
					defer func() { *log = append(*log, "deferred") }()
					panic("boom")
				}
			},
			end:  func(d *coro.Dispatcher) error { return d.RunUntilAllBlocked() },
			want: []string{"deferred"},
			err:  `coroutine "root" panicked: boom`,
		},
		{
			name: "unwound by Close while blocked",
			f: func(d *coro.Dispatcher, log *[]string) func() {
				return func() {
					defer func() { *log = append(*log, "unwound") }()
					d.Current().Block("forever", func() bool { return false })
					*log = append(*log, "went on")
				}
			},
			end: func(d *coro.Dispatcher) error {
				err := d.RunUntilAllBlocked()
				d.Close()
				return err
			},
			want: []string{"unwound"},
		},
		{
			name: "closed before it started",
			f:    func(d *coro.Dispatcher, log *[]string) func() { return func() { *log = append(*log, "ran") } },
			end:  func(d *coro.Dispatcher) error { d.Close(); return nil },
		},
	}
	before := coroutineGoroutines()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var k coro.Carrier
			// A first coroutine starts the carrier's goroutine and ends.
			d, first := goOn(&k, func() {})
			require.NoError(t, d.RunUntilAllBlocked())
			require.Equal(t, before+1, coroutineGoroutines())

			var log []string
			d = coro.New()
			r := &carried{}
			r.f = tt.f(d, &log)
			d.GoOn(&k, &r.c, "root", r)
			err := tt.end(d)
			if tt.err != "" {
				require.EqualError(t, err, tt.err)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.want, log)
			if r.gid != 0 {
				assert.Equal(t, first.gid, r.gid, "the second coroutine ran on a goroutine of its own")
			}
			assert.Equal(t, before+1, coroutineGoroutines(), "the carrier's goroutine is not waiting")

			// And the carrier carries the next one.
			d, third := goOn(&k, func() {})
			require.NoError(t, d.RunUntilAllBlocked())
			assert.Equal(t, first.gid, third.gid)

			k.Stop()
			assert.Equal(t, before, coroutineGoroutines(), "Stop left the carrier's goroutine")
		})
	}
}

// TestBusyCarrier checks that a coroutine given a carrier that carries a
// live one gets a goroutine of its own, and that Stop on a busy carrier
// ends its goroutine once its coroutine has ended.
func TestBusyCarrier(t *testing.T) {
	// Not parallel: it counts the process's coroutine goroutines.
	before := coroutineGoroutines()
	var k coro.Carrier
	block := func(d **coro.Dispatcher) func() {
		return func() { (*d).Current().Block("forever", func() bool { return false }) }
	}
	var d1, d2 *coro.Dispatcher
	d1, first := goOn(&k, nil)
	first.f = block(&d1)
	d2, second := goOn(&k, nil)
	second.f = block(&d2)
	require.NoError(t, d1.RunUntilAllBlocked())
	require.NoError(t, d2.RunUntilAllBlocked())
	assert.NotEqual(t, first.gid, second.gid)
	assert.Equal(t, before+2, coroutineGoroutines())

	k.Stop() // busy: retired
	d2.Close()
	assert.Equal(t, before+1, coroutineGoroutines())
	d1.Close()
	assert.Equal(t, before, coroutineGoroutines(), "a retired carrier's goroutine outlived its coroutine")

	// A carrier whose goroutine ended starts a new one.
	d, r := goOn(&k, func() {})
	require.NoError(t, d.RunUntilAllBlocked())
	assert.NotZero(t, r.gid)
	assert.Equal(t, before+1, coroutineGoroutines())
	k.Stop()
	assert.Equal(t, before, coroutineGoroutines())
}

// TestCarriedCoroutineIsLocated checks that a carried coroutine is located
// and reported where it blocks, as any other.
func TestCarriedCoroutineIsLocated(t *testing.T) {
	t.Parallel()
	var k coro.Carrier
	defer k.Stop()
	for range 2 { // on a new goroutine, then on the carried one
		var d *coro.Dispatcher
		var line string
		d, r := goOn(&k, nil)
		r.f = func() {
			line = nextLine()
			d.Current().Block("Future.Get", func() bool { return false })
		}
		require.NoError(t, d.RunUntilAllBlocked())
		assert.Equal(t, []string{`coroutine "root" blocked on Future.Get at ` + line}, d.Blocked())
		d.Close()
	}
}

// TestCarriedCoroutineGoexit checks that a carried coroutine whose function
// calls runtime.Goexit ends its goroutine (and the dispatcher's, as any
// coroutine's Goexit does), and that the carrier then leaves the next
// coroutine to a goroutine of its own.
func TestCarriedCoroutineGoexit(t *testing.T) {
	// Not parallel: it counts the process's coroutine goroutines.
	before := coroutineGoroutines()
	var k coro.Carrier
	d, _ := goOn(&k, runtime.Goexit)
	var wg sync.WaitGroup
	wg.Add(1)
	returned := false
	go func() {
		defer wg.Done()
		_ = d.RunUntilAllBlocked()
		returned = true
	}()
	wg.Wait()
	assert.False(t, returned, "Goexit did not end the dispatcher's goroutine")
	assert.Equal(t, before, coroutineGoroutines())

	// Its own goroutine ends with it: nothing waits.
	d, r := goOn(&k, func() {})
	require.NoError(t, d.RunUntilAllBlocked())
	assert.NotZero(t, r.gid)
	k.Stop()
	assert.Equal(t, before, coroutineGoroutines())
}
