package replay

import "strconv"

// SuggestContinueAsNewReason says why the server suggests, in a
// WorkflowTaskStarted event, that the run continue as new
// (enums.v1.SuggestContinueAsNewReason).
type SuggestContinueAsNewReason int32

const (
	SuggestContinueAsNewReasonUnspecified          SuggestContinueAsNewReason = 0
	SuggestContinueAsNewReasonHistorySizeTooLarge  SuggestContinueAsNewReason = 1
	SuggestContinueAsNewReasonTooManyHistoryEvents SuggestContinueAsNewReason = 2
	SuggestContinueAsNewReasonTooManyUpdates       SuggestContinueAsNewReason = 3
)

func (r SuggestContinueAsNewReason) String() string {
	return suggestContinueAsNewReasonEnum.name(int32(r))
}

var suggestContinueAsNewReasonEnum = newEnum("SuggestContinueAsNewReason", "SUGGEST_CONTINUE_AS_NEW_REASON",
	"Unspecified", "HistorySizeTooLarge", "TooManyHistoryEvents", "TooManyUpdates")

// enumsField visits a repeated enum, written as an array of proto names
// (protojson's form); a name the reader does not know reads as 0, as enum
// does.
func enumsField[E ~int32](v visitor, name string, p *[]E, d *enumDesc) {
	names := make([]string, len(*p))
	for i, e := range *p {
		if names[i] = d.protoName(int32(e)); names[i] == "" {
			names[i] = strconv.FormatInt(int64(e), 10)
		}
	}
	v.strs(name, &names)
	if len(names) == 0 && len(*p) == 0 {
		return
	}
	out := make([]E, len(names))
	for i, s := range names {
		if n, ok := d.value(s); ok {
			out[i] = E(n)
		} else if n, err := strconv.ParseInt(s, 10, 32); err == nil {
			out[i] = E(n)
		}
	}
	*p = out
}
