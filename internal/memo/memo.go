// Package memo applies a memo upsert the way Temporal's server and SDK do,
// for the simulated server (package testsuite) and the workflow's own view
// of its memo (package workflow), which must agree.
package memo

import "github.com/wfsim/wfsim/converter"

// Apply merges the upserted fields into dst: a field whose payload has no
// data removes its key (UpsertMemo with a nil value), any other sets it.
func Apply(dst, upserted map[string]*converter.Payload) {
	for k, p := range upserted {
		if p == nil || p.Data == nil {
			delete(dst, k)
		} else {
			dst[k] = p
		}
	}
}
