package coro_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/internal/coro"
)

// TestLocateWhileClosing has a watchdog's Locate switch into coroutines
// while their dispatcher closes: a coroutine resumed by Locate must not read
// what Close writes without the dispatcher's lock (go test -race).
func TestLocateWhileClosing(t *testing.T) {
	t.Parallel()
	for range 50 {
		d := new(coro.Dispatcher)
		for range 100 {
			d.Go("", func() {
				d.Current().Block("Future.Get", func() bool { return false })
			})
		}
		require.NoError(t, d.RunUntilAllBlocked())
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.Locate()
		}()
		d.Close()
		wg.Wait()
	}
}
