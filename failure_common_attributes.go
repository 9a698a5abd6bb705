package wfsim

import "github.com/wfsim/wfsim/converter"

// encodedFailureMessage is the Message of a Failure whose message and stack
// trace were moved into EncodedAttributes; it is Temporal's text.
const encodedFailureMessage = "Encoded failure"

// commonFailureAttributes is the value held by Failure.EncodedAttributes,
// with the JSON names Temporal's SDKs use, so either side decodes the
// other's.
type commonFailureAttributes struct {
	Message    string `json:"message"`
	StackTrace string `json:"stack_trace"`
}

// EncodeCommonFailureAttributes moves f's Message and StackTrace into
// f.EncodedAttributes, encoded with dc, and sets Message to "Encoded
// failure" and StackTrace to "". It is Temporal's
// converter.EncodeCommonFailureAttributes, defined here next to Failure: a
// custom FailureConverter calls it to keep error texts out of history in
// clear (with an encrypting codec in dc). On error f is unchanged.
func EncodeCommonFailureAttributes(dc converter.DataConverter, f *Failure) error {
	p, err := dc.ToPayload(commonFailureAttributes{Message: f.Message, StackTrace: f.StackTrace})
	if err != nil {
		return err
	}
	f.EncodedAttributes = p
	f.Message = encodedFailureMessage
	f.StackTrace = ""
	return nil
}

// DecodeCommonFailureAttributes restores f's Message and StackTrace from
// f.EncodedAttributes when it has them and dc can decode them; otherwise f
// is left as it is. EncodedAttributes itself is kept. It is Temporal's
// converter.DecodeCommonFailureAttributes.
func DecodeCommonFailureAttributes(dc converter.DataConverter, f *Failure) {
	if f.EncodedAttributes == nil {
		return
	}
	var a commonFailureAttributes
	if dc.FromPayload(f.EncodedAttributes, &a) == nil {
		f.Message = a.Message
		f.StackTrace = a.StackTrace
	}
}
