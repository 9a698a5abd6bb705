package testsuite

import (
	"cmp"

	"github.com/wfsim/wfsim"
)

// mergePriority is the priority a server gives a task: each field the
// task's own priority leaves unset (zero) comes from its workflow's.
func mergePriority(base, override *wfsim.Priority) wfsim.Priority {
	var b, o wfsim.Priority
	if base != nil {
		b = *base
	}
	if override != nil {
		o = *override
	}
	return wfsim.Priority{
		PriorityKey:    cmp.Or(o.PriorityKey, b.PriorityKey),
		FairnessKey:    cmp.Or(o.FairnessKey, b.FairnessKey),
		FairnessWeight: cmp.Or(o.FairnessWeight, b.FairnessWeight),
	}
}

// mergedPriority is mergePriority for a child run's link: nil when neither
// is set.
func mergedPriority(base, override *wfsim.Priority) *wfsim.Priority {
	if base == nil && override == nil {
		return nil
	}
	p := mergePriority(base, override)
	return &p
}
