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

// SuggestContinueAsNewReasonSet is the set of reasons a WorkflowTaskStarted
// event gives (its suggestContinueAsNewReasons): bit r is set for reason r.
// The history's JSON lists them; as a set they take no room in the event
// (their order and repetitions carry no meaning).
type SuggestContinueAsNewReasonSet uint32

// NewSuggestContinueAsNewReasonSet returns the set of reasons; reasons
// outside 0..31 are left out.
func NewSuggestContinueAsNewReasonSet(reasons ...SuggestContinueAsNewReason) SuggestContinueAsNewReasonSet {
	var s SuggestContinueAsNewReasonSet
	for _, r := range reasons {
		if r >= 0 && r < 32 {
			s |= 1 << r
		}
	}
	return s
}

// Has reports whether r is in the set.
func (s SuggestContinueAsNewReasonSet) Has(r SuggestContinueAsNewReason) bool {
	return r >= 0 && r < 32 && s&(1<<r) != 0
}

// Reasons lists the set's reasons in increasing order; nil for none.
func (s SuggestContinueAsNewReasonSet) Reasons() []SuggestContinueAsNewReason {
	var out []SuggestContinueAsNewReason
	for r := range SuggestContinueAsNewReason(32) {
		if s.Has(r) {
			out = append(out, r)
		}
	}
	return out
}

// reasonSetField visits a set of reasons, written as an array of proto
// names (protojson's form of the repeated enum); a name the reader does not
// know is left out.
func reasonSetField(v visitor, name string, p *SuggestContinueAsNewReasonSet) {
	if *p == 0 {
		var names []string
		v.strs(name, &names) // reads them, or writes nothing
		if len(names) == 0 {
			return
		}
		for _, s := range names {
			if n, ok := suggestContinueAsNewReasonEnum.value(s); ok {
				*p |= NewSuggestContinueAsNewReasonSet(SuggestContinueAsNewReason(n))
			} else if n, err := strconv.ParseInt(s, 10, 32); err == nil {
				*p |= NewSuggestContinueAsNewReasonSet(SuggestContinueAsNewReason(n))
			}
		}
		return
	}
	var names []string
	for _, r := range p.Reasons() {
		s := suggestContinueAsNewReasonEnum.protoName(int32(r))
		if s == "" {
			s = strconv.Itoa(int(r))
		}
		names = append(names, s)
	}
	v.strs(name, &names)
}
