package client

import (
	"time"

	"github.com/wfsim/wfsim"
)

// StartWorkflowOptions configure the start of a workflow, as Temporal's
// client.StartWorkflowOptions (same field names and types). In wfsim they
// configure the start of the workflow under test, through
// testsuite.TestWorkflowEnvironment.SetStartWorkflowOptions; each field
// says what the simulation does with it. Zero values keep the
// environment's defaults.
type StartWorkflowOptions struct {
	// ID is the workflow ID (default "default-test-workflow-id"): GetInfo's
	// WorkflowExecution.ID, the ID of its history, and the ID
	// SignalWorkflowByID, QueryWorkflowByID and the like find it by.
	ID string

	// TaskQueue is the workflow's task queue (default
	// "default-test-taskqueue"), and so the default task queue of its
	// activities.
	TaskQueue string

	// WorkflowExecutionTimeout bounds the whole execution, retries and
	// continue-as-new included; the run timeout defaults to it, and a
	// retry is not started past it.
	WorkflowExecutionTimeout time.Duration

	// WorkflowRunTimeout bounds one run: the simulated server times the run
	// out when it is reached on the virtual clock (WorkflowExecutionTimedOut).
	WorkflowRunTimeout time.Duration

	// WorkflowTaskTimeout is recorded (default 10s); workflow tasks take no
	// virtual time in the simulation, so it never expires.
	WorkflowTaskTimeout time.Duration

	// WorkflowIDReusePolicy is recorded nowhere and has no effect: the
	// workflow under test is the first workflow of the simulation.
	WorkflowIDReusePolicy wfsim.WorkflowIDReusePolicy

	// WorkflowExecutionErrorWhenAlreadyStarted has no effect, for the same
	// reason.
	WorkflowExecutionErrorWhenAlreadyStarted bool

	// RetryPolicy makes the simulated server retry the workflow under test
	// when a run fails or times out, as a server does: the next attempt is
	// a new run, and the environment's outcome (GetWorkflowError,
	// GetWorkflowResult, History) is the last run's. Temporal's test
	// environment ignores it. Without it the workflow is not retried.
	RetryPolicy *wfsim.RetryPolicy

	// CronSchedule is refused: ExecuteWorkflow fails with an error saying
	// so. A cron chain never ends, and the simulation runs until the
	// workflow under test closes (Temporal's test environment ignores the
	// schedule and runs one run). A child workflow may run on a cron
	// schedule (workflow.ChildWorkflowOptions.CronSchedule), as on a server.
	CronSchedule string

	// Memo is the workflow's memo, as SetMemoOnStart sets it; each value is
	// encoded with the environment's data converter.
	Memo map[string]any

	// SearchAttributes are untyped search attributes, each value encoded
	// with the default data converter as Temporal's client encodes them.
	//
	// Deprecated: use TypedSearchAttributes, as in Temporal.
	SearchAttributes map[string]any

	// TypedSearchAttributes are the workflow's search attributes, as
	// SetTypedSearchAttributesOnStart sets them.
	TypedSearchAttributes wfsim.SearchAttributes

	// EnableEagerStart has no effect: the simulated worker always gets
	// the first workflow task at once.
	EnableEagerStart bool

	// StartDelay delays the first workflow task on the virtual clock, as the
	// server does (recorded as the WorkflowExecutionStarted event's
	// firstWorkflowTaskBackoff).
	StartDelay time.Duration

	// StaticSummary and StaticDetails are recorded as the user metadata of
	// the WorkflowExecutionStarted event, encoded with the environment's
	// data converter, as the server records them.
	StaticSummary string
	StaticDetails string

	// Priority is the priority of the workflow's tasks, recorded in its
	// WorkflowExecutionStarted event and reported by workflow.GetInfo. Its
	// activities and children inherit each field they leave unset, as on a
	// server. It orders nothing in a simulation (see wfsim.Priority).
	Priority wfsim.Priority
}
