package testsuite

// SetIdentity sets the identity of the simulated worker, as Temporal's test
// environment does: the simulated server records it in the events the
// worker causes (WorkflowTaskStarted and WorkflowTaskCompleted, the
// ActivityTask* events, TimerCanceled), so it is the Identity of the
// ActivityErrors the workflow receives. The default is "wfsim-worker".
// Events a client causes (the test's signals, cancellations and updates,
// the start of the workflow) keep the default.
func (env *TestWorkflowEnvironment) SetIdentity(identity string) *TestWorkflowEnvironment {
	if env.e.workerOpts == nil {
		env.e.workerOpts = new(workerSettings)
	}
	env.e.workerOpts.identity = identity
	return env
}

// workerIdentity is the identity of the simulated worker.
func (e *environment) workerIdentity() string {
	if w := e.workerOpts; w != nil && w.identity != "" {
		return w.identity
	}
	return defaultIdentity
}

// SetIdentity sets the identity of the simulated worker: the Identity of
// the ActivityErrors that ExecuteActivity returns, as in Temporal's test
// environment. The default is "wfsim-worker".
func (env *TestActivityEnvironment) SetIdentity(identity string) *TestActivityEnvironment {
	if env.workerOpts == nil {
		env.workerOpts = new(workerSettings)
	}
	env.workerOpts.identity = identity
	return env
}

// workerIdentity is the identity of the simulated worker.
func (env *TestActivityEnvironment) workerIdentity() string {
	if w := env.workerOpts; w != nil && w.identity != "" {
		return w.identity
	}
	return defaultIdentity
}
