// Package sharedmeta carries from package converter to the simulation the
// two functions behind payloads that share their Metadata map.
//
// Most payloads a simulation makes never leave it: an activity's input is
// decoded by the activity, its result by the workflow, and both stay in
// the history. A Metadata map costs each payload about 400 bytes, so the
// simulation encodes such values with its converter's twin, whose payloads
// share one read-only map per encoding, and gives each payload a map of its
// own before a user can reach it: when the test reads a history (and in
// the events recorded after it, which it sees through the same history),
// when a converter other than the run's — WithDataConverter's — decodes
// one, or when code takes a payload through a RawValue or an
// EncodedValue's Payloads (package converter sees to those).
//
// Package converter sets both functions when it is initialised, and
// nothing else writes them. They take and return any because converter
// imports this package and so cannot be named here.
package sharedmeta

// Twin returns the converter (a converter.DataConverter) that encodes as
// dc does but with shared Metadata maps, or dc itself when its payloads
// could reach code other than wfsim's own: only a CompositeDataConverter
// made of package converter's payload converters has a twin.
var Twin func(dc any) any

// Unshare gives every payload reachable from v (a *replay.History, say)
// whose Metadata map is shared a map of its own, equal to it.
var Unshare func(v any)
