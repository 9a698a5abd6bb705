package workflow

import "github.com/wfsim/wfsim/converter"

// SideEffectOptions are the options of SideEffectWithOptions, as Temporal's
// workflow.SideEffectOptions.
type SideEffectOptions struct {
	// Summary describes the side effect for people: it is recorded as
	// the user metadata summary of its MarkerRecorded event.
	Summary string
	// EventGroups are the groups of its marker, with those of the
	// context (see EventGroup: not recorded).
	EventGroups []EventGroup
}

// MutableSideEffectOptions are the options of MutableSideEffectWithOptions,
// as Temporal's workflow.MutableSideEffectOptions.
type MutableSideEffectOptions struct {
	// Summary describes the value for people: it is recorded as the user
	// metadata summary of each MarkerRecorded event the call records.
	Summary string
	// EventGroups are the groups of its markers, with those of the
	// context (see EventGroup: not recorded).
	EventGroups []EventGroup
}

// SideEffectWithOptions is SideEffect with options, as Temporal's
// workflow.SideEffectWithOptions.
func SideEffectWithOptions(ctx Context, options SideEffectOptions, f func(ctx Context) any) converter.EncodedValue {
	return sideEffect(ctx, f, options.Summary)
}

// MutableSideEffectWithOptions is MutableSideEffect with options, as
// Temporal's workflow.MutableSideEffectWithOptions.
func MutableSideEffectWithOptions(ctx Context, id string, options MutableSideEffectOptions, f func(ctx Context) any, equals func(a, b any) bool) converter.EncodedValue {
	return mutableSideEffect(ctx, id, f, equals, options.Summary)
}
