package worker

import (
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/workflow"
)

// WorkflowRegistry is what registers workflow functions, as Temporal's
// worker.WorkflowRegistry: code that registers a service's workflows on a
// worker in production can take one and register them on a
// testsuite.TestWorkflowEnvironment or a WorkflowReplayer in a test.
type WorkflowRegistry interface {
	RegisterWorkflow(w any)
	RegisterWorkflowWithOptions(w any, options workflow.RegisterOptions)
	RegisterDynamicWorkflow(w any, options workflow.DynamicRegisterOptions)
}

// ActivityRegistry is what registers activity functions and structs, as
// Temporal's worker.ActivityRegistry.
type ActivityRegistry interface {
	RegisterActivity(a any)
	RegisterActivityWithOptions(a any, options activity.RegisterOptions)
	RegisterDynamicActivity(a any, options activity.DynamicRegisterOptions)
}

// Registry registers workflows and activities, as Temporal's
// worker.Registry, without its NexusServiceRegistry: wfsim has no Nexus, so
// code that registers Nexus services does not port.
type Registry interface {
	WorkflowRegistry
	ActivityRegistry
}
