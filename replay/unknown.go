package replay

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
)

// UnknownField is a JSON field of an event that this package does not
// know: a field added by a newer server, an enum value it has no name for,
// or the type and attributes of an event of unknown type. ReadHistory keeps
// such fields on the event, and WriteJSON writes them back where they were,
// so that reading and writing a history loses nothing.
type UnknownField struct {
	// Object is the JSON path of the object holding the field, relative to
	// the event: "" for the event itself,
	// "workflowExecutionStartedEventAttributes", "links[0]",
	// "activityTaskScheduledEventAttributes.input.payloads[0]".
	Object string
	// Name is the field's key, such as "someNewField".
	Name string
	// Value is the field's value, as compact JSON with object keys sorted.
	Value json.RawMessage
}

// Path returns the field's path from the event, such as
// "workflowExecutionStartedEventAttributes.someNewField".
func (u UnknownField) Path() string {
	if u.Object == "" {
		return u.Name
	}
	return u.Object + "." + u.Name
}

// canonicalJSON returns v, a value parsed with UseNumber, as compact JSON
// with sorted keys, so that a value read again after writing is byte-equal.
func canonicalJSON(v any) json.RawMessage {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Cannot happen: v came from the JSON decoder.
		panic("replay: re-encoding parsed JSON: " + err.Error())
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// joinPath returns the path of the child object key inside the object at
// path.
func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// sortUnknown orders unknown fields by object and name, so that equal
// events hold equal slices.
func sortUnknown(u []UnknownField) {
	sort.SliceStable(u, func(i, j int) bool {
		if u[i].Object != u[j].Object {
			return u[i].Object < u[j].Object
		}
		return u[i].Name < u[j].Name
	})
}

// recordUnknown keeps the fields of obj, the object at path, that the
// reader did not use. Nulls are absent values in protojson and are not
// kept.
func (st *readState) recordUnknown(path string, obj map[string]any, used map[string]bool) {
	for _, k := range sortedKeys(obj) {
		if used[k] || obj[k] == nil {
			continue
		}
		st.unknown = append(st.unknown, UnknownField{Object: path, Name: k, Value: canonicalJSON(obj[k])})
	}
}

// unknownIn returns the unknown fields held directly by the object at path.
func unknownIn(u []UnknownField, path string) []UnknownField {
	var out []UnknownField
	for _, f := range u {
		if f.Object == path {
			out = append(out, f)
		}
	}
	return out
}

// unknownUnder reports whether some unknown field lies inside the object at
// path, at any depth.
func unknownUnder(u []UnknownField, path string) bool {
	for _, f := range u {
		if f.Object == path || strings.HasPrefix(f.Object, path+".") || strings.HasPrefix(f.Object, path+"[") {
			return true
		}
	}
	return false
}
