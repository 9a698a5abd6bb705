package testsuite

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// waitsOutsideBubble lists only the activity goroutines of the run's
// bubble whose wait the runtime does not mark durable, each at the first
// frame that is not the runtime's or the sync package's.
func TestWaitsOutsideBubble(t *testing.T) {
	t.Parallel()
	const dump = `goroutine 7 [chan receive, 2 minutes, synctest bubble 3]:
example.com/app.gate(...)
	/src/app/gate.go:34 +0x19
github.com/wfsim/wfsim/testsuite.runActivityCode(0x0?)
	/src/testsuite/bubble.go:92 +0x12

goroutine 8 [sync.Mutex.Lock, synctest bubble 3]:
internal/sync.runtime_SemacquireMutex(0x0?, 0x0?, 0x0?)
	/go/src/runtime/sema.go:95 +0x25
sync.(*Mutex).Lock(...)
	/go/src/sync/mutex.go:46
example.com/app.locked(...)
	/src/app/lock.go:12 +0x40
github.com/wfsim/wfsim/testsuite.runActivityCode(0x0?)
	/src/testsuite/bubble.go:92 +0x12

goroutine 9 [chan receive (durable), synctest bubble 3]:
example.com/app.inside(...)
	/src/app/inside.go:5 +0x19
github.com/wfsim/wfsim/testsuite.runActivityCode(0x0?)
	/src/testsuite/bubble.go:92 +0x12

goroutine 10 [sleep, synctest bubble 3]:
time.Sleep(0x0)
	/go/src/runtime/time.go:300 +0x19
github.com/wfsim/wfsim/testsuite.runActivityCode(0x0?)
	/src/testsuite/bubble.go:92 +0x12

goroutine 11 [chan receive, synctest bubble 4]:
example.com/app.gate(...)
	/src/app/gate.go:34 +0x19
github.com/wfsim/wfsim/testsuite.runActivityCode(0x0?)
	/src/testsuite/bubble.go:92 +0x12

goroutine 12 [chan receive, synctest bubble 3]:
example.com/app.notAnActivity(...)
	/src/app/other.go:9 +0x19

goroutine 13 [runnable, synctest bubble 3]:
example.com/app.busy(...)
	/src/app/busy.go:3 +0x19
github.com/wfsim/wfsim/testsuite.runActivityCode(0x0?)
	/src/testsuite/bubble.go:92 +0x12
`
	assert.Equal(t, []string{
		"activity goroutine 7 [chan receive] at /src/app/gate.go:34",
		"activity goroutine 8 [sync.Mutex.Lock] at /src/app/lock.go:12",
	}, waitsOutsideBubble([]byte(dump), 3))
	assert.Empty(t, waitsOutsideBubble([]byte(dump), 5))
}
