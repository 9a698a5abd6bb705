// Package jsonscalar writes JSON numbers and strings as the protobuf JSON
// mapping (Go's protojson, which Temporal's tools use) writes them, for the
// two writers of protobuf-shaped JSON: the history writer (package replay)
// and the json/protobuf payload converter (package converter). One writer
// keeps the two byte for byte alike.
package jsonscalar
