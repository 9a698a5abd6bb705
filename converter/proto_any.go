package converter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// google.protobuf.Any holds a message of any type, named by a type URL.
// protojson finds that type in the global registry; wfsim cannot reach the
// registry without importing protobuf, so it looks for the type among the
// messages it has already met and the files that the converted message's
// own file imports, directly or not. An Any holding a type found in
// neither gives an error naming the URL.

// errAnyTypeNotFound is the cause when an Any's type cannot be resolved.
var errAnyTypeNotFound = errors.New("message type not found")

// resolveAny returns the schema of the message an Any's type URL names.
func (pt *protoTypes) resolveAny(root *protoSchema, url string) (s *protoSchema, err error) {
	name := url[strings.LastIndexByte(url, '/')+1:]
	if name == "" {
		return nil, fmt.Errorf("invalid type URL %q", url)
	}
	if s, ok := pt.byName.Load(name); ok {
		return s.(*protoSchema), nil
	}
	defer recoverProto(&err, "resolving "+url)
	md, ok := findMessage(call(root.desc, "ParentFile"), name)
	if !ok {
		return nil, fmt.Errorf("%w: %q (wfsim resolves Any types among the messages of the files %s's file imports)",
			errAnyTypeNotFound, url, root.fullName)
	}
	return pt.schemaOf(md)
}

// findMessage searches file and the files it imports, transitively, for
// the message named name.
func findMessage(file reflect.Value, name string) (reflect.Value, bool) {
	seen := map[string]bool{}
	queue := []reflect.Value{file}
	for len(queue) > 0 {
		fd := queue[0]
		queue = queue[1:]
		if isNilValue(fd) {
			continue
		}
		path := callString(fd, "Path")
		if seen[path] {
			continue
		}
		seen[path] = true
		if !strings.HasPrefix(name, callString(fd, "Package")) {
			goto imports
		}
		if md, ok := findIn(call(fd, "Messages"), name); ok {
			return md, true
		}
	imports:
		for _, imp := range list(call(fd, "Imports")) {
			queue = append(queue, imp.FieldByName("FileDescriptor"))
		}
	}
	return reflect.Value{}, false
}

func findIn(messages reflect.Value, name string) (reflect.Value, bool) {
	for _, md := range list(messages) {
		full := callString(md, "FullName")
		if full == name {
			return md, true
		}
		if strings.HasPrefix(name, full+".") {
			if found, ok := findIn(call(md, "Messages"), name); ok {
				return found, true
			}
		}
	}
	return reflect.Value{}, false
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
	b = appendJSONString(b, url)
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
		tok, err := vd.next(inner, nil)
		if err != nil {
			return nil, err
		}
		if value, err = vd.message(inner, tok); err != nil {
			return nil, err
		}
	} else if value, err = sub.fields(inner, func(name string) bool { return name == "@type" }); err != nil {
		return nil, err
	}
	out := appendLenBytes(nil, 1, []byte(url))
	if len(value) > 0 {
		out = appendLenBytes(out, 2, value)
	}
	return out, nil
}
