package workflow

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// IndexedValueType is the type of a search attribute, as the server
// indexes it.
type IndexedValueType int32

// The search attribute types. Their String forms are Temporal's, the
// "type" metadata of search attribute payloads.
const (
	IndexedValueTypeUnspecified IndexedValueType = iota
	IndexedValueTypeText
	IndexedValueTypeKeyword
	IndexedValueTypeInt
	IndexedValueTypeDouble
	IndexedValueTypeBool
	IndexedValueTypeDatetime
	IndexedValueTypeKeywordList
)

var indexedValueTypeNames = [...]string{"Unspecified", "Text", "Keyword", "Int", "Double", "Bool", "Datetime", "KeywordList"}

func (t IndexedValueType) String() string {
	if t >= 0 && int(t) < len(indexedValueTypeNames) {
		return indexedValueTypeNames[t]
	}
	return strconv.Itoa(int(t))
}

// SearchAttributeKey is a typed search attribute key. Make one with
// NewSearchAttributeKeyKeyword and its siblings.
type SearchAttributeKey interface {
	GetName() string
	GetValueType() IndexedValueType
	GetReflectType() reflect.Type
}

// saKey is what every typed key holds; keys are comparable, so they index
// the values of a SearchAttributes.
type saKey struct {
	name      string
	valueType IndexedValueType
	goType    reflect.Type
}

func (k saKey) GetName() string                { return k.name }
func (k saKey) GetValueType() IndexedValueType { return k.valueType }
func (k saKey) GetReflectType() reflect.Type   { return k.goType }

func newKey[T any](name string, t IndexedValueType) saKey {
	return saKey{name: name, valueType: t, goType: reflect.TypeFor[T]()}
}

// SearchAttributeUpdate sets or unsets one search attribute.
type SearchAttributeUpdate func(*SearchAttributes)

func (k saKey) update(v any) SearchAttributeUpdate {
	return func(sa *SearchAttributes) { sa.values[k] = v }
}

// The typed keys, one per IndexedValueType. ValueSet sets the attribute,
// ValueUnset removes it.
type (
	SearchAttributeKeyString      struct{ saKey } // Text
	SearchAttributeKeyKeyword     struct{ saKey }
	SearchAttributeKeyBool        struct{ saKey }
	SearchAttributeKeyInt64       struct{ saKey }
	SearchAttributeKeyFloat64     struct{ saKey }
	SearchAttributeKeyTime        struct{ saKey }
	SearchAttributeKeyKeywordList struct{ saKey }
)

func NewSearchAttributeKeyString(name string) SearchAttributeKeyString {
	return SearchAttributeKeyString{newKey[string](name, IndexedValueTypeText)}
}
func NewSearchAttributeKeyKeyword(name string) SearchAttributeKeyKeyword {
	return SearchAttributeKeyKeyword{newKey[string](name, IndexedValueTypeKeyword)}
}
func NewSearchAttributeKeyBool(name string) SearchAttributeKeyBool {
	return SearchAttributeKeyBool{newKey[bool](name, IndexedValueTypeBool)}
}
func NewSearchAttributeKeyInt64(name string) SearchAttributeKeyInt64 {
	return SearchAttributeKeyInt64{newKey[int64](name, IndexedValueTypeInt)}
}
func NewSearchAttributeKeyFloat64(name string) SearchAttributeKeyFloat64 {
	return SearchAttributeKeyFloat64{newKey[float64](name, IndexedValueTypeDouble)}
}
func NewSearchAttributeKeyTime(name string) SearchAttributeKeyTime {
	return SearchAttributeKeyTime{newKey[time.Time](name, IndexedValueTypeDatetime)}
}
func NewSearchAttributeKeyKeywordList(name string) SearchAttributeKeyKeywordList {
	return SearchAttributeKeyKeywordList{newKey[[]string](name, IndexedValueTypeKeywordList)}
}

func (k SearchAttributeKeyString) ValueSet(v string) SearchAttributeUpdate   { return k.update(v) }
func (k SearchAttributeKeyString) ValueUnset() SearchAttributeUpdate         { return k.update(nil) }
func (k SearchAttributeKeyKeyword) ValueSet(v string) SearchAttributeUpdate  { return k.update(v) }
func (k SearchAttributeKeyKeyword) ValueUnset() SearchAttributeUpdate        { return k.update(nil) }
func (k SearchAttributeKeyBool) ValueSet(v bool) SearchAttributeUpdate       { return k.update(v) }
func (k SearchAttributeKeyBool) ValueUnset() SearchAttributeUpdate           { return k.update(nil) }
func (k SearchAttributeKeyInt64) ValueSet(v int64) SearchAttributeUpdate     { return k.update(v) }
func (k SearchAttributeKeyInt64) ValueUnset() SearchAttributeUpdate          { return k.update(nil) }
func (k SearchAttributeKeyFloat64) ValueSet(v float64) SearchAttributeUpdate { return k.update(v) }
func (k SearchAttributeKeyFloat64) ValueUnset() SearchAttributeUpdate        { return k.update(nil) }
func (k SearchAttributeKeyTime) ValueSet(v time.Time) SearchAttributeUpdate  { return k.update(v) }
func (k SearchAttributeKeyTime) ValueUnset() SearchAttributeUpdate           { return k.update(nil) }
func (k SearchAttributeKeyKeywordList) ValueUnset() SearchAttributeUpdate    { return k.update(nil) }
func (k SearchAttributeKeyKeywordList) ValueSet(v []string) SearchAttributeUpdate {
	return k.update(slices.Clone(v))
}

// SearchAttributes is a set of typed search attributes. A value set to nil
// (by ValueUnset) removes the attribute when upserted.
type SearchAttributes struct {
	values map[saKey]any
}

// keyOf returns the comparable form of any typed key.
func keyOf(k SearchAttributeKey) saKey {
	return saKey{name: k.GetName(), valueType: k.GetValueType(), goType: k.GetReflectType()}
}

// NewSearchAttributes returns the search attributes the updates make.
func NewSearchAttributes(attributes ...SearchAttributeUpdate) SearchAttributes {
	sa := SearchAttributes{values: make(map[saKey]any)}
	for _, u := range attributes {
		u(&sa)
	}
	return sa
}

func get[T any](sa SearchAttributes, k SearchAttributeKey) (T, bool) {
	v, ok := sa.values[keyOf(k)].(T)
	return v, ok
}

func (sa SearchAttributes) GetString(k SearchAttributeKeyString) (string, bool) {
	return get[string](sa, k)
}
func (sa SearchAttributes) GetKeyword(k SearchAttributeKeyKeyword) (string, bool) {
	return get[string](sa, k)
}
func (sa SearchAttributes) GetBool(k SearchAttributeKeyBool) (bool, bool) { return get[bool](sa, k) }
func (sa SearchAttributes) GetInt64(k SearchAttributeKeyInt64) (int64, bool) {
	return get[int64](sa, k)
}
func (sa SearchAttributes) GetFloat64(k SearchAttributeKeyFloat64) (float64, bool) {
	return get[float64](sa, k)
}
func (sa SearchAttributes) GetTime(k SearchAttributeKeyTime) (time.Time, bool) {
	return get[time.Time](sa, k)
}
func (sa SearchAttributes) GetKeywordList(k SearchAttributeKeyKeywordList) ([]string, bool) {
	v, ok := get[[]string](sa, k)
	return slices.Clone(v), ok
}

// ContainsKey reports whether the attribute is set.
func (sa SearchAttributes) ContainsKey(k SearchAttributeKey) bool { return sa.values[keyOf(k)] != nil }

// Size returns the number of attributes set.
func (sa SearchAttributes) Size() int { return len(sa.GetUntypedValues()) }

// GetUntypedValues returns a copy of the attributes that are set.
func (sa SearchAttributes) GetUntypedValues() map[SearchAttributeKey]any {
	out := make(map[SearchAttributeKey]any, len(sa.values))
	for k, v := range sa.values {
		if l, ok := v.([]string); ok {
			v = slices.Clone(l)
		}
		if v != nil {
			out[typedKey(k)] = v
		}
	}
	return out
}

// Copy returns an update that sets every attribute of sa.
func (sa SearchAttributes) Copy() SearchAttributeUpdate {
	return func(s *SearchAttributes) {
		for k, v := range sa.GetUntypedValues() {
			s.values[keyOf(k)] = v
		}
	}
}

var (
	errSearchAttributesNotSet = errors.New("search attributes is empty")
	errMemoNotSet             = errors.New("memo is empty")
	errChangeVersionReserved  = errors.New("TemporalChangeVersion is a reserved key that cannot be set, please use other key")
)

// encode turns search attributes into payloads with their "type" metadata,
// as Temporal's SDK sends them; an unset attribute becomes a null payload.
func (sa SearchAttributes) encode() (map[string]*converter.Payload, error) {
	dc := converter.GetDefaultDataConverter()
	out := make(map[string]*converter.Payload, len(sa.values))
	keys := slices.SortedFunc(maps.Keys(sa.values), func(a, b saKey) int { return strings.Compare(a.name, b.name) })
	for _, k := range keys {
		p, err := dc.ToPayload(sa.values[k])
		if err != nil {
			return nil, fmt.Errorf("encode search attribute [%s] error: %w", k.GetName(), err)
		}
		if p.Data != nil {
			p.Metadata["type"] = []byte(k.GetValueType().String())
		}
		out[k.name] = p
	}
	return out, nil
}

// UpsertTypedSearchAttributes sets (or, with ValueUnset, removes) search
// attributes of the running workflow. The change is recorded in the
// history (UpsertWorkflowSearchAttributes) and visible at once through
// GetInfo and GetTypedSearchAttributes.
func UpsertTypedSearchAttributes(ctx Context, attributes ...SearchAttributeUpdate) error {
	s := getState(ctx)
	sa := NewSearchAttributes(attributes...)
	if len(sa.values) == 0 {
		return errSearchAttributesNotSet
	}
	fields, err := sa.encode()
	if err != nil {
		return err
	}
	if _, ok := fields[TemporalChangeVersion]; ok {
		return errChangeVersionReserved
	}
	s.upsertSearchAttributes(strconv.FormatInt(s.book.nextID(), 10), fields)
	return nil
}

func (s *runState) upsertSearchAttributes(id string, fields map[string]*converter.Payload) {
	s.book.add(&command{Command: run.Command{Kind: run.CommandUpsertSearchAttributes, ID: id, SearchAttributes: fields}})
	s.mergeSearchAttributes(fields)
}

// mergeSearchAttributes sets search attributes in Info.
func (s *runState) mergeSearchAttributes(fields map[string]*converter.Payload) {
	if len(fields) == 0 {
		return
	}
	// Info's map may be the driver's: merge into a copy.
	merged := maps.Clone(s.info.SearchAttributes)
	if merged == nil {
		merged = make(map[string]*converter.Payload, len(fields))
	}
	maps.Copy(merged, fields)
	s.info.SearchAttributes = merged
}

// GetTypedSearchAttributes returns the search attributes of the running
// workflow: those it started with and those it upserted since.
func GetTypedSearchAttributes(ctx Context) SearchAttributes {
	return decodeSearchAttributes(getState(ctx).info.SearchAttributes)
}

// decodeSearchAttributes reads payloads by their "type" metadata. Payloads
// without a known type are left out, as Temporal leaves them out.
func decodeSearchAttributes(fields map[string]*converter.Payload) SearchAttributes {
	sa := NewSearchAttributes()
	dc := converter.GetDefaultDataConverter()
	for name, p := range fields {
		if p == nil || p.Data == nil {
			continue
		}
		t := string(p.Metadata["type"])
		if t == "" && name == TemporalChangeVersion {
			t = IndexedValueTypeKeywordList.String()
		}
		var k saKey
		var ptr any
		switch t {
		case "Text":
			k, ptr = newKey[string](name, IndexedValueTypeText), new(string)
		case "Keyword":
			k, ptr = newKey[string](name, IndexedValueTypeKeyword), new(string)
		case "Int":
			k, ptr = newKey[int64](name, IndexedValueTypeInt), new(int64)
		case "Double":
			k, ptr = newKey[float64](name, IndexedValueTypeDouble), new(float64)
		case "Bool":
			k, ptr = newKey[bool](name, IndexedValueTypeBool), new(bool)
		case "Datetime":
			k, ptr = newKey[time.Time](name, IndexedValueTypeDatetime), new(time.Time)
		case "KeywordList":
			k, ptr = newKey[[]string](name, IndexedValueTypeKeywordList), new([]string)
		default:
			continue
		}
		if dc.FromPayload(p, ptr) != nil {
			continue
		}
		sa.values[k] = reflect.ValueOf(ptr).Elem().Interface()
	}
	return sa
}

// typedKey wraps a key in its public type, so that it equals the key a user
// makes with the matching constructor.
func typedKey(k saKey) SearchAttributeKey {
	switch k.valueType {
	case IndexedValueTypeText:
		return SearchAttributeKeyString{k}
	case IndexedValueTypeKeyword:
		return SearchAttributeKeyKeyword{k}
	case IndexedValueTypeInt:
		return SearchAttributeKeyInt64{k}
	case IndexedValueTypeDouble:
		return SearchAttributeKeyFloat64{k}
	case IndexedValueTypeBool:
		return SearchAttributeKeyBool{k}
	case IndexedValueTypeDatetime:
		return SearchAttributeKeyTime{k}
	}
	return SearchAttributeKeyKeywordList{k}
}

// UpsertMemo sets (or, with a nil value, removes) memo fields of the
// running workflow. The change is recorded in the history
// (WorkflowPropertiesModified) and visible at once through GetInfo.
func UpsertMemo(ctx Context, memo map[string]any) error {
	s := getState(ctx)
	if len(memo) == 0 {
		return errMemoNotSet
	}
	s.useFlag(flagMemoUserDCEncode)
	fields, err := encodeMemo(s.dc, memo)
	if err != nil {
		return err
	}
	s.book.add(&command{Command: run.Command{Kind: run.CommandModifyProperties, ID: strconv.FormatInt(s.book.nextID(), 10), Memo: fields}})
	s.mergeMemo(fields)
	return nil
}

// mergeMemo sets memo fields in Info; one without data removes its key.
func (s *runState) mergeMemo(fields map[string]*converter.Payload) {
	// Info's map may be the driver's: merge into a copy.
	merged := maps.Clone(s.info.Memo)
	if merged == nil {
		merged = make(map[string]*converter.Payload, len(fields))
	}
	for k, p := range fields {
		if p == nil || p.Data == nil {
			delete(merged, k)
		} else {
			merged[k] = p
		}
	}
	if len(merged) == 0 {
		merged = nil
	}
	s.info.Memo = merged
}

// flagMemoUserDCEncode is Temporal's SDK flag 7: memos are encoded with
// the workflow's data converter. Temporal's SDK records it at every
// UpsertMemo and child workflow start.
const flagMemoUserDCEncode uint32 = 7

// encodeMemo encodes memo values in key order, so the first error is the
// same on every run.
func encodeMemo(dc converter.DataConverter, memo map[string]any) (map[string]*converter.Payload, error) {
	if memo == nil {
		return nil, nil
	}
	out := make(map[string]*converter.Payload, len(memo))
	for _, k := range slices.Sorted(maps.Keys(memo)) {
		p, err := dc.ToPayload(memo[k])
		if err != nil {
			return nil, fmt.Errorf("encode workflow memo error: %w", err)
		}
		out[k] = p
	}
	return out, nil
}

// applyUpsertEvent handles UpsertWorkflowSearchAttributes and
// WorkflowPropertiesModified events. Temporal's SDK forgets these commands
// once sent; here the event ends the oldest sent one. Its values go to
// Info, as in Temporal's SDK: the code's own call set them already, but a
// replay of GetVersion, which issues nothing, learns its
// TemporalChangeVersion only from the event, so replay and a new run agree
// from the next task on.
func (s *runState) applyUpsertEvent(ev *run.Event) {
	kind := run.CommandUpsertSearchAttributes
	if ev.Kind == run.EventPropertiesModified {
		kind = run.CommandModifyProperties
		if len(ev.Fields) > 0 {
			s.mergeMemo(ev.Fields)
		}
	} else {
		s.mergeSearchAttributes(ev.Fields)
	}
	for _, c := range s.book.ordered {
		if c.Kind == kind && c.state == commandSent {
			s.book.done(c)
			return
		}
	}
}
