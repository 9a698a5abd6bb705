package converter

import (
	"errors"
	"reflect"
)

// The generated binary codec of a message, reached through
// protoreflect.Message.ProtoMethods(): a struct of funcs whose Marshal
// and Unmarshal take and return small structs (protoiface's MarshalInput
// and friends), built here by reflection.

// Flag bits of protoiface (stable parts of its API).
const (
	supportMarshalDeterministic = 1 << 0
	marshalDeterministic        = 1 << 0
)

// methodsOf returns the ProtoMethods struct of a protoreflect.Message.
func methodsOf(m reflect.Value, s *protoSchema) (reflect.Value, error) {
	ms := call(m, "ProtoMethods")
	if isNilValue(ms) {
		return reflect.Value{}, fieldErr(s, nil, errors.New("the message has no generated codec (ProtoMethods is nil)"))
	}
	return ms.Elem(), nil
}

// protoMarshal returns the wire bytes of msg (a pointer to a generated
// message), deterministic where the codec supports it.
func protoMarshal(msg reflect.Value, s *protoSchema) (out []byte, err error) {
	defer recoverProto(&err, s.fullName)
	m := reflectMessage(msg)
	ms, err := methodsOf(m, s)
	if err != nil {
		return nil, err
	}
	fn := ms.FieldByName("Marshal")
	if !fn.IsValid() || fn.IsNil() {
		return nil, fieldErr(s, nil, errors.New("the message has no generated Marshal"))
	}
	in := reflect.New(fn.Type().In(0)).Elem()
	in.FieldByName("Message").Set(m)
	if ms.FieldByName("Flags").Uint()&supportMarshalDeterministic != 0 {
		in.FieldByName("Flags").SetUint(marshalDeterministic)
	}
	res := fn.Call([]reflect.Value{in})
	if e := res[1]; !e.IsNil() {
		return nil, fieldErr(s, nil, e.Interface().(error))
	}
	out = res[0].FieldByName("Buf").Bytes()
	if out == nil {
		out = []byte{}
	}
	return out, nil
}

// protoUnmarshal resets the message msgPtr points to and reads data into
// it, as proto.Unmarshal does.
func protoUnmarshal(msgPtr reflect.Value, s *protoSchema, data []byte) (err error) {
	defer recoverProto(&err, s.fullName)
	if reset := msgPtr.MethodByName("Reset"); reset.IsValid() && reset.Type().NumIn() == 0 {
		reset.Call(nil)
	} else {
		msgPtr.Elem().SetZero()
	}
	m := reflectMessage(msgPtr)
	ms, err := methodsOf(m, s)
	if err != nil {
		return err
	}
	fn := ms.FieldByName("Unmarshal")
	if !fn.IsValid() || fn.IsNil() {
		return fieldErr(s, nil, errors.New("the message has no generated Unmarshal"))
	}
	in := reflect.New(fn.Type().In(0)).Elem()
	in.FieldByName("Message").Set(m)
	in.FieldByName("Buf").SetBytes(data)
	in.FieldByName("Depth").SetInt(maxProtoDepth)
	res := fn.Call([]reflect.Value{in})
	if e := res[1]; !e.IsNil() {
		return fieldErr(s, nil, e.Interface().(error))
	}
	return nil
}
