package converter

import "reflect"

// Every message protojson writes or reads, it reaches through its
// ProtoReflect method, which stores in the message (its unexported state
// field) a pointer to its type the first time. The generated Marshal and
// Unmarshal that wfsim's "json/protobuf" converter goes through reach only
// the top message that way. A test ported from Temporal may compare a
// message it encoded, or one decoded from a payload, with reflect.DeepEqual
// (testify's Equal), which compares those pointers too: so the converter
// reaches every nested message as protojson would.

// eachMessage calls f with each struct reachable from msg through
// pointers (msg included, when it points to a struct), interfaces (a
// oneof's wrapper), slices and map values: ptr points to s. A generated
// message keeps its fields exported and its runtime state unexported, so
// only exported fields are followed.
func eachMessage(msg reflect.Value, f func(ptr, s reflect.Value)) {
	switch msg.Kind() {
	case reflect.Pointer:
		if msg.IsNil() || msg.Elem().Kind() != reflect.Struct {
			return
		}
		s := msg.Elem()
		f(msg, s)
		t := s.Type()
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				eachMessage(s.Field(i), f)
			}
		}
	case reflect.Interface:
		if !msg.IsNil() {
			eachMessage(msg.Elem(), f)
		}
	case reflect.Slice:
		if k := msg.Type().Elem().Kind(); k == reflect.Pointer || k == reflect.Interface {
			for i := range msg.Len() {
				eachMessage(msg.Index(i), f)
			}
		}
	case reflect.Map:
		if k := msg.Type().Elem().Kind(); k == reflect.Pointer || k == reflect.Interface {
			for it := msg.MapRange(); it.Next(); {
				eachMessage(it.Value(), f)
			}
		}
	}
}

// reachMessage calls ProtoReflect on ptr when it is a message (a oneof's
// wrapper is not).
func reachMessage(ptr reflect.Value) {
	if hasProtoReflect(ptr.Type()) {
		reflectMessage(ptr)
	}
}

// reachMessages reaches msg and every message it holds.
func reachMessages(msg reflect.Value) {
	eachMessage(msg, func(ptr, _ reflect.Value) { reachMessage(ptr) })
}
