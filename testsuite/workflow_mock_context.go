package testsuite

import (
	"time"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/workflow"
)

// mockContext is the bottom of the workflow.Context a child workflow's mock
// is consulted with. The mock is consulted as the simulated server starts
// the child, before the child's run has a Context of its own; so that
// argument matchers see what Temporal's environment shows them (the
// child's context, header included), the context propagators extract the
// child's header into a Context built on this one. It holds values only:
// it is never canceled, and it belongs to no run (workflow.GetInfo and the
// like do not work on it).
type mockContext struct{}

func (mockContext) Deadline() (time.Time, bool) { return time.Time{}, false }
func (mockContext) Done() workflow.Channel      { return nil }
func (mockContext) Err() error                  { return nil }
func (mockContext) Value(any) any               { return nil }
func (mockContext) String() string              { return "testsuite.mockContext" }

// workflowMockContext returns the Context a child's mock is consulted
// with: header extracted by the context propagators. A propagator that
// fails leaves the values the others extracted; the child's run reports
// the failure when it starts.
func (e *environment) workflowMockContext(header map[string]*converter.Payload) workflow.Context {
	var ctx workflow.Context = mockContext{}
	props := e.reg.propagators()
	if len(props) == 0 {
		return ctx
	}
	r := workflow.NewHeaderReader(header)
	for _, p := range props {
		if c, err := p.ExtractToWorkflow(ctx, r); err == nil && c != nil {
			ctx = c
		}
	}
	return ctx
}
