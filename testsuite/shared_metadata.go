package testsuite

import (
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/sharedmeta"
	"github.com/wfsim/wfsim/replay"
)

// encoder returns the converter the simulated server and workers encode
// the payloads they record with: the environment's converter, or its twin
// whose payloads share their Metadata maps (internal/sharedmeta) — each
// is made a map of its own when a history is handed out (unshared).
func (e *environment) encoder() converter.DataConverter {
	return sharedmeta.Twin(e.dc).(converter.DataConverter)
}

// handOut returns r's history with every payload's Metadata map its own,
// as the test may change it, and has the events recorded later, which the
// test sees through the same history, made so as they are recorded.
//
// The first hand-out writes into the history; it holds the environment's
// lock so that parallel subtests taking one finished run's history at
// once do not race. Later ones find nothing left to change and only read.
func (r *workflowRun) handOut() *replay.History {
	r.env.mu.Lock()
	defer r.env.mu.Unlock()
	if !r.rec.handedOut {
		r.rec.settle()  // lazy task attributes (lazy_task_attrs.go)
		r.rec.unshare() // shared attributes too (shared_attrs.go)
		r.rec.handedOut = true
	}
	sharedmeta.Unshare(r.history)
	return r.history
}
