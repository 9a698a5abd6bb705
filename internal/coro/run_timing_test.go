package coro_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/internal/coro"
)

// A timed dispatcher names the first coroutine whose run, one switch into
// it, lasted longer than the limit, even one that yielded since: no
// watchdog look has to fall inside that run.
func TestTimeRunsNamesTheFirstCoroutineThatOverran(t *testing.T) {
	t.Parallel()
	d := coro.New()
	defer d.Close()
	d.TimeRuns(20 * time.Millisecond)
	d.Go("quick", func() {
		d.Current().Yield()
	})
	d.Go("slow", func() {
		d.Current().Yield()
		time.Sleep(30 * time.Millisecond) // this run overruns, then yields
		d.Current().Yield()
	})
	d.Go("later", func() {
		d.Current().Yield()
		d.Current().Yield()
		time.Sleep(30 * time.Millisecond)
	})
	require.NoError(t, d.RunUntilAllBlocked())
	require.NotNil(t, d.Overran())
	assert.Equal(t, "slow", d.Overran().Name())
}

func TestTimeRunsNamesNoneWhenEveryRunIsShort(t *testing.T) {
	t.Parallel()
	d := coro.New()
	defer d.Close()
	d.TimeRuns(time.Hour)
	d.Go("a", func() { d.Current().Yield() })
	require.NoError(t, d.RunUntilAllBlocked())
	assert.Nil(t, d.Overran())
	assert.Nil(t, coro.New().Overran(), "an untimed dispatcher")
}
