package converter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// protoJSONDecoder parses the protobuf JSON mapping of a message into the
// message's binary wire form, which the message's generated Unmarshal
// then reads. It accepts what protojson accepts: JSON or proto field
// names, numbers as JSON numbers or strings, enums by name or number.
type protoJSONDecoder struct {
	opts  ProtoJSONPayloadConverterOptions
	types *protoTypes
	root  *protoSchema
	dec   *json.Decoder
	depth int
}

func newProtoJSONDecoder(opts ProtoJSONPayloadConverterOptions, types *protoTypes, root *protoSchema, data []byte) *protoJSONDecoder {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return &protoJSONDecoder{opts: opts, types: types, root: root, dec: dec}
}

// decode parses the whole input as one message of schema s.
func (d *protoJSONDecoder) decode() ([]byte, error) {
	var out []byte
	if d.root.wkt == wktAny {
		var raw json.RawMessage
		if err := d.dec.Decode(&raw); err != nil {
			return nil, fieldErr(d.root, nil, fmt.Errorf("invalid JSON: %w", err))
		}
		var err error
		if out, err = d.anyMessage(d.root, raw); err != nil {
			return nil, err
		}
	} else {
		tok, err := d.next(d.root, nil)
		if err != nil {
			return nil, err
		}
		if out, err = d.message(d.root, tok); err != nil {
			return nil, err
		}
	}
	if _, err := d.dec.Token(); err != io.EOF {
		return nil, fieldErr(d.root, nil, errors.New("unexpected data after the message"))
	}
	return out, nil
}

// next reads a token; a JSON syntax error names where it was met.
func (d *protoJSONDecoder) next(s *protoSchema, f *protoField) (json.Token, error) {
	tok, err := d.dec.Token()
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return nil, fieldErr(s, f, fmt.Errorf("invalid JSON: %w", err))
	}
	return tok, nil
}

// describe says what a token is, for errors.
func describe(tok json.Token) string {
	switch t := tok.(type) {
	case nil:
		return "null"
	case json.Delim:
		switch t {
		case '{':
			return "an object"
		case '[':
			return "an array"
		}
		return "'" + t.String() + "'"
	case string:
		if len(t) > 40 {
			t = t[:40] + "…"
		}
		return "string " + strconv.Quote(t)
	case json.Number:
		return "number " + t.String()
	case bool:
		return "bool " + strconv.FormatBool(t)
	}
	return fmt.Sprint(tok)
}

func unexpected(s *protoSchema, f *protoField, tok json.Token, want string) error {
	return fieldErr(s, f, fmt.Errorf("want %s, got %s", want, describe(tok)))
}

func (d *protoJSONDecoder) enter(s *protoSchema) error {
	d.depth++
	if d.depth > maxProtoDepth {
		return fieldErr(s, nil, errors.New("exceeded maximum recursion depth"))
	}
	return nil
}

// message parses a message whose first token is tok.
func (d *protoJSONDecoder) message(s *protoSchema, tok json.Token) ([]byte, error) {
	if err := d.enter(s); err != nil {
		return nil, err
	}
	defer func() { d.depth-- }()
	if s.wkt != wktNone {
		return d.wellKnown(s, tok)
	}
	if tok != json.Delim('{') {
		return nil, unexpected(s, nil, tok, "an object")
	}
	return d.fields(s, nil)
}

// fields parses the members of an object whose '{' has been read, up to
// its '}'. skip, if not nil, is a member name to pass over (Any's @type).
func (d *protoJSONDecoder) fields(s *protoSchema, skip func(string) bool) ([]byte, error) {
	var out []byte
	seen := map[int32]bool{}
	oneofs := map[int]bool{}
	// setOneof fails when f's oneof already has a member: JSON null does
	// not count (it means "not set"), so it is called once a value is seen.
	setOneof := func(f *protoField) error {
		if f.oneof < 0 {
			return nil
		}
		if oneofs[f.oneof] {
			return fieldErr(s, f, fmt.Errorf("oneof %s is already set", s.oneofs[f.oneof]))
		}
		oneofs[f.oneof] = true
		return nil
	}
	for {
		tok, err := d.next(s, nil)
		if err != nil {
			return nil, err
		}
		if tok == json.Delim('}') {
			return out, nil
		}
		name, _ := tok.(string)
		if skip != nil && skip(name) {
			if err := d.skipValue(s); err != nil {
				return nil, err
			}
			continue
		}
		f := s.byName[name]
		if f == nil {
			if d.opts.AllowUnknownFields {
				if err := d.skipValue(s); err != nil {
					return nil, err
				}
				continue
			}
			return nil, fieldErr(s, nil, fmt.Errorf("unknown field %q", name))
		}
		if seen[f.num] {
			return nil, fieldErr(s, f, fmt.Errorf("duplicate field %q", name))
		}
		seen[f.num] = true
		if f.isWellKnown(wktAny) && !f.list {
			// Any's members come in any order: it is parsed from its text.
			data, err := d.anyField(s, f)
			if err != nil {
				return nil, err
			}
			if data != nil {
				if err := setOneof(f); err != nil {
					return nil, err
				}
				out = appendLenBytes(out, f.num, data)
			}
			continue
		}
		tok, err = d.next(s, f)
		if err != nil {
			return nil, err
		}
		if tok == nil && !acceptsNull(f) {
			continue
		}
		switch {
		case f.isMap:
			out, err = d.mapValue(out, s, f, tok)
		case f.list:
			out, err = d.listValue(out, s, f, tok)
		default:
			if err := setOneof(f); err != nil {
				return nil, err
			}
			out, err = d.singular(out, s, f, tok)
		}
		if err != nil {
			return nil, err
		}
	}
}

// acceptsNull: JSON null sets a field only for google.protobuf.Value and
// NullValue; elsewhere it means "not set".
func acceptsNull(f *protoField) bool {
	return f.isWellKnown(wktValue) ||
		(f.kind == kindEnum && f.enum.fullName == "google.protobuf.NullValue")
}

// skipValue reads past one JSON value.
func (d *protoJSONDecoder) skipValue(s *protoSchema) error {
	depth := 0
	for {
		tok, err := d.next(s, nil)
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

func (d *protoJSONDecoder) listValue(out []byte, s *protoSchema, f *protoField, tok json.Token) ([]byte, error) {
	if tok != json.Delim('[') {
		return nil, unexpected(s, f, tok, "an array")
	}
	if f.isWellKnown(wktAny) {
		for d.dec.More() {
			var raw json.RawMessage
			if err := d.dec.Decode(&raw); err != nil {
				return nil, fieldErr(s, f, fmt.Errorf("invalid JSON: %w", err))
			}
			data, err := d.anyMessage(f.msg, raw)
			if err != nil {
				return nil, err
			}
			out = appendLenBytes(out, f.num, data)
		}
		_, err := d.next(s, f) // the ']'
		return out, err
	}
	for {
		tok, err := d.next(s, f)
		if err != nil {
			return nil, err
		}
		if tok == json.Delim(']') {
			return out, nil
		}
		if tok == nil && !acceptsNull(f) {
			return nil, unexpected(s, f, tok, "a list element")
		}
		if out, err = d.singular(out, s, f, tok); err != nil {
			return nil, err
		}
	}
}

func (d *protoJSONDecoder) mapValue(out []byte, s *protoSchema, f *protoField, tok json.Token) ([]byte, error) {
	if tok != json.Delim('{') {
		return nil, unexpected(s, f, tok, "an object")
	}
	seen := map[string]bool{}
	for {
		tok, err := d.next(s, f)
		if err != nil {
			return nil, err
		}
		if tok == json.Delim('}') {
			return out, nil
		}
		key, _ := tok.(string)
		entry, err := d.mapKey(s, f, key)
		if err != nil {
			return nil, err
		}
		if seen[string(entry)] { // by value: "1" and "01" are one int key
			return nil, fieldErr(s, f, fmt.Errorf("duplicate map key %q", key))
		}
		seen[string(entry)] = true
		vt, err := d.next(s, f)
		if err != nil {
			return nil, err
		}
		if vt == nil && !acceptsNull(f.val) {
			return nil, unexpected(s, f, vt, "a map value")
		}
		if entry, err = d.singular(entry, s, f.val, vt); err != nil {
			return nil, err
		}
		out = appendLenBytes(out, f.num, entry)
	}
}

// mapKey encodes a map entry's key (field 1) from its JSON object key.
func (d *protoJSONDecoder) mapKey(s *protoSchema, f *protoField, key string) ([]byte, error) {
	k := f.key
	if k.kind == kindString {
		return appendLenBytes(nil, 1, []byte(key)), nil
	}
	if k.kind == kindBool {
		switch key {
		case "true":
			return appendScalar(nil, 1, kindBool, 1), nil
		case "false":
			return appendScalar(nil, 1, kindBool, 0), nil
		}
		return nil, fieldErr(s, f, fmt.Errorf("invalid map key %q", key))
	}
	u, err := parseDecimalKind(k.kind, key) // protojson takes no "1e3" here
	if err != nil {
		return nil, fieldErr(s, f, fmt.Errorf("invalid map key %q: %w", key, err))
	}
	return appendScalar(nil, 1, k.kind, u), nil
}

// singular appends one value of field f (a singular field, a list element
// or a map value) whose first token is tok.
func (d *protoJSONDecoder) singular(out []byte, s *protoSchema, f *protoField, tok json.Token) ([]byte, error) {
	switch f.kind {
	case kindMessage:
		data, err := d.message(f.msg, tok)
		if err != nil {
			return nil, err
		}
		return appendLenBytes(out, f.num, data), nil
	case kindGroup:
		return nil, fieldErr(s, f, errors.New("group fields are not supported"))
	}
	v, set, err := d.scalar(s, f, tok)
	if err != nil || !set {
		return out, err
	}
	if v.wt == wireBytes {
		return appendLenBytes(out, f.num, v.data), nil
	}
	return appendScalar(out, f.num, f.kind, v.u), nil
}

// scalar parses a value of a non-message field. set is false for an
// unknown enum name that AllowUnknownFields lets pass.
func (d *protoJSONDecoder) scalar(s *protoSchema, f *protoField, tok json.Token) (v wireValue, set bool, err error) {
	v.wt = wireTypeOf(f.kind)
	str, isStr := tok.(string)
	num, isNum := tok.(json.Number)
	switch f.kind {
	case kindBool:
		b, ok := tok.(bool)
		if !ok {
			return v, false, unexpected(s, f, tok, "true or false")
		}
		if b {
			v.u = 1
		}
	case kindString:
		if !isStr {
			return v, false, unexpected(s, f, tok, "a string")
		}
		if !utf8.ValidString(str) {
			return v, false, fieldErr(s, f, errors.New("invalid UTF-8 in string"))
		}
		v.data = []byte(str)
	case kindBytes:
		if !isStr {
			return v, false, unexpected(s, f, tok, "a base64 string")
		}
		data, err := decodeBase64(str)
		if err != nil {
			return v, false, fieldErr(s, f, fmt.Errorf("invalid base64 %s: %w", describe(tok), err))
		}
		v.data = data
	case kindEnum:
		switch {
		case tok == nil && f.enum.fullName == "google.protobuf.NullValue":
		case isStr:
			n, ok := f.enum.byName[str]
			if !ok && d.opts.LegacyTemporalProtoCompat {
				n, ok = f.enum.legacyName(str)
			}
			if !ok {
				if d.opts.AllowUnknownFields {
					return v, false, nil
				}
				return v, false, fieldErr(s, f, fmt.Errorf("invalid value %s for enum %s", describe(tok), f.enum.fullName))
			}
			v.u = uint64(int64(n))
		case isNum:
			u, err := parseIntKind(kindEnum, num.String()) // 1.0 and 1e0 too, as protojson
			if err != nil {
				return v, false, fieldErr(s, f, fmt.Errorf("invalid value %s for enum %s", describe(tok), f.enum.fullName))
			}
			v.u = u
		default:
			return v, false, unexpected(s, f, tok, "an enum name or number")
		}
	case kindFloat, kindDouble:
		text := ""
		switch {
		case isNum:
			text = num.String()
		case isStr:
			text = str
		default:
			return v, false, unexpected(s, f, tok, "a number")
		}
		x, err := parseProtoFloat(text, isStr, f.kind)
		if err != nil {
			return v, false, fieldErr(s, f, fmt.Errorf("invalid %s %s: %w", kindName(f.kind), describe(tok), err))
		}
		if f.kind == kindFloat {
			v.u = float32Bits(float32(x))
		} else {
			v.u = float64Bits(x)
		}
	default: // the integer kinds
		text := ""
		switch {
		case isNum:
			text = num.String()
		case isStr:
			text = str
		default:
			return v, false, unexpected(s, f, tok, "an integer")
		}
		u, err := parseIntKind(f.kind, text)
		if err != nil {
			return v, false, fieldErr(s, f, fmt.Errorf("invalid %s %s: %w", kindName(f.kind), describe(tok), err))
		}
		v.u = u
	}
	return v, true, nil
}
