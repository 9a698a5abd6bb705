package activity

// RegisterOptions are the options for registering an activity with a worker
// (or a test environment).
type RegisterOptions struct {
	// Name is the activity type name to register a function under; empty
	// means the function's own name. When a struct's methods are registered,
	// Name is the prefix put before each method's name.
	Name string
	// DisableAlreadyRegisteredCheck allows registering a name that is
	// already registered, replacing the earlier registration.
	DisableAlreadyRegisteredCheck bool
	// SkipInvalidStructFunctions, when registering a struct, skips methods
	// that are not valid activities instead of panicking.
	SkipInvalidStructFunctions bool
}
