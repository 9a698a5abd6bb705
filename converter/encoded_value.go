package converter

// EncodedValue is one value still in its encoded form, such as an activity
// result or a signal value, extracted on demand into a typed variable.
type EncodedValue interface {
	// HasValue reports whether there is a value to extract: whether the
	// payloads are non-nil, as in Temporal (an empty, non-nil Payloads
	// message, which some converters make for no values, counts).
	HasValue() bool
	// Get decodes the value into the variable valuePtr points to. It
	// returns ErrNoData when there is no value, and a *DecodeError when the
	// value does not fit the variable's type or valuePtr is not a pointer.
	Get(valuePtr any) error
}

// EncodedValues is a list of values still in their encoded form, such as
// error details or heartbeat details, extracted on demand into typed
// variables.
type EncodedValues interface {
	// HasValues reports whether there are values to extract: whether the
	// payloads are non-nil, as in Temporal (an empty, non-nil Payloads
	// message counts).
	HasValues() bool
	// Get decodes the values into the variables valuePtrs point to, in
	// order; variables beyond the last value keep theirs. It returns
	// ErrNoData when there are no values, and an error wrapping a
	// *DecodeError when a value does not fit its variable.
	Get(valuePtrs ...any) error
}

// ValuesPayloads is implemented by the EncodedValue and EncodedValues of
// this package: it gives back the payloads without decoding them.
type ValuesPayloads interface {
	Payloads() *Payloads
}

// GetPayloads returns the payloads behind an EncodedValue or EncodedValues
// made by this package, or nil for anything else.
func GetPayloads(encoded any) *Payloads {
	if vp, ok := encoded.(ValuesPayloads); ok {
		return vp.Payloads()
	}
	return nil
}

// NewEncodedValue wraps payloads holding one value (only the first payload
// is ever decoded). A nil dc means the default data converter.
func NewEncodedValue(p *Payloads, dc DataConverter) EncodedValue {
	if dc == nil {
		dc = GetDefaultDataConverter()
	}
	return &encodedValue{payloads: p, dc: dc}
}

// NewEncodedValues wraps payloads holding any number of values. A nil dc
// means the default data converter.
func NewEncodedValues(p *Payloads, dc DataConverter) EncodedValues {
	if dc == nil {
		dc = GetDefaultDataConverter()
	}
	return &encodedValues{payloads: p, dc: dc}
}

type encodedValue struct {
	payloads *Payloads
	dc       DataConverter
}

func (v *encodedValue) HasValue() bool { return v.payloads != nil }

func (v *encodedValue) Get(valuePtr any) error {
	if v.payloads == nil {
		return ErrNoData
	}
	return v.dc.FromPayloads(v.payloads, valuePtr)
}

func (v *encodedValue) Payloads() *Payloads { return unshareAll(v.payloads) }

type encodedValues struct {
	payloads *Payloads
	dc       DataConverter
}

func (v *encodedValues) HasValues() bool { return v.payloads != nil }

func (v *encodedValues) Get(valuePtrs ...any) error {
	if v.payloads == nil {
		return ErrNoData
	}
	return v.dc.FromPayloads(v.payloads, valuePtrs...)
}

func (v *encodedValues) Payloads() *Payloads { return unshareAll(v.payloads) }
