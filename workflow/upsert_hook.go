package workflow

import "github.com/wfsim/wfsim/internal/run"

// upsertHook tells the driver (the test environment's upsert mocks) of an
// upsert call, before the call is checked: Temporal's test environment
// calls its mocks for refused upserts too. Not while replaying: the mocks
// saw the call when the run was live.
func (s *runState) upsertHook(kind run.CommandKind, typed bool, attributes any) {
	if d, ok := s.start.Driver.(run.UpsertDriver); ok && !s.replaying {
		d.Upserted(kind, typed, attributes)
	}
}
