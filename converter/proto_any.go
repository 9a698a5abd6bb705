package converter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/wfsim/wfsim/internal/jsonscalar"
)

// google.protobuf.Any holds a message of any type, named by a type URL.
// protojson finds that type in the global registry of linked message
// types; wfsim cannot import the registry, but the generated Any has a
// method that looks in it, UnmarshalNew. So wfsim finds the Go type of
// Any among the message types reachable from the message converted (one
// of them is an Any, or there would be nothing to resolve), and asks a
// new Any holding the type URL. The answer depends on the URL only, never
// on what the converter met before.

// errAnyTypeNotFound is the cause when an Any's type cannot be resolved.
var errAnyTypeNotFound = errors.New("message type not found")

// resolveAny returns the schema of the message an Any's type URL names;
// root is the message being converted.
func (pt *protoTypes) resolveAny(root *protoSchema, url string) (s *protoSchema, err error) {
	if url[strings.LastIndexByte(url, '/')+1:] == "" {
		return nil, fmt.Errorf("invalid type URL %q", url)
	}
	if s, ok := pt.anyURLs.Load(url); ok {
		return s.(*protoSchema), nil
	}
	defer recoverProto(&err, "resolving "+url)
	anyType, err := pt.anyGoType(root)
	if err != nil {
		return nil, err
	}
	a := reflect.New(anyType.Elem())
	a.Elem().FieldByName("TypeUrl").SetString(url)
	res := a.MethodByName("UnmarshalNew").Call(nil)
	if !res[1].IsNil() {
		return nil, fmt.Errorf("%w: %q (%v)", errAnyTypeNotFound, url, res[1].Interface())
	}
	pt2, err := pt.lookup(res[0].Elem().Type())
	if err != nil {
		return nil, err
	}
	if pt2 == nil {
		return nil, fmt.Errorf("%w: %q", errAnyTypeNotFound, url)
	}
	v, _ := pt.anyURLs.LoadOrStore(url, pt2.schema)
	return v.(*protoSchema), nil
}

// anyGoType returns the Go type of google.protobuf.Any (*anypb.Any),
// found by walking the fields of root's Go message type.
func (pt *protoTypes) anyGoType(root *protoSchema) (reflect.Type, error) {
	if t, ok := pt.goTypes.Load(anyFullName); ok {
		return t.(reflect.Type), nil
	}
	rootType, ok := pt.goTypes.Load(root.fullName)
	if !ok {
		return nil, fmt.Errorf("%w: no Go type of %s", errProtoRuntime, root.fullName)
	}
	m := reflectMessage(reflect.New(rootType.(reflect.Type).Elem()))
	found := findAnyMessage(m, map[string]bool{})
	if !found.IsValid() {
		return nil, fmt.Errorf("%w: %s holds no google.protobuf.Any", errProtoRuntime, root.fullName)
	}
	t := call(found, "Interface").Elem().Type()
	if _, ok := t.MethodByName("UnmarshalNew"); !ok || t.Kind() != reflect.Pointer {
		return nil, fmt.Errorf("%w: %s has no method UnmarshalNew (google.golang.org/protobuf older than v1.26)", errProtoRuntime, t)
	}
	pt.goTypes.Store(anyFullName, t)
	return t, nil
}

const anyFullName = "google.protobuf.Any"

// findAnyMessage returns a new google.protobuf.Any protoreflect.Message
// reachable from m (a protoreflect.Message) through its message fields,
// list elements and map values; invalid when there is none.
func findAnyMessage(m reflect.Value, seen map[string]bool) reflect.Value {
	md := call(m, "Descriptor")
	name := callString(md, "FullName")
	if name == anyFullName {
		return m
	}
	if seen[name] {
		return reflect.Value{}
	}
	seen[name] = true
	for _, fd := range list(call(md, "Fields")) {
		if protoKind(callInt(fd, "Kind")) != kindMessage {
			continue
		}
		v := call(m, "NewField", fd) // a protoreflect.Value
		var sub reflect.Value
		switch {
		case callBool(fd, "IsMap"):
			if protoKind(callInt(call(fd, "MapValue"), "Kind")) != kindMessage {
				continue
			}
			sub = call(call(call(v, "Map"), "NewValue"), "Message")
		case callBool(fd, "IsList"):
			sub = call(call(call(v, "List"), "NewElement"), "Message")
		default:
			sub = call(v, "Message")
		}
		if found := findAnyMessage(sub, seen); found.IsValid() {
			return found
		}
	}
	return reflect.Value{}
}

// anyMessage writes an Any: {"@type": url, the message's fields…}, or
// {"@type": url, "value": …} for a well-known type.
func (e *protoJSONEncoder) anyMessage(b []byte, s *protoSchema, seen map[int32][]wireValue) ([]byte, error) {
	var url string
	var value []byte
	if occ := seen[1]; len(occ) > 0 {
		url = string(occ[len(occ)-1].data)
	}
	if occ := seen[2]; len(occ) > 0 {
		value = occ[len(occ)-1].data
	}
	if url == "" && len(value) == 0 {
		return append(b, "{}"...), nil
	}
	inner, err := e.types.resolveAny(e.root, url)
	if err != nil {
		return nil, fieldErr(s, s.byNum[1], err)
	}
	b = append(b, `{"@type":`...)
	b = jsonscalar.AppendString(b, url)
	if inner.wkt != wktNone {
		b = append(b, `,"value":`...)
		if b, err = e.message(b, inner, value); err != nil {
			return nil, err
		}
		return append(b, '}'), nil
	}
	body, err := e.message(nil, inner, value)
	if err != nil {
		return nil, err
	}
	if len(body) > 2 { // not "{}"
		b = append(b, ',')
		b = append(b, body[1:len(body)-1]...)
	}
	return append(b, '}'), nil
}

// anyField reads the value of field f, a google.protobuf.Any, whose
// members may come in any order; nil for JSON null.
func (d *protoJSONDecoder) anyField(s *protoSchema, f *protoField) ([]byte, error) {
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil {
		return nil, fieldErr(s, f, fmt.Errorf("invalid JSON: %w", err))
	}
	if bytes.Equal(raw, []byte("null")) {
		return nil, nil
	}
	return d.anyMessage(f.msg, raw)
}

func (d *protoJSONDecoder) anyMessage(s *protoSchema, raw []byte) ([]byte, error) {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(raw, &members); err != nil {
		return nil, fieldErr(s, nil, fmt.Errorf("want an object: %w", err))
	}
	typeRaw, ok := members["@type"]
	if !ok {
		if len(members) == 0 {
			return []byte{}, nil
		}
		return nil, fieldErr(s, nil, errors.New(`missing "@type"`))
	}
	var url string
	if err := json.Unmarshal(typeRaw, &url); err != nil {
		return nil, fieldErr(s, nil, errors.New(`"@type" is not a string`))
	}
	inner, err := d.types.resolveAny(d.root, url)
	if err != nil {
		return nil, fieldErr(s, nil, err)
	}
	sub := newProtoJSONDecoder(d.opts, d.types, d.root, raw)
	sub.depth = d.depth + 1
	if _, err := sub.next(s, nil); err != nil { // the '{'
		return nil, err
	}
	var value []byte
	if inner.wkt != wktNone {
		valueRaw, ok := members["value"]
		if !ok || len(members) != 2 {
			return nil, fieldErr(s, nil, fmt.Errorf(`an Any of %s wants exactly "@type" and "value"`, inner.fullName))
		}
		vd := newProtoJSONDecoder(d.opts, d.types, d.root, valueRaw)
		vd.depth = d.depth + 1
		if inner.wkt == wktAny { // an Any in an Any: read from its text too
			if err := vd.enter(inner); err != nil {
				return nil, err
			}
			if value, err = vd.anyMessage(inner, valueRaw); err != nil {
				return nil, err
			}
		} else {
			tok, err := vd.next(inner, nil)
			if err != nil {
				return nil, err
			}
			if value, err = vd.message(inner, tok); err != nil {
				return nil, err
			}
		}
	} else if value, err = sub.fields(inner, func(name string) bool { return name == "@type" }); err != nil {
		return nil, err
	}
	if len(value) > 0 {
		if value, err = d.types.canonical(inner, value); err != nil {
			return nil, err
		}
	}
	out := appendLenBytes(nil, 1, []byte(url))
	if len(value) > 0 {
		out = appendLenBytes(out, 2, value)
	}
	return out, nil
}

// canonical re-encodes the wire form of an Any's value as protojson makes
// it: read into a new message of its type and written deterministically.
// The Any keeps these bytes as they are, and the wire form made from JSON
// has fields in the text's order and explicit zero values.
func (pt *protoTypes) canonical(s *protoSchema, wire []byte) ([]byte, error) {
	t, ok := pt.goTypes.Load(s.fullName)
	if !ok {
		return nil, fmt.Errorf("%w: no Go type of %s", errProtoRuntime, s.fullName)
	}
	msg := reflect.New(t.(reflect.Type).Elem())
	if err := protoUnmarshal(msg, s, wire); err != nil {
		return nil, err
	}
	return protoMarshal(msg, s)
}
