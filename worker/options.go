package worker

import (
	"context"
	"time"

	"github.com/wfsim/wfsim/interceptor"
)

// Options configures a worker. It mirrors Temporal's worker.Options field for
// field, minus the fields whose types belong to packages wfsim does not have
// (see the package doc), so that code building a worker.Options for a test
// compiles unchanged.
//
// The simulation has one worker per test environment, with unlimited slots
// and no pollers, so most fields are accepted and have no effect; each
// field's comment says what the simulation does with it. Pass Options to
// testsuite's SetWorkerOptions.
type Options struct {
	// MaxConcurrentActivityExecutionSize caps the activities a worker runs at
	// once. Accepted, no effect: simulated activities never wait for a slot.
	MaxConcurrentActivityExecutionSize int

	// WorkerActivitiesPerSecond rate-limits activity starts per worker.
	// Accepted, no effect.
	WorkerActivitiesPerSecond float64

	// MaxConcurrentLocalActivityExecutionSize caps concurrent local
	// activities. Accepted, no effect.
	MaxConcurrentLocalActivityExecutionSize int

	// WorkerLocalActivitiesPerSecond rate-limits local activity starts.
	// Accepted, no effect.
	WorkerLocalActivitiesPerSecond float64

	// TaskQueueActivitiesPerSecond is the server-side rate limit of a task
	// queue's activities. Accepted, no effect.
	TaskQueueActivitiesPerSecond float64

	// MaxConcurrentActivityTaskPollers sets the activity pollers. Accepted, no
	// effect: the simulation does not poll.
	MaxConcurrentActivityTaskPollers int

	// MaxConcurrentWorkflowTaskExecutionSize caps concurrent workflow tasks.
	// Accepted, no effect: workflow tasks run one at a time, in order.
	MaxConcurrentWorkflowTaskExecutionSize int

	// MaxConcurrentWorkflowTaskPollers sets the workflow task pollers.
	// Accepted, no effect.
	MaxConcurrentWorkflowTaskPollers int

	// MaxConcurrentNexusTaskExecutionSize caps concurrent Nexus tasks.
	// Accepted, no effect.
	MaxConcurrentNexusTaskExecutionSize int

	// MaxConcurrentNexusTaskPollers sets the Nexus task pollers. Accepted, no
	// effect.
	MaxConcurrentNexusTaskPollers int

	// EnableLoggingInReplay makes workflow loggers write while replaying.
	// Accepted, no effect.
	EnableLoggingInReplay bool

	// StickyScheduleToStartTimeout bounds how long a task waits on a sticky
	// queue. Accepted, no effect: the simulated worker never loses its cache.
	StickyScheduleToStartTimeout time.Duration

	// BackgroundActivityContext is the root context of every activity (the
	// old way to hand dependencies to activities). In a
	// TestWorkflowEnvironment, activity and local activity contexts see its
	// values only: its cancellation and deadline are not passed on, as the
	// simulation alone decides, in virtual time, when an activity is
	// canceled. TestActivityEnvironment derives contexts from it as
	// Temporal does (see its SetWorkerOptions).
	BackgroundActivityContext context.Context

	// Interceptors wrap the activities the worker runs, the first given
	// outermost (package interceptor): each attempt of an activity or a
	// local activity goes through their InterceptActivity, Init and
	// ExecuteActivity, and its package activity calls through their
	// outbound interceptors, in TestWorkflowEnvironment and
	// TestActivityEnvironment alike. wfsim has no workflow interceptors
	// yet: WorkerInterceptor has no InterceptWorkflow.
	Interceptors []interceptor.WorkerInterceptor

	// WorkflowPanicPolicy says what a worker does when workflow code panics
	// or is found nondeterministic. A panic always ends the run with its
	// *wfsim.PanicError, as in Temporal's test environment. Under
	// FailWorkflow the worker fails the workflow as Temporal's does: the
	// history records WorkflowTaskCompleted and WorkflowExecutionFailed,
	// whose failure is an *wfsim.ApplicationError ("Workflow failed on
	// panic due to FailWorkflow workflow panic policy") caused by the
	// PanicError. Under BlockWorkflow (the default) the worker fails the
	// task, which the history records as WorkflowTaskFailed, and a server
	// would retry it forever; the simulation stops at the task instead. A
	// nondeterminism the worker finds (a duplicate command, a failed
	// rebuild after a restart) fails the task under either policy.
	WorkflowPanicPolicy WorkflowPanicPolicy

	// WorkerStopTimeout is the graceful stop timeout. Accepted, no effect.
	WorkerStopTimeout time.Duration

	// EnableSessionWorker lets the worker run sessions. testsuite records it:
	// sessions are only available when it is set, as in Temporal.
	EnableSessionWorker bool

	// MaxConcurrentSessionExecutionSize caps concurrent sessions on the
	// worker (Temporal's default is 1000). testsuite records it for
	// sessions.
	MaxConcurrentSessionExecutionSize int

	// DisableWorkflowWorker runs only activities on this worker. Accepted, no
	// effect: the simulated worker always runs the registered workflows.
	DisableWorkflowWorker bool

	// LocalActivityWorkerOnly runs only workflows and local activities on
	// this worker. Accepted, no effect.
	LocalActivityWorkerOnly bool

	// Identity names the worker in the events it causes (ActivityTaskStarted,
	// WorkflowTaskCompleted, …). testsuite records it in those events; when
	// empty, the simulation's default identity is used.
	Identity string

	// DeadlockDetectionTimeout bounds the wall-clock time of one workflow
	// task. Accepted, no effect: the simulation reports a run that cannot
	// make progress as a deadlock instead, whatever the time it takes, and
	// stops a coroutine that loops without blocking once the test timeout
	// passes (testsuite's SetTestTimeout), with the same [TMPRL1101] error.
	DeadlockDetectionTimeout time.Duration

	// MaxHeartbeatThrottleInterval bounds the throttle interval: how long
	// the worker holds heartbeats back after sending one, sending only the
	// latest when it ends. Zero means 60s, as in Temporal. The simulated
	// worker throttles heartbeats in virtual time (see package testsuite);
	// Temporal's test environment ignores this field, wfsim honours it.
	MaxHeartbeatThrottleInterval time.Duration

	// DefaultHeartbeatThrottleInterval is the throttle interval of
	// activities without a heartbeat timeout (with one, it is 80% of the
	// timeout). Zero means 30s, as in Temporal. Honoured by the simulated
	// worker, as MaxHeartbeatThrottleInterval is.
	DefaultHeartbeatThrottleInterval time.Duration

	// OnFatalError is called when the worker hits a fatal error. Accepted,
	// never called: the simulated worker has no fatal errors of its own.
	OnFatalError func(error)

	// DisableEagerActivities turns off eager activity dispatch. Accepted, no
	// effect: the simulation dispatches every activity the same way.
	DisableEagerActivities bool

	// MaxEagerActivityReservationsPerWorkflowTask caps the eager activity
	// slots one workflow task may reserve. Accepted, no effect.
	MaxEagerActivityReservationsPerWorkflowTask *int

	// MaxConcurrentEagerActivityExecutionSize caps the eager activities
	// running at once. Accepted, no effect.
	MaxConcurrentEagerActivityExecutionSize int

	// DisableRegistrationAliasing stops a function registered under a
	// custom name (RegisterOptions.Name) from being named by that name
	// when code passes the function itself: workflow.ExecuteActivity,
	// ExecuteLocalActivity, ExecuteChildWorkflow and NewContinueAsNewError,
	// and the test environment's ExecuteWorkflow, OnActivity, OnWorkflow
	// and SetActivityTaskQueue then use the function's own name, as
	// Temporal's worker does with this set. Unset (Temporal's default),
	// the custom name is used.
	//
	// Given to TestWorkflowEnvironment.SetWorkerOptions it takes effect in
	// wfsim (Temporal's test environment reads only
	// WorkflowTestSuite.SetDisableRegistrationAliasing, which wfsim has
	// too); set it before OnActivity, OnWorkflow and ExecuteWorkflow.
	DisableRegistrationAliasing bool

	// BuildID identifies the worker's code for worker versioning (deprecated
	// in Temporal in favour of deployment options). Accepted, no effect.
	BuildID string

	// UseBuildIDForVersioning opts the worker into build-ID based
	// versioning (deprecated in Temporal). Accepted, no effect.
	UseBuildIDForVersioning bool

	// MaxConcurrentWorkflowTaskExternalStorageVisits caps parallel external
	// storage operations of one workflow task. Accepted, no effect.
	MaxConcurrentWorkflowTaskExternalStorageVisits int

	// DisablePayloadErrorLimit turns off the worker's payload size check.
	// Accepted, no effect: the simulation does not limit payload sizes.
	DisablePayloadErrorLimit bool

	// PreferredVersionProvider chooses the version GetVersion records for
	// a change the first time a run reaches it (see PreferredVersionProvider).
	// Honoured, as in Temporal's test environment.
	PreferredVersionProvider PreferredVersionProvider
}
