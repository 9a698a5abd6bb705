package wfsim

// payloadValidationErrorType is the ApplicationError type Temporal gives
// errors about payloads that fail validation.
const payloadValidationErrorType = "PayloadValidationError"

// NewPayloadValidationError returns a non-retryable *ApplicationError of
// type "PayloadValidationError" with the message "Payload validation
// failed", for input that fails validation: retrying cannot fix it. A
// non-nil details value (the violations, say) is its single detail.
func NewPayloadValidationError(details any) error {
	options := ApplicationErrorOptions{NonRetryable: true}
	if details != nil {
		options.Details = []any{details}
	}
	return NewApplicationErrorWithOptions("Payload validation failed", payloadValidationErrorType, options)
}
