package activity

// RegisterOptions are the options for registering an activity with a worker
// (or a test environment).
type RegisterOptions struct {
	// Name is the activity type name to register a function under; empty
	// means the function's own name. When a struct's methods are registered,
	// Name is the prefix put before each method's name.
	//
	// As in Temporal (registration aliasing), a function's Name is then
	// also what passing the function means: workflow.ExecuteActivity,
	// workflow.ExecuteLocalActivity and the test environments'
	// ExecuteActivity, OnActivity and SetActivityTaskQueue use it, unless
	// DisableRegistrationAliasing is set (worker.Options,
	// WorkflowTestSuite.SetDisableRegistrationAliasing), when the function
	// goes by its own name and must be called by this name. The methods of
	// a struct registered with a Name prefix are not aliased: call them by
	// their registered names. As in Temporal's SDK, workflow.ExecuteActivity,
	// workflow.ExecuteLocalActivity and SetActivityTaskQueue also look a
	// string up: the Go name of a function registered under a Name means
	// that Name (OnActivity and TestActivityEnvironment.ExecuteActivity
	// take a string as it is).
	Name string
	// DisableAlreadyRegisteredCheck allows registering a name that is
	// already registered, replacing the earlier registration.
	DisableAlreadyRegisteredCheck bool
	// SkipInvalidStructFunctions, when registering a struct, skips methods
	// that are not valid activities instead of panicking.
	SkipInvalidStructFunctions bool
}
