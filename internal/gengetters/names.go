package gengetters

import "unicode"

// TemporalName is the name protoc-gen-go gives Temporal's field that wfsim's
// field of type typ is named for: initialisms in wfsim's Go style become
// one capital and lower case letters (ActivityID → ActivityId,
// SDKMetadata → SdkMetadata, RequestIDRef → RequestIdRef); a field named
// otherwise than Temporal's would take its name from the table of
// exceptions.
func TemporalName(typ, field string) string {
	if n, _ := exception(typ, field); n != "" {
		return n
	}
	r := []rune(field)
	var out []rune
	for i := 0; i < len(r); {
		j := i
		for j < len(r) && unicode.IsUpper(r[j]) {
			j++
		}
		run := j - i
		if run >= 2 && j < len(r) && unicode.IsLower(r[j]) {
			run-- // the last capital starts the next word: "IDRef"
		}
		if run >= 2 {
			out = append(out, r[i])
			for _, c := range r[i+1 : i+run] {
				out = append(out, unicode.ToLower(c))
			}
			i += run
			continue
		}
		out = append(out, r[i])
		i++
	}
	return string(out)
}

// exception returns what the table of exceptions says about typ.field:
// the name of Temporal's field when the rule of TemporalName does not give
// it, and what porting code must change where the getter's result differs
// from Temporal's (beyond time.Duration and time.Time, which every getter
// notes). Checked against go.temporal.io/api v1.64.3: every field name
// follows the rule; the differences are of type.
func exception(typ, field string) (name, note string) {
	for _, e := range [...]struct{ typ, field, name, note string }{
		{"ActivityFailureInfo", "ActivityType", "",
			"Temporal's getter returns a *ActivityType: drop its .GetName()."},
		{"ChildWorkflowExecutionFailureInfo", "WorkflowType", "",
			"Temporal's getter returns a *WorkflowType: drop its .GetName()."},
		{"ChildWorkflowExecutionFailureInfo", "WorkflowID", "",
			"Temporal has GetWorkflowExecution().GetWorkflowId() instead."},
		{"ChildWorkflowExecutionFailureInfo", "RunID", "",
			"Temporal has GetWorkflowExecution().GetRunId() instead."},
		{"WorkflowTaskStartedEventAttributes", "SuggestContinueAsNewReasons", "",
			"Temporal's getter returns a slice of reasons: range over its Reasons() instead."},
		{"Event", "Attributes", "",
			"Temporal's getter returns the oneof wrapper (*history.HistoryEvent_…EventAttributes): " +
				"type-switch on the attribute structs, or call the typed getters."},
	} {
		if e.typ == typ && e.field == field {
			return e.name, e.note
		}
	}
	return "", ""
}
