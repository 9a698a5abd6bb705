package activity

// DynamicRegisterOptions configure the dynamic activity, which runs every
// activity type that no registered function has (Temporal's
// activity.DynamicRegisterOptions, passed to the test environment's
// RegisterDynamicActivity). It has no fields, as in Temporal.
//
// A dynamic activity function takes a context.Context and a
// converter.EncodedValues, which holds all the activity's arguments, and
// returns error or (result, error); GetInfo(ctx).ActivityType.Name is the
// type the workflow scheduled.
type DynamicRegisterOptions struct{}
