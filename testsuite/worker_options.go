package testsuite

import (
	"context"

	"github.com/wfsim/wfsim/worker"
)

// workerSettings is what SetWorkerOptions (and SetIdentity, identity.go)
// set on an environment. Environments that set nothing keep a nil pointer,
// so the environment's allocation does not grow by a worker.Options.
type workerSettings struct {
	options worker.Options
	// identity: SetIdentity (identity.go); "" means defaultIdentity.
	identity string
	// values is options.BackgroundActivityContext without its cancellation
	// and deadline (context.WithoutCancel), or nil when it is not set.
	values context.Context
	// sessions is the worker's session part, nil unless options enable
	// sessions (session_worker.go).
	sessions *sessionWorker
}

// SetWorkerOptions sets the options of the simulated worker, as Temporal's
// TestWorkflowEnvironment.SetWorkerOptions does. What the simulation does
// with each field is in worker.Options' doc; those that change a run:
//
//   - BackgroundActivityContext: activity and local activity contexts
//     return its values (ctx.Value). Its cancellation and deadline are not
//     passed on: the simulation alone decides, in virtual time, when an
//     activity is canceled.
//   - Identity, when not empty, is set as SetIdentity sets it: the worker
//     identity recorded in the events the worker causes
//     (WorkflowTaskStarted, WorkflowTaskCompleted, ActivityTaskStarted,
//     ActivityTaskCompleted, …, TimerCanceled) and so in activity errors.
//     Of the two calls, the last wins.
//   - EnableSessionWorker and MaxConcurrentSessionExecutionSize: the worker
//     takes sessions (workflow.CreateSession), at most that many at once
//     (default 1000), as a Temporal worker does (session_worker.go).
//     Without it, CreateSession fails after its CreationTimeout, as with a
//     Temporal server whose workers do not take sessions.
//   - DefaultHeartbeatThrottleInterval and MaxHeartbeatThrottleInterval: how
//     the worker throttles activity heartbeats (see the package doc), as a
//     real worker does; Temporal's test environment ignores them.
//   - DisableRegistrationAliasing: functions registered under custom
//     names go by their own names when passed (see
//     activity.RegisterOptions.Name), as
//     WorkflowTestSuite.SetDisableRegistrationAliasing does. Temporal's
//     test environment ignores it here; wfsim honours it, so that the
//     options of the worker a test stands for can be given as they are.
//     Mocks take their names when made: set it before OnActivity and
//     OnWorkflow.
//   - Interceptors: every activity and local activity attempt runs
//     through them, as on a Temporal worker (package interceptor); a
//     mock's plain return values bypass their ExecuteActivity, as in
//     Temporal's test environment.
//
// Call it before ExecuteWorkflow.
func (env *TestWorkflowEnvironment) SetWorkerOptions(options worker.Options) *TestWorkflowEnvironment {
	env.e.workerOpts = env.e.workerOpts.with(options)
	env.e.workerOpts.sessions = env.e.newSessionWorker(options)
	if options.Identity != "" {
		env.SetIdentity(options.Identity)
	}
	return env
}

// SetWorkerOptions sets the options of the worker that runs the activities,
// as Temporal's TestActivityEnvironment.SetWorkerOptions. These fields
// have an effect here:
//
//   - BackgroundActivityContext: activity contexts derive from it, as in
//     Temporal — its values, and its cancellation and deadline too, except
//     inside a synctest bubble (an environment made by
//     NewTestActivityEnvironment(t)), where only its values and whether it
//     is already canceled pass on.
//   - Identity, when not empty, is set as SetIdentity sets it: the identity
//     in activity errors.
//   - DefaultHeartbeatThrottleInterval and MaxHeartbeatThrottleInterval: how
//     heartbeats are throttled on their way to the heartbeat listener.
//   - DisableRegistrationAliasing: ExecuteActivity and ExecuteLocalActivity
//     name a function registered under a custom name by its own name (a
//     wfsim addition, as on TestWorkflowEnvironment).
//   - Interceptors: each execution runs through them, with the header set
//     with SetHeader as the activity's header (package interceptor).
func (env *TestActivityEnvironment) SetWorkerOptions(options worker.Options) *TestActivityEnvironment {
	env.workerOpts = env.workerOpts.with(options)
	if options.Identity != "" {
		env.SetIdentity(options.Identity)
	}
	return env
}

// with returns settings holding options, and w's identity. w may be nil.
func (w *workerSettings) with(options worker.Options) *workerSettings {
	n := &workerSettings{options: options}
	if w != nil {
		n.identity = w.identity
	}
	if bg := options.BackgroundActivityContext; bg != nil {
		n.values = context.WithoutCancel(bg)
	}
	return n
}

// activityParent returns the context activity contexts take their values
// from: the background activity context without its cancellation, or
// context.Background(). w may be nil.
func (w *workerSettings) activityParent() context.Context {
	if w == nil || w.values == nil {
		return context.Background()
	}
	return w.values
}

// activityEnvParent returns the context TestActivityEnvironment derives an
// execution's context from: the background activity context itself, as
// Temporal's test environment does, so that its values, cancellation and
// deadline reach the activity. In a synctest bubble only its values, and
// whether it is canceled already, pass: a background context made outside
// the bubble cannot cancel a context inside it (closing the bubble's
// channel from outside would panic), and its deadline is in real time.
func (w *workerSettings) activityEnvParent(inBubble bool) context.Context {
	if w == nil || w.values == nil {
		return context.Background()
	}
	if bg := w.options.BackgroundActivityContext; !inBubble || bg.Err() != nil {
		return bg
	}
	return w.values
}

// Value returns the attempt's activity Env for its key, and otherwise the
// value the background activity context (worker.Options) holds, if any.
func (c *attemptCtx) Value(key any) any {
	if v := c.Holder.Value(key); v != nil {
		return v
	}
	if w := c.ref.t.run.env.workerOpts; w != nil && w.values != nil {
		return w.values.Value(key)
	}
	return nil
}
