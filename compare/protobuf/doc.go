// Package protobuf holds the tests of wfsim that need protobuf messages
// and Temporal's own SDK, which wfsim's module does not depend on: wfsim's
// json/protobuf and binary/protobuf payload converters, which reach
// protobuf messages by reflection only, are checked here against Temporal's
// converters on real generated messages (Temporal's API types and
// google.golang.org/protobuf's well-known types), in both directions, and
// end to end in wfsim's test environment. It also compares wfsim's
// replayer with Temporal's on every prefix of real histories of wfsim's
// replay testdata (replay_prefix_verdicts_test.go).
//
// It is a module of its own (github.com/wfsim/wfsim/compare/protobuf,
// replacing wfsim by the enclosing checkout) so that depending on protobuf
// stays out of wfsim's go.mod. Run its tests with
//
//	go -C compare/protobuf test ./...
package protobuf
