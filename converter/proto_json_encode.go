package converter

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/wfsim/wfsim/internal/jsonscalar"
)

// protoJSONEncoder writes the protobuf JSON mapping of a message from its
// binary wire form and schema, as protojson does with the options given:
// fields in declaration order, compact, map entries by key order.
type protoJSONEncoder struct {
	opts  ProtoJSONPayloadConverterOptions
	types *protoTypes
	root  *protoSchema
	depth int
}

// maxProtoDepth is protojson's default recursion limit.
const maxProtoDepth = 10000

func (e *protoJSONEncoder) message(b []byte, s *protoSchema, data []byte) ([]byte, error) {
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > maxProtoDepth {
		return nil, &ProtoFieldError{Message: s.fullName, Err: errors.New("exceeded maximum recursion depth")}
	}
	if s.wkt != wktNone {
		return e.wellKnown(b, s, data)
	}
	seen, err := collectFields(s, data)
	if err != nil {
		return nil, err
	}
	b = append(b, '{')
	first := true
	for _, f := range s.fields {
		occ, set := seen[f.num]
		if !set && (!e.opts.EmitUnpopulated || f.inOneof) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = jsonscalar.AppendString(b, f.jsonKey(e.opts.UseProtoNames))
		b = append(b, ':')
		if !set {
			b = e.unpopulated(b, f)
			continue
		}
		if b, err = e.field(b, s, f, occ); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// collectFields groups a message's field occurrences by field number,
// dropping unknown fields (protojson does not write them). An occurrence
// of a known number whose wire type does not fit the field is an unknown
// field too: the generated Unmarshal keeps such bytes, and Marshal writes
// them back, among the message's unknown fields.
func collectFields(s *protoSchema, data []byte) (map[int32][]wireValue, error) {
	seen := map[int32][]wireValue{}
	err := readWire(data, func(num int32, v wireValue) error {
		f := s.byNum[num]
		switch {
		case f == nil:
		case f.kind == kindGroup:
			return fmt.Errorf("field %s: protobuf groups are not supported", f.name)
		case f.fits(v.wt):
			seen[num] = append(seen[num], v)
		}
		return nil
	})
	if err != nil {
		return nil, &ProtoFieldError{Message: s.fullName, Err: err}
	}
	return seen, nil
}

func (e *protoJSONEncoder) unpopulated(b []byte, f *protoField) []byte {
	switch {
	case f.isMap:
		return append(b, "{}"...)
	case f.list:
		return append(b, "[]"...)
	case f.presence:
		return append(b, "null"...)
	}
	out, err := e.scalar(b, nil, f, wireValue{wt: wireTypeOf(f.kind)})
	if err != nil {
		return append(b, "null"...)
	}
	return out
}

func (e *protoJSONEncoder) field(b []byte, s *protoSchema, f *protoField, occ []wireValue) ([]byte, error) {
	var err error
	switch {
	case f.isMap:
		return e.mapField(b, s, f, occ)
	case f.list:
		var vals []wireValue
		for _, v := range occ {
			if v.wt == wireBytes && wireTypeOf(f.kind) != wireBytes {
				packed, err := unpack(f.kind, v.data)
				if err != nil {
					return nil, &ProtoFieldError{Message: s.fullName, Field: f.name, Err: err}
				}
				vals = append(vals, packed...)
				continue
			}
			vals = append(vals, v)
		}
		b = append(b, '[')
		for i, v := range vals {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = e.scalar(b, s, f, v); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case f.kind == kindMessage:
		return e.scalar(b, s, f, mergeOccurrences(occ))
	}
	return e.scalar(b, s, f, occ[len(occ)-1])
}

// mergeOccurrences joins the occurrences of a singular message field:
// the wire format merges them.
func mergeOccurrences(occ []wireValue) wireValue {
	if len(occ) == 1 {
		return occ[0]
	}
	var data []byte
	for _, v := range occ {
		data = append(data, v.data...)
	}
	return wireValue{wt: wireBytes, data: data}
}

type mapEntry struct {
	key  wireValue
	val  wireValue
	kstr string
}

func (e *protoJSONEncoder) mapField(b []byte, s *protoSchema, f *protoField, occ []wireValue) ([]byte, error) {
	entries := make([]mapEntry, 0, len(occ))
	index := make(map[string]int, len(occ)) // key text -> position in entries
	for _, o := range occ {
		me := mapEntry{key: wireValue{wt: wireTypeOf(f.key.kind)}, val: wireValue{wt: wireTypeOf(f.val.kind)}}
		err := readWire(o.data, func(num int32, v wireValue) error {
			switch num {
			case 1:
				me.key = v
			case 2:
				me.val = v
			}
			return nil
		})
		if err != nil {
			return nil, &ProtoFieldError{Message: s.fullName, Field: f.name, Err: err}
		}
		ks, err := e.scalar(nil, s, f.key, me.key)
		if err != nil {
			return nil, err
		}
		if ks[0] == '"' { // string-like keys are already quoted
			unq, _ := strconv.Unquote(string(ks))
			if f.key.kind == kindString {
				unq = string(me.key.data)
			}
			me.kstr = unq
		} else {
			me.kstr = string(ks)
		}
		if i, dup := index[me.kstr]; dup {
			entries[i] = me // the last entry of a key wins
			continue
		}
		index[me.kstr] = len(entries)
		entries = append(entries, me)
	}
	slices.SortFunc(entries, func(x, y mapEntry) int { return compareMapKeys(f.key.kind, x, y) })
	b = append(b, '{')
	for i, me := range entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonscalar.AppendString(b, me.kstr)
		b = append(b, ':')
		var err error
		if b, err = e.scalar(b, s, f.val, me.val); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// compareMapKeys orders map keys as protojson does: false before true,
// integers by value, strings by bytes.
func compareMapKeys(k protoKind, x, y mapEntry) int {
	switch k {
	case kindString:
		return bytes.Compare(x.key.data, y.key.data)
	case kindBool, kindUint32, kindUint64, kindFixed32, kindFixed64:
		return cmp.Compare(x.key.u, y.key.u)
	}
	xi, _ := strconv.ParseInt(x.kstr, 10, 64)
	yi, _ := strconv.ParseInt(y.kstr, 10, 64)
	return cmp.Compare(xi, yi)
}

// scalar writes one value of field f (a list element, a map key or value,
// or a singular field). s is the message holding f, for errors.
func (e *protoJSONEncoder) scalar(b []byte, s *protoSchema, f *protoField, v wireValue) ([]byte, error) {
	if v.wt != wireTypeOf(f.kind) {
		return nil, fieldErr(s, f, fmt.Errorf("wire type %d does not fit a %s field", v.wt, kindName(f.kind)))
	}
	switch f.kind {
	case kindBool:
		return strconv.AppendBool(b, v.u != 0), nil
	case kindInt32, kindSfixed32:
		return strconv.AppendInt(b, int64(int32(v.u)), 10), nil
	case kindSint32:
		return strconv.AppendInt(b, int64(int32(unzigzag(uint64(uint32(v.u))))), 10), nil
	case kindUint32, kindFixed32:
		return strconv.AppendUint(b, uint64(uint32(v.u)), 10), nil
	case kindInt64, kindSfixed64:
		return strconv.AppendQuote(b, strconv.FormatInt(int64(v.u), 10)), nil
	case kindSint64:
		return strconv.AppendQuote(b, strconv.FormatInt(unzigzag(v.u), 10)), nil
	case kindUint64, kindFixed64:
		return strconv.AppendQuote(b, strconv.FormatUint(v.u, 10)), nil
	case kindFloat:
		return jsonscalar.AppendFloat(b, float64(math.Float32frombits(uint32(v.u))), 32), nil
	case kindDouble:
		return jsonscalar.AppendFloat(b, math.Float64frombits(v.u), 64), nil
	case kindString:
		if !utf8.Valid(v.data) {
			return nil, fieldErr(s, f, errors.New("invalid UTF-8 in string"))
		}
		return jsonscalar.AppendString(b, string(v.data)), nil
	case kindBytes:
		b = append(b, '"')
		b = base64.StdEncoding.AppendEncode(b, v.data)
		return append(b, '"'), nil
	case kindEnum:
		num := int32(v.u)
		if f.enum.fullName == "google.protobuf.NullValue" {
			return append(b, "null"...), nil
		}
		if name, ok := f.enum.byNum[num]; ok && !e.opts.UseEnumNumbers {
			return jsonscalar.AppendString(b, name), nil
		}
		return strconv.AppendInt(b, int64(num), 10), nil
	case kindMessage:
		return e.message(b, f.msg, v.data)
	}
	return nil, fieldErr(s, f, fmt.Errorf("%s fields are not supported", kindName(f.kind)))
}

func fieldErr(s *protoSchema, f *protoField, err error) error {
	pe := &ProtoFieldError{Err: err}
	if s != nil {
		pe.Message = s.fullName
	}
	if f != nil {
		pe.Field = f.name
	}
	return pe
}

func kindName(k protoKind) string {
	names := [...]string{"", "double", "float", "int64", "uint64", "int32", "fixed64", "fixed32", "bool",
		"string", "group", "message", "bytes", "uint32", "enum", "sfixed32", "sfixed64", "sint32", "sint64"}
	if int(k) > 0 && int(k) < len(names) {
		return names[k]
	}
	return "kind " + strconv.Itoa(int(k))
}
