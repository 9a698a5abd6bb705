package testsuite

// EnableSessionWorker stands in for SetWorkerOptions(worker.Options{EnableSessionWorker: true})
// until package worker lands.
func EnableSessionWorker(env *TestWorkflowEnvironment, maxConcurrent int) {
	env.e.setSessions(true, maxConcurrent)
}
