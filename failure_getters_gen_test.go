package wfsim_test

import (
	"testing"
	"time"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/gengetters"
)

// failure_getters_gen.go is what the generator writes now.
func TestFailureGettersGenerated(t *testing.T) {
	t.Parallel()
	if err := gengetters.CheckFile(".", "failure.go"); err != nil {
		t.Fatal(err)
	}
}

// Every exported field of Failure and its infos has its getter.
func TestFailureGettersCoverEveryField(t *testing.T) {
	t.Parallel()
	types := map[string]any{
		"Failure":                           wfsim.Failure{},
		"ApplicationFailureInfo":            wfsim.ApplicationFailureInfo{},
		"TimeoutFailureInfo":                wfsim.TimeoutFailureInfo{},
		"CanceledFailureInfo":               wfsim.CanceledFailureInfo{},
		"TerminatedFailureInfo":             wfsim.TerminatedFailureInfo{},
		"ServerFailureInfo":                 wfsim.ServerFailureInfo{},
		"ResetWorkflowFailureInfo":          wfsim.ResetWorkflowFailureInfo{},
		"ActivityFailureInfo":               wfsim.ActivityFailureInfo{},
		"ChildWorkflowExecutionFailureInfo": wfsim.ChildWorkflowExecutionFailureInfo{},
	}
	cfg, err := gengetters.FromDirective(".", "failure.go")
	if err != nil {
		t.Fatal(err)
	}
	names, err := gengetters.StructTypes(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != len(types) {
		t.Errorf("the generator sees %v; the test lists %d types", names, len(types))
	}
	var values []any
	for _, n := range names {
		v, ok := types[n]
		if !ok {
			t.Errorf("struct %s has generated getters: add it to the test", n)
			continue
		}
		values = append(values, v)
	}
	if err := gengetters.Verify(values...); err != nil {
		t.Fatal(err)
	}
}

// A failure converted from an error is walked as Temporal's failure.v1
// messages are, and a nil link in the chain gives zero values.
func TestFailureGetterChains(t *testing.T) {
	t.Parallel()
	cause := wfsim.NewApplicationErrorWithOptions("card declined", "PaymentError", wfsim.ApplicationErrorOptions{
		NonRetryable:   true,
		NextRetryDelay: 3 * time.Second,
	})
	f := wfsim.GetDefaultFailureConverter().ErrorToFailure(wfsim.NewCanceledError("stop"))
	chained := wfsim.GetDefaultFailureConverter().ErrorToFailure(cause)

	tests := []struct {
		name      string
		got, want any
	}{
		{"message", chained.GetMessage(), "card declined"},
		{"type", chained.GetApplicationFailureInfo().GetType(), "PaymentError"},
		{"non-retryable", chained.GetApplicationFailureInfo().GetNonRetryable(), true},
		// Temporal: GetNextRetryDelay().AsDuration().
		{"next retry delay", chained.GetApplicationFailureInfo().GetNextRetryDelay(), 3 * time.Second},
		{"canceled details", f.GetCanceledFailureInfo().GetDetails() != nil, true},
		// Nil links: a getter on a nil message returns the zero value.
		{"no cause", chained.GetCause().GetMessage(), ""},
		{"no cause's info", chained.GetCause().GetApplicationFailureInfo().GetType(), ""},
		{"no timeout info", chained.GetTimeoutFailureInfo().GetTimeoutType(), wfsim.TimeoutType(0)},
		{"no details", f.GetApplicationFailureInfo().GetDetails().GetPayloads() == nil, true},
		{"nil failure", (*wfsim.Failure)(nil).GetActivityFailureInfo().GetRetryState(), wfsim.RetryState(0)},
		{"nil child info", (*wfsim.Failure)(nil).GetChildWorkflowExecutionFailureInfo().GetInitiatedEventId(), int64(0)},
		{"nil encoded attributes", chained.GetEncodedAttributes().GetData() == nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.got != tc.want {
				t.Errorf("got %#v, want %#v", tc.got, tc.want)
			}
		})
	}
}
