package wfsim

import (
	"maps"
	"reflect"
	"slices"
	"strconv"
	"time"
)

// IndexedValueType is the type of a search attribute, as the server
// indexes it. The values are Temporal's (enums.v1.IndexedValueType); their
// String forms are the "type" metadata of search attribute payloads.
type IndexedValueType int32

const (
	IndexedValueTypeUnspecified IndexedValueType = 0
	IndexedValueTypeText        IndexedValueType = 1
	IndexedValueTypeKeyword     IndexedValueType = 2
	IndexedValueTypeInt         IndexedValueType = 3
	IndexedValueTypeDouble      IndexedValueType = 4
	IndexedValueTypeBool        IndexedValueType = 5
	IndexedValueTypeDatetime    IndexedValueType = 6
	IndexedValueTypeKeywordList IndexedValueType = 7
)

var indexedValueTypeNames = [...]string{"Unspecified", "Text", "Keyword", "Int", "Double", "Bool", "Datetime", "KeywordList"}

// String returns the type's name as search attribute payloads carry it,
// such as "KeywordList".
func (t IndexedValueType) String() string {
	if t >= 0 && int(t) < len(indexedValueTypeNames) {
		return indexedValueTypeNames[t]
	}
	return strconv.Itoa(int(t))
}

// SearchAttributeKey is a typed search attribute key. Make one with
// NewSearchAttributeKeyKeyword and its siblings. Keys are values: two keys
// with the same name and type are the same key.
type SearchAttributeKey interface {
	// GetName returns the attribute's name.
	GetName() string
	// GetValueType returns the attribute's type.
	GetValueType() IndexedValueType
	// GetReflectType returns the Go type of the attribute's values.
	GetReflectType() reflect.Type
}

// searchAttributeKey is what every typed key holds.
type searchAttributeKey struct {
	name        string
	valueType   IndexedValueType
	reflectType reflect.Type
}

// GetName returns the attribute's name.
func (k searchAttributeKey) GetName() string { return k.name }

// GetValueType returns the attribute's type.
func (k searchAttributeKey) GetValueType() IndexedValueType { return k.valueType }

// GetReflectType returns the Go type of the attribute's values.
func (k searchAttributeKey) GetReflectType() reflect.Type { return k.reflectType }

func newSearchAttributeKey[T any](name string, t IndexedValueType) searchAttributeKey {
	return searchAttributeKey{name: name, valueType: t, reflectType: reflect.TypeFor[T]()}
}

// SearchAttributeUpdate sets or unsets one search attribute; the keys'
// ValueSet and ValueUnset make them.
type SearchAttributeUpdate func(*SearchAttributes)

// SearchAttributeKeyString is the key of a Text attribute (a string
// indexed for full-text search).
type SearchAttributeKeyString struct{ searchAttributeKey }

// SearchAttributeKeyKeyword is the key of a Keyword attribute (a string
// matched exactly).
type SearchAttributeKeyKeyword struct{ searchAttributeKey }

// SearchAttributeKeyBool is the key of a Bool attribute.
type SearchAttributeKeyBool struct{ searchAttributeKey }

// SearchAttributeKeyInt64 is the key of an Int attribute.
type SearchAttributeKeyInt64 struct{ searchAttributeKey }

// SearchAttributeKeyFloat64 is the key of a Double attribute.
type SearchAttributeKeyFloat64 struct{ searchAttributeKey }

// SearchAttributeKeyTime is the key of a Datetime attribute.
type SearchAttributeKeyTime struct{ searchAttributeKey }

// SearchAttributeKeyKeywordList is the key of a KeywordList attribute.
type SearchAttributeKeyKeywordList struct{ searchAttributeKey }

// NewSearchAttributeKeyString returns the key of the Text attribute name.
func NewSearchAttributeKeyString(name string) SearchAttributeKeyString {
	return SearchAttributeKeyString{newSearchAttributeKey[string](name, IndexedValueTypeText)}
}

// NewSearchAttributeKeyKeyword returns the key of the Keyword attribute
// name.
func NewSearchAttributeKeyKeyword(name string) SearchAttributeKeyKeyword {
	return SearchAttributeKeyKeyword{newSearchAttributeKey[string](name, IndexedValueTypeKeyword)}
}

// NewSearchAttributeKeyBool returns the key of the Bool attribute name.
func NewSearchAttributeKeyBool(name string) SearchAttributeKeyBool {
	return SearchAttributeKeyBool{newSearchAttributeKey[bool](name, IndexedValueTypeBool)}
}

// NewSearchAttributeKeyInt64 returns the key of the Int attribute name.
func NewSearchAttributeKeyInt64(name string) SearchAttributeKeyInt64 {
	return SearchAttributeKeyInt64{newSearchAttributeKey[int64](name, IndexedValueTypeInt)}
}

// NewSearchAttributeKeyFloat64 returns the key of the Double attribute
// name.
func NewSearchAttributeKeyFloat64(name string) SearchAttributeKeyFloat64 {
	return SearchAttributeKeyFloat64{newSearchAttributeKey[float64](name, IndexedValueTypeDouble)}
}

// NewSearchAttributeKeyTime returns the key of the Datetime attribute
// name.
func NewSearchAttributeKeyTime(name string) SearchAttributeKeyTime {
	return SearchAttributeKeyTime{newSearchAttributeKey[time.Time](name, IndexedValueTypeDatetime)}
}

// NewSearchAttributeKeyKeywordList returns the key of the KeywordList
// attribute name.
func NewSearchAttributeKeyKeywordList(name string) SearchAttributeKeyKeywordList {
	return SearchAttributeKeyKeywordList{newSearchAttributeKey[[]string](name, IndexedValueTypeKeywordList)}
}

// set returns the update that sets k to v (nil unsets it).
func set(k SearchAttributeKey, v any) SearchAttributeUpdate {
	return func(sa *SearchAttributes) { sa.values[k] = v }
}

// ValueSet returns the update that sets the attribute to v.
func (k SearchAttributeKeyString) ValueSet(v string) SearchAttributeUpdate { return set(k, v) }

// ValueUnset returns the update that removes the attribute.
func (k SearchAttributeKeyString) ValueUnset() SearchAttributeUpdate { return set(k, nil) }

// ValueSet returns the update that sets the attribute to v.
func (k SearchAttributeKeyKeyword) ValueSet(v string) SearchAttributeUpdate { return set(k, v) }

// ValueUnset returns the update that removes the attribute.
func (k SearchAttributeKeyKeyword) ValueUnset() SearchAttributeUpdate { return set(k, nil) }

// ValueSet returns the update that sets the attribute to v.
func (k SearchAttributeKeyBool) ValueSet(v bool) SearchAttributeUpdate { return set(k, v) }

// ValueUnset returns the update that removes the attribute.
func (k SearchAttributeKeyBool) ValueUnset() SearchAttributeUpdate { return set(k, nil) }

// ValueSet returns the update that sets the attribute to v.
func (k SearchAttributeKeyInt64) ValueSet(v int64) SearchAttributeUpdate { return set(k, v) }

// ValueUnset returns the update that removes the attribute.
func (k SearchAttributeKeyInt64) ValueUnset() SearchAttributeUpdate { return set(k, nil) }

// ValueSet returns the update that sets the attribute to v.
func (k SearchAttributeKeyFloat64) ValueSet(v float64) SearchAttributeUpdate { return set(k, v) }

// ValueUnset returns the update that removes the attribute.
func (k SearchAttributeKeyFloat64) ValueUnset() SearchAttributeUpdate { return set(k, nil) }

// ValueSet returns the update that sets the attribute to v.
func (k SearchAttributeKeyTime) ValueSet(v time.Time) SearchAttributeUpdate { return set(k, v) }

// ValueUnset returns the update that removes the attribute.
func (k SearchAttributeKeyTime) ValueUnset() SearchAttributeUpdate { return set(k, nil) }

// ValueSet returns the update that sets the attribute to a copy of v.
func (k SearchAttributeKeyKeywordList) ValueSet(v []string) SearchAttributeUpdate {
	return set(k, slices.Clone(v))
}

// ValueUnset returns the update that removes the attribute.
func (k SearchAttributeKeyKeywordList) ValueUnset() SearchAttributeUpdate { return set(k, nil) }

// SearchAttributes is a set of typed search attributes, made with
// NewSearchAttributes. An attribute it unsets (ValueUnset) is removed when
// it is upserted; the getters do not show it.
type SearchAttributes struct {
	values map[SearchAttributeKey]any
}

// NewSearchAttributes returns the search attributes the updates make, in
// order: a later update of a key wins.
func NewSearchAttributes(attributes ...SearchAttributeUpdate) SearchAttributes {
	sa := SearchAttributes{values: make(map[SearchAttributeKey]any)}
	for _, u := range attributes {
		u(&sa)
	}
	return sa
}

func getSearchAttribute[T any](sa SearchAttributes, k SearchAttributeKey) (T, bool) {
	v, ok := sa.values[k].(T)
	return v, ok
}

// GetString returns the value of a Text attribute and whether it is set.
func (sa SearchAttributes) GetString(k SearchAttributeKeyString) (string, bool) {
	return getSearchAttribute[string](sa, k)
}

// GetKeyword returns the value of a Keyword attribute and whether it is
// set.
func (sa SearchAttributes) GetKeyword(k SearchAttributeKeyKeyword) (string, bool) {
	return getSearchAttribute[string](sa, k)
}

// GetBool returns the value of a Bool attribute and whether it is set.
func (sa SearchAttributes) GetBool(k SearchAttributeKeyBool) (bool, bool) {
	return getSearchAttribute[bool](sa, k)
}

// GetInt64 returns the value of an Int attribute and whether it is set.
func (sa SearchAttributes) GetInt64(k SearchAttributeKeyInt64) (int64, bool) {
	return getSearchAttribute[int64](sa, k)
}

// GetFloat64 returns the value of a Double attribute and whether it is
// set.
func (sa SearchAttributes) GetFloat64(k SearchAttributeKeyFloat64) (float64, bool) {
	return getSearchAttribute[float64](sa, k)
}

// GetTime returns the value of a Datetime attribute and whether it is set.
func (sa SearchAttributes) GetTime(k SearchAttributeKeyTime) (time.Time, bool) {
	return getSearchAttribute[time.Time](sa, k)
}

// GetKeywordList returns a copy of the value of a KeywordList attribute
// and whether it is set.
func (sa SearchAttributes) GetKeywordList(k SearchAttributeKeyKeywordList) ([]string, bool) {
	v, ok := getSearchAttribute[[]string](sa, k)
	return slices.Clone(v), ok
}

// ContainsKey reports whether the attribute is set.
func (sa SearchAttributes) ContainsKey(k SearchAttributeKey) bool { return sa.values[k] != nil }

// Size returns the number of attributes set.
func (sa SearchAttributes) Size() int { return len(sa.GetUntypedValues()) }

// GetUntypedValues returns a copy of the attributes that are set, by key.
func (sa SearchAttributes) GetUntypedValues() map[SearchAttributeKey]any {
	out := make(map[SearchAttributeKey]any, len(sa.values))
	for k, v := range sa.values {
		if v == nil {
			continue
		}
		if l, ok := v.([]string); ok {
			v = slices.Clone(l)
		}
		out[k] = v
	}
	return out
}

// Copy returns an update that sets every attribute sa sets.
func (sa SearchAttributes) Copy() SearchAttributeUpdate {
	values := sa.GetUntypedValues()
	return func(s *SearchAttributes) { maps.Copy(s.values, values) }
}
