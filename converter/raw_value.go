package converter

import "errors"

// RawValue is a payload that a DataConverter passes through without
// converting: as a value it is sent as its payload, and as a target
// (*RawValue) it receives the payload as is. It is Temporal's
// converter.RawValue.
type RawValue struct {
	payload *Payload
}

// NewRawValue wraps a payload.
func NewRawValue(p *Payload) RawValue { return RawValue{payload: p} }

// Payload returns the wrapped payload.
func (v RawValue) Payload() *Payload { return v.payload }

var errRawValueJSON = errors.New("converter: RawValue is not JSON serializable")

// MarshalJSON fails: a RawValue must go through a DataConverter, which sends
// its payload, never through encoding/json.
func (v RawValue) MarshalJSON() ([]byte, error) { return nil, errRawValueJSON }

// UnmarshalJSON fails, for the reason MarshalJSON does.
func (v *RawValue) UnmarshalJSON([]byte) error { return errRawValueJSON }
