package testsuite

import (
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/sharedmeta"
)

// encoder returns the converter the simulated server and workers encode
// the payloads they record with: the environment's converter, or its twin
// whose payloads share their Metadata maps (internal/sharedmeta) — each
// is made a map of its own when a history is handed out (unshared).
func (e *environment) encoder() converter.DataConverter {
	return sharedmeta.Twin(e.dc).(converter.DataConverter)
}

// unshared returns h with every payload's Metadata map its own, as the
// test may change it.
func unshared[T any](h T) T {
	sharedmeta.Unshare(h)
	return h
}
