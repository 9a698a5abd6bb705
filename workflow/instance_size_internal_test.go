package workflow

import (
	"testing"
	"unsafe"
)

// TestInstanceFitsItsSizeClass guards the allocation every run makes: the
// allocator rounds a 1785-byte object with pointers (1792 with its 8-byte
// header) up to 2048 bytes, so one more field in the instance, its
// runState or Info costs every run 256 bytes. A field that must be added
// should go out of line (rareState, runExtras) or move a rarely used one
// there.
func TestInstanceFitsItsSizeClass(t *testing.T) {
	t.Parallel()
	const limit = 1792 - 8 // the size class less the allocator's header
	if got := unsafe.Sizeof(instance{}); got > limit {
		t.Errorf("workflow instance is %d bytes, more than %d: it fell into the next size class", got, limit)
	}
}

// TestScheduledActivityFitsItsSizeClass guards the allocation every
// activity makes: one byte more than 240 puts it in the 256-byte class.
func TestScheduledActivityFitsItsSizeClass(t *testing.T) {
	t.Parallel()
	if got := unsafe.Sizeof(scheduledActivity{}); got > 240 {
		t.Errorf("scheduledActivity is %d bytes, more than 240: it fell into the next size class", got)
	}
}
