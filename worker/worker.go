package worker

// Worker is the shape of Temporal's worker.Worker: a Registry that a
// process starts, runs and stops. wfsim has no real workers (a simulation's
// worker lives inside testsuite's environments) and nothing here implements
// Worker, nor is there a New to make one: the interface is here so that
// code written against Temporal's, which takes a worker.Worker to register
// what it builds on (a workflow-builder that registers the workflows it
// generates, a service's Register(w worker.Worker) function), compiles
// after its imports change. Its tests hand it their own implementation
// (a mock, as they do with Temporal's) or a type that wraps an
// environment's registration methods.
//
// As Registry, it leaves out Temporal's RegisterNexusService: wfsim has no
// Nexus. A type that has that method as well still implements Worker.
type Worker interface {
	Registry

	// Start starts the worker without blocking.
	Start() error
	// Run starts the worker and blocks until interruptCh delivers or the
	// worker fails.
	Run(interruptCh <-chan any) error
	// Stop stops the worker.
	Stop()
}
