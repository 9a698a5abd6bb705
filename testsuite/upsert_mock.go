package testsuite

import "github.com/wfsim/wfsim/internal/run"

// Upserted calls the upsert mock of an upsert call, as the workflow makes
// it (run.UpsertDriver): OnUpsertSearchAttributes', OnUpsertMemo's or
// OnUpsertTypedSearchAttributes', with the map or wfsim.SearchAttributes
// the workflow passed, refused calls (nothing to upsert) included, as in
// Temporal's test environment. As there, the mock records the call and
// does not choose the upsert's outcome: its Return values are not used.
func (r *workflowRun) Upserted(kind run.CommandKind, typed bool, attributes any) {
	method := mockMethodUpsertSearchAttrs
	switch {
	case kind == run.CommandModifyProperties:
		method = mockMethodUpsertMemo
	case typed:
		method = mockMethodUpsertTypedSearchAttrs
	}
	if r.env.comp.mocked(method) {
		_, _ = r.env.callWorkflowMock(method, attributes)
	}
}
