package converter

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
)

// wfsim depends on no protobuf runtime, yet must encode protobuf messages
// as Temporal does. It reaches a message's protobuf machinery by
// reflection: a type is a protobuf message when it has a method
// ProtoReflect() returning the interface named Message of package
// protoreflect (what proto.Message requires), and everything else is
// called through that interface by name: Descriptor() for the schema, and
// ProtoMethods() for the generated binary Marshal and Unmarshal. JSON is
// made from, and parsed into, the binary wire form with the schema, so no
// protoreflect.Value is ever built here.

const protoreflectPath = "google.golang.org/protobuf/reflect/protoreflect"

// protoTypes caches, per Go type, whether it is a protobuf message, and
// per message name, its schema. Each converter has its own.
type protoTypes struct {
	byType   sync.Map // reflect.Type -> *protoType (nil *protoType: not a message)
	byName   sync.Map // full name -> *protoSchema
	goTypes  sync.Map // full name -> the message's Go pointer type (reflect.Type)
	anyURLs  sync.Map // an Any's type URL -> *protoSchema of the message it names
	building sync.Mutex
}

// protoType is what is known about one Go type that is a protobuf message.
type protoType struct {
	// viaPointer: the type itself is not a message, a pointer to it is
	// (a generated struct passed by value).
	viaPointer bool
	schema     *protoSchema
}

// isProtoCandidate is a cheap filter: values of these types are never
// protobuf messages, so the common arguments skip the cache. The pointers
// are those package fn encodes activity results through (no methods, so
// never a message either).
func isProtoCandidate(value any) bool {
	switch value.(type) {
	case nil, string, bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64,
		float32, float64, []byte, []string, []int, []any, map[string]any, map[string]string,
		*string, *int:
		return false
	}
	return true
}

// lookup returns the protobuf type of t, or nil when neither t nor *t is a
// protobuf message. Only the first look-up of a type reflects on it.
func (pt *protoTypes) lookup(t reflect.Type) (*protoType, error) {
	if v, ok := pt.byType.Load(t); ok {
		return v.(*protoType), nil
	}
	var found *protoType
	switch {
	case hasProtoReflect(t):
		found = &protoType{}
	case t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface && hasProtoReflect(reflect.PointerTo(t)):
		found = &protoType{viaPointer: true}
	}
	if found != nil {
		ptrType := t
		if found.viaPointer {
			ptrType = reflect.PointerTo(t)
		}
		s, err := pt.schemaOfType(ptrType)
		if err != nil {
			return nil, err
		}
		found.schema = s
		pt.goTypes.LoadOrStore(s.fullName, ptrType)
	}
	v, _ := pt.byType.LoadOrStore(t, found)
	return v.(*protoType), nil
}

// hasProtoReflect reports whether t has the method of proto.Message.
func hasProtoReflect(t reflect.Type) bool {
	m, ok := t.MethodByName("ProtoReflect")
	if !ok {
		return false
	}
	ft := m.Type
	in := 1 // the receiver
	if t.Kind() == reflect.Interface {
		in = 0
	}
	if ft.NumIn() != in || ft.NumOut() != 1 {
		return false
	}
	out := ft.Out(0)
	return out.Kind() == reflect.Interface && out.Name() == "Message" && out.PkgPath() == protoreflectPath
}

// schemaOfType builds the schema of the message type ptrType (a pointer
// type implementing proto.Message) from a zero value's descriptor.
func (pt *protoTypes) schemaOfType(ptrType reflect.Type) (s *protoSchema, err error) {
	defer recoverProto(&err, ptrType.String())
	m := reflectMessage(reflect.New(ptrType.Elem()))
	return pt.schemaOf(call(m, "Descriptor"))
}

// reflectMessage returns msg.ProtoReflect() (a protoreflect.Message).
func reflectMessage(msg reflect.Value) reflect.Value {
	return call(msg, "ProtoReflect")
}

// call calls v's method name with args and returns its only (or first)
// result.
func call(v reflect.Value, name string, args ...reflect.Value) reflect.Value {
	m := v.MethodByName(name)
	if !m.IsValid() {
		panic(protoPanic{fmt.Sprintf("%s has no method %s", v.Type(), name)})
	}
	return m.Call(args)[0]
}

func callString(v reflect.Value, name string) string { return call(v, name).String() }
func callInt(v reflect.Value, name string) int64     { return call(v, name).Int() }
func callBool(v reflect.Value, name string) bool     { return call(v, name).Bool() }

// list returns the elements of a protoreflect list-like descriptor value
// (Fields, Oneofs, Values: Len and Get(i)).
func list(v reflect.Value) []reflect.Value {
	n := int(callInt(v, "Len"))
	out := make([]reflect.Value, n)
	for i := range n {
		out[i] = call(v, "Get", reflect.ValueOf(i))
	}
	return out
}

// isNilValue reports whether an interface or pointer result is nil.
func isNilValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer, reflect.Func, reflect.Map, reflect.Slice:
		return v.IsNil()
	}
	return !v.IsValid()
}

// protoPanic is how the reflection helpers report a protobuf runtime that
// does not look as expected; recoverProto turns it (and any panic of the
// runtime itself) into an error.
type protoPanic struct{ msg string }

// errProtoRuntime is the cause of errors from the protobuf runtime reached
// by reflection that does not behave as expected.
var errProtoRuntime = errors.New("protobuf runtime")

func recoverProto(err *error, what string) {
	r := recover()
	if r == nil {
		return
	}
	if p, ok := r.(protoPanic); ok {
		*err = fmt.Errorf("%w: %s: %s", errProtoRuntime, what, p.msg)
		return
	}
	*err = fmt.Errorf("%w: %s: panic: %v", errProtoRuntime, what, r)
}
