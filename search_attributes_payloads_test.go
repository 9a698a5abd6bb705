package wfsim_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wfsim/wfsim"
)

func TestSearchAttributesPayloadsRoundTrip(t *testing.T) {
	t.Parallel()
	when := time.Date(2000, 1, 2, 3, 4, 5, 0, time.UTC)
	sa := wfsim.NewSearchAttributes(
		wfsim.NewSearchAttributeKeyString("Text").ValueSet("free text"),
		wfsim.NewSearchAttributeKeyKeyword("Keyword").ValueSet("k"),
		wfsim.NewSearchAttributeKeyInt64("Int").ValueSet(42),
		wfsim.NewSearchAttributeKeyFloat64("Double").ValueSet(1.5),
		wfsim.NewSearchAttributeKeyBool("Bool").ValueSet(true),
		wfsim.NewSearchAttributeKeyTime("Datetime").ValueSet(when),
		wfsim.NewSearchAttributeKeyKeywordList("List").ValueSet([]string{"a", "b"}),
		wfsim.NewSearchAttributeKeyKeyword("Gone").ValueUnset(),
	)
	fields, err := wfsim.EncodeSearchAttributes(sa)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(fields["Int"].Metadata["type"]); got != "Int" {
		t.Errorf(`type metadata of "Int" = %q, want "Int"`, got)
	}
	if p := fields["Gone"]; p == nil || p.Data != nil {
		t.Errorf(`an unset attribute must encode as a null payload, got %+v`, p)
	}
	back := wfsim.DecodeSearchAttributes(fields)
	if diff := cmp.Diff(sa.GetUntypedValues(), back.GetUntypedValues()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
