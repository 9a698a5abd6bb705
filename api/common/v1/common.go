package common

import (
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
)

// Payload is one encoded value: converter.Payload, under the name Temporal's
// protobuf package gives it.
type Payload = converter.Payload

// Header holds the context propagated with a workflow, activity, signal or
// update: replay.Header, under the name Temporal's protobuf package gives
// it.
type Header = replay.Header

// Payloads is a list of payloads in the shape of Temporal's message. wfsim's
// own APIs take converter.Payloads, a slice: convert with Slice and
// FromSlice.
type Payloads struct {
	Payloads []*Payload
}

// GetPayloads returns p.Payloads, or nil when p is nil.
func (p *Payloads) GetPayloads() []*Payload {
	if p == nil {
		return nil
	}
	return p.Payloads
}

// Slice returns the payloads as the converter.Payloads wfsim's APIs take.
func (p *Payloads) Slice() converter.Payloads { return converter.Payloads(p.GetPayloads()) }

// FromSlice returns ps as a Payloads message; nil for no payloads.
func FromSlice(ps converter.Payloads) *Payloads {
	if ps == nil {
		return nil
	}
	return &Payloads{Payloads: ps}
}
