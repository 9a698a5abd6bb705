package run

// SideEffectDriver is a Driver that may answer SideEffect and
// MutableSideEffect calls in place of the workflow's function (the test
// environment's OnSideEffect and OnMutableSideEffect mocks). The answer is
// recorded in the history as the function's result would be; ok is false
// when the driver has none and the function runs.
type SideEffectDriver interface {
	SideEffect() (value any, ok bool)
	MutableSideEffect(id string) (value any, ok bool)
}
