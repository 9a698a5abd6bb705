package converter

import (
	"reflect"
	"strings"
)

// protoKind is a field's protobuf type: the numbers of descriptor.proto's
// FieldDescriptorProto.Type, which protoreflect.Kind takes as its values.
type protoKind int8

const (
	kindDouble   protoKind = 1
	kindFloat    protoKind = 2
	kindInt64    protoKind = 3
	kindUint64   protoKind = 4
	kindInt32    protoKind = 5
	kindFixed64  protoKind = 6
	kindFixed32  protoKind = 7
	kindBool     protoKind = 8
	kindString   protoKind = 9
	kindGroup    protoKind = 10
	kindMessage  protoKind = 11
	kindBytes    protoKind = 12
	kindUint32   protoKind = 13
	kindEnum     protoKind = 14
	kindSfixed32 protoKind = 15
	kindSfixed64 protoKind = 16
	kindSint32   protoKind = 17
	kindSint64   protoKind = 18
)

// protoSchema is what wfsim needs of a message descriptor, read once.
type protoSchema struct {
	fullName string
	wkt      wellKnown
	fields   []*protoField // in declaration order (protojson's output order)
	byNum    map[int32]*protoField
	byName   map[string]*protoField // JSON names and proto names
	// oneofs names each real (not synthetic) oneof by index.
	oneofs []string
}

// protoField is one field of a message.
type protoField struct {
	num      int32
	name     string // the proto name
	jsonName string
	kind     protoKind
	list     bool
	isMap    bool
	presence bool
	inOneof  bool // in a oneof, synthetic ones (proto3 optional) too
	oneof    int  // index in the schema's oneofs; -1 when none (or synthetic)
	msg      *protoSchema
	enum     *protoEnum
	key, val *protoField // of a map
}

// protoEnum is an enum's values.
type protoEnum struct {
	fullName string
	name     string // the short name, for LegacyTemporalProtoCompat
	byNum    map[int32]string
	byName   map[string]int32
}

// isWellKnown reports whether f holds messages of the well-known type w
// (a map field holds entries: no).
func (f *protoField) isWellKnown(w wellKnown) bool {
	return f.msg != nil && f.msg.wkt == w
}

// fits reports whether an occurrence of wire type wt belongs to f: its
// kind's wire type, or a packed run of a repeated number field.
func (f *protoField) fits(wt int) bool {
	want := wireTypeOf(f.kind)
	return wt == want || f.list && wt == wireBytes
}

func (f *protoField) jsonKey(protoNames bool) string {
	if protoNames {
		return f.name
	}
	return f.jsonName
}

// schemaOf returns the schema of a protoreflect.MessageDescriptor.
func (pt *protoTypes) schemaOf(md reflect.Value) (*protoSchema, error) {
	name := callString(md, "FullName")
	if s, ok := pt.byName.Load(name); ok {
		return s.(*protoSchema), nil
	}
	pt.building.Lock()
	defer pt.building.Unlock()
	inProgress := map[string]*protoSchema{}
	s := buildSchema(md, inProgress)
	for n, b := range inProgress {
		pt.byName.LoadOrStore(n, b)
	}
	return s, nil
}

// buildSchema reads md and the messages its fields refer to; inProgress
// holds the schemas being built, so recursive messages end.
func buildSchema(md reflect.Value, inProgress map[string]*protoSchema) *protoSchema {
	name := callString(md, "FullName")
	if s, ok := inProgress[name]; ok {
		return s
	}
	s := &protoSchema{
		fullName: name,
		wkt:      wellKnownByName[name],
		byNum:    map[int32]*protoField{},
		byName:   map[string]*protoField{},
	}
	inProgress[name] = s
	oneofIndex := map[string]int{}
	for _, od := range list(call(md, "Oneofs")) {
		if callBool(od, "IsSynthetic") {
			continue
		}
		oneofIndex[callString(od, "Name")] = len(s.oneofs)
		s.oneofs = append(s.oneofs, callString(od, "Name"))
	}
	for _, fd := range list(call(md, "Fields")) {
		f := buildField(fd, inProgress)
		f.oneof = -1
		if od := call(fd, "ContainingOneof"); !isNilValue(od) {
			f.inOneof = true
			if !callBool(od, "IsSynthetic") {
				f.oneof = oneofIndex[callString(od, "Name")]
			}
		}
		s.fields = append(s.fields, f)
		s.byNum[f.num] = f
		s.byName[f.jsonName] = f
		s.byName[f.name] = f
	}
	return s
}

func buildField(fd reflect.Value, inProgress map[string]*protoSchema) *protoField {
	f := &protoField{
		num:      int32(callInt(fd, "Number")),
		name:     callString(fd, "Name"),
		jsonName: callString(fd, "JSONName"),
		kind:     protoKind(callInt(fd, "Kind")),
		list:     callBool(fd, "IsList"),
		isMap:    callBool(fd, "IsMap"),
		presence: callBool(fd, "HasPresence"),
	}
	switch f.kind {
	case kindMessage, kindGroup:
		if f.isMap {
			f.key = buildField(call(fd, "MapKey"), inProgress)
			f.val = buildField(call(fd, "MapValue"), inProgress)
			f.key.oneof, f.val.oneof = -1, -1
		} else {
			f.msg = buildSchema(call(fd, "Message"), inProgress)
		}
	case kindEnum:
		f.enum = buildEnum(call(fd, "Enum"))
	}
	return f
}

func buildEnum(ed reflect.Value) *protoEnum {
	e := &protoEnum{
		fullName: callString(ed, "FullName"),
		name:     callString(ed, "Name"),
		byNum:    map[int32]string{},
		byName:   map[string]int32{},
	}
	for _, vd := range list(call(ed, "Values")) {
		n, num := callString(vd, "Name"), int32(callInt(vd, "Number"))
		if _, dup := e.byNum[num]; !dup { // aliases: the first name is the JSON one
			e.byNum[num] = n
		}
		e.byName[n] = num
	}
	return e
}

// legacyName finds the value that Temporal's older JSON wrote as
// CamelCase without the enum's prefix ("Completed" for
// WORKFLOW_EXECUTION_STATUS_COMPLETED of WorkflowExecutionStatus).
func (e *protoEnum) legacyName(s string) (int32, bool) {
	want := squash(e.name + s)
	found, ok := int32(0), false
	for n, num := range e.byName {
		if squash(n) == want && (!ok || num < found) {
			found, ok = num, true
		}
	}
	return found, ok
}

func squash(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "_", ""))
}
