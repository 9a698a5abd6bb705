package wfsim_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/wfsim/wfsim"
)

func TestSearchAttributes(t *testing.T) {
	t.Parallel()
	customer := wfsim.NewSearchAttributeKeyKeyword("Customer")
	amount := wfsim.NewSearchAttributeKeyInt64("Amount")
	paid := wfsim.NewSearchAttributeKeyBool("Paid")
	due := wfsim.NewSearchAttributeKeyTime("Due")
	tags := wfsim.NewSearchAttributeKeyKeywordList("Tags")
	score := wfsim.NewSearchAttributeKeyFloat64("Score")
	note := wfsim.NewSearchAttributeKeyString("Note")
	when := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	list := []string{"a", "b"}
	sa := wfsim.NewSearchAttributes(customer.ValueSet("ann"), amount.ValueSet(42), paid.ValueSet(true), due.ValueSet(when),
		tags.ValueSet(list), score.ValueSet(0.5), note.ValueSet("hi"), note.ValueUnset())
	list[0] = "changed after ValueSet"

	t.Run("getters", func(t *testing.T) {
		t.Parallel()
		c, ok := sa.GetKeyword(customer)
		assert.True(t, ok)
		assert.Equal(t, "ann", c)
		a, _ := sa.GetInt64(amount)
		assert.Equal(t, int64(42), a)
		p, _ := sa.GetBool(paid)
		assert.True(t, p)
		d, _ := sa.GetTime(due)
		assert.Equal(t, when, d)
		l, _ := sa.GetKeywordList(tags)
		assert.Equal(t, []string{"a", "b"}, l, "ValueSet copies the list")
		f, _ := sa.GetFloat64(score)
		assert.Equal(t, 0.5, f)
		l[0] = "changed"
		l2, _ := sa.GetKeywordList(tags)
		assert.Equal(t, "a", l2[0], "lists are copied out")
	})
	t.Run("unset and missing", func(t *testing.T) {
		t.Parallel()
		_, ok := sa.GetString(note)
		assert.False(t, ok, "unset")
		assert.False(t, sa.ContainsKey(note))
		_, ok = sa.GetKeyword(wfsim.NewSearchAttributeKeyKeyword("Amount"))
		assert.False(t, ok, "a key of another type is another key")
		assert.Equal(t, 6, sa.Size(), "the unset attribute is not counted")
		assert.NotContains(t, sa.GetUntypedValues(), wfsim.SearchAttributeKey(note))
	})
	t.Run("keys are values", func(t *testing.T) {
		t.Parallel()
		assert.True(t, sa.ContainsKey(wfsim.NewSearchAttributeKeyKeyword("Customer")))
		assert.Equal(t, "Customer", customer.GetName())
		assert.Equal(t, wfsim.IndexedValueTypeKeyword, customer.GetValueType())
		assert.Equal(t, reflect.TypeFor[[]string](), tags.GetReflectType())
	})
	t.Run("copy", func(t *testing.T) {
		t.Parallel()
		cp := wfsim.NewSearchAttributes(note.ValueSet("kept"), sa.Copy())
		assert.Equal(t, 7, cp.Size(), "Copy does not unset what sa unsets")
		n, _ := cp.GetString(note)
		assert.Equal(t, "kept", n)
		later := wfsim.NewSearchAttributes(sa.Copy(), customer.ValueSet("bob"))
		c, _ := later.GetKeyword(customer)
		assert.Equal(t, "bob", c, "a later update wins")
	})
	t.Run("zero value", func(t *testing.T) {
		t.Parallel()
		var zero wfsim.SearchAttributes
		assert.Equal(t, 0, zero.Size())
		assert.False(t, zero.ContainsKey(customer))
	})
}

func TestEnumNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  fmt.Stringer
		want string
	}{
		{"indexed value type", wfsim.IndexedValueTypeKeywordList, "KeywordList"},
		{"unknown indexed value type", wfsim.IndexedValueType(99), "99"},
		{"parent close policy", wfsim.ParentClosePolicyRequestCancel, "RequestCancel"},
		{"unknown parent close policy", wfsim.ParentClosePolicy(9), "ParentClosePolicy(9)"},
		{"workflow ID reuse policy", wfsim.WorkflowIDReusePolicyAllowDuplicateFailedOnly, "AllowDuplicateFailedOnly"},
		{"unknown workflow ID reuse policy", wfsim.WorkflowIDReusePolicy(-1), "WorkflowIDReusePolicy(-1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, tt.got.String())
		})
	}
}

// Typed search attributes, made as in Temporal's temporal package: keys
// with their type, and updates that set or unset values.
func ExampleNewSearchAttributes() {
	customer := wfsim.NewSearchAttributeKeyKeyword("CustomerId")
	total := wfsim.NewSearchAttributeKeyFloat64("OrderTotal")
	sa := wfsim.NewSearchAttributes(customer.ValueSet("c-42"), total.ValueSet(99.5))
	id, _ := sa.GetKeyword(customer)
	amount, ok := sa.GetFloat64(total)
	fmt.Println(id, amount, ok, sa.Size())
	// Output: c-42 99.5 true 2
}
