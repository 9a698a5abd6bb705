package testsuite

import "github.com/wfsim/wfsim/activity"

// What the activity test environment says started the activity: Temporal's
// environment names a default workflow (its default IDs, and the type "0"
// it gives when none is specified), unless told the activity is standalone.
const (
	activityEnvWorkflowID   = "default-test-workflow-id"
	activityEnvRunID        = defaultTestRunID
	activityEnvWorkflowType = "0"
)

// SetExecuteActivitiesInWorkflow says whether the activities the
// environment runs look as if a workflow started them (true, the default,
// as in Temporal's test environment) or a client did (false: a standalone
// activity). It changes only what activity.GetInfo reports: with true,
// WorkflowExecution is {"default-test-workflow-id", "default-test-run-id"}
// and WorkflowType {"0"}, as Temporal's environment reports them, and
// IsWorkflowActivity is true; with false, they are empty, and
// ActivityRunID is set instead.
func (env *TestActivityEnvironment) SetExecuteActivitiesInWorkflow(executeActivitiesInWorkflow bool) *TestActivityEnvironment {
	env.standalone = !executeActivitiesInWorkflow
	return env
}

// fillStarter fills in what started the activity with ID id.
func (env *TestActivityEnvironment) fillStarter(info *activity.Info, id string) {
	if env.standalone {
		info.ActivityRunID = id
		return
	}
	info.WorkflowExecution = activity.WorkflowExecution{ID: activityEnvWorkflowID, RunID: activityEnvRunID}
	info.WorkflowType = &activity.WorkflowType{Name: activityEnvWorkflowType}
}
