package workflow

// RegisterOptions configure how a workflow function is registered.
type RegisterOptions struct {
	// Name registers the function under this name instead of the
	// function's own.
	Name string
	// DisableAlreadyRegisteredCheck allows registering a name twice, the
	// last registration winning.
	DisableAlreadyRegisteredCheck bool
}
