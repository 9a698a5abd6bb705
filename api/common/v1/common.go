package common

import (
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
)

// Payload is one encoded value: converter.Payload, under the name Temporal's
// protobuf package gives it.
type Payload = converter.Payload

// Payloads is a list of encoded values: converter.Payloads, the message
// (a struct holding the list in its Payloads field, read with the nil-safe
// GetPayloads) that every wfsim API carrying a list of values takes as a
// *Payloads, where Temporal's takes a *commonpb.Payloads.
type Payloads = converter.Payloads

// Header holds the context propagated with a workflow, activity, signal or
// update: replay.Header, under the name Temporal's protobuf package gives
// it.
type Header = replay.Header
