package protobuf

import (
	"fmt"
	"math"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/timestamppb"
	"pgregory.net/rapid"
)

// genMessage draws a message of the same type as proto, with fields set at
// random (through protoreflect, so any generated type works): scalars of
// every kind, enums (known and unknown numbers), lists, maps, nested
// messages to a few levels, oneofs, and well-known types with values the
// JSON mapping can represent.
func genMessage[M proto.Message](proto M) *rapid.Generator[M] {
	return rapid.Custom(func(t *rapid.T) M {
		m := proto.ProtoReflect().New()
		_ = rapid.Bool().Draw(t, "seed") // every message draws something
		fill(t, m, 0, "m")
		return m.Interface().(M)
	})
}

const maxGenDepth = 3

func fill(t *rapid.T, m protoreflect.Message, depth int, label string) {
	md := m.Descriptor()
	if fillWellKnown(t, m, label) {
		return
	}
	fields := md.Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if od := fd.ContainingOneof(); od != nil && !od.IsSynthetic() {
			continue // below
		}
		if !rapid.Bool().Draw(t, label+"."+string(fd.Name())+"?") {
			continue
		}
		setField(t, m, fd, depth, label+"."+string(fd.Name()))
	}
	oneofs := md.Oneofs()
	for i := 0; i < oneofs.Len(); i++ {
		od := oneofs.Get(i)
		if od.IsSynthetic() {
			continue
		}
		n := od.Fields().Len()
		pick := rapid.IntRange(-1, n-1).Draw(t, label+"."+string(od.Name()))
		if pick < 0 {
			continue
		}
		fd := od.Fields().Get(pick)
		if fd.Kind() == protoreflect.MessageKind && depth >= maxGenDepth {
			continue
		}
		setField(t, m, fd, depth, label+"."+string(fd.Name()))
	}
}

func setField(t *rapid.T, m protoreflect.Message, fd protoreflect.FieldDescriptor, depth int, label string) {
	switch {
	case fd.IsList():
		if fd.Kind() == protoreflect.MessageKind && depth >= maxGenDepth {
			return
		}
		n := rapid.IntRange(0, 3).Draw(t, label+"#")
		l := m.Mutable(fd).List()
		for i := range n {
			if fd.Kind() == protoreflect.MessageKind {
				fill(t, l.AppendMutable().Message(), depth+1, fmt.Sprintf("%s[%d]", label, i))
				continue
			}
			l.Append(scalar(t, fd, fmt.Sprintf("%s[%d]", label, i)))
		}
	case fd.IsMap():
		if fd.MapValue().Kind() == protoreflect.MessageKind && depth >= maxGenDepth {
			return
		}
		n := rapid.IntRange(0, 3).Draw(t, label+"#")
		mp := m.Mutable(fd).Map()
		for i := range n {
			k := scalar(t, fd.MapKey(), fmt.Sprintf("%s.key%d", label, i)).MapKey()
			if fd.MapValue().Kind() == protoreflect.MessageKind {
				fill(t, mp.Mutable(k).Message(), depth+1, fmt.Sprintf("%s.val%d", label, i))
				continue
			}
			mp.Set(k, scalar(t, fd.MapValue(), fmt.Sprintf("%s.val%d", label, i)))
		}
	case fd.Kind() == protoreflect.MessageKind:
		if depth >= maxGenDepth {
			m.Set(fd, protoreflect.ValueOfMessage(m.NewField(fd).Message())) // present, empty
			if isWellKnownNeedingValue(fd.Message().FullName()) {
				m.Clear(fd)
			}
			return
		}
		fill(t, m.Mutable(fd).Message(), depth+1, label)
	default:
		m.Set(fd, scalar(t, fd, label))
	}
}

// isWellKnownNeedingValue: an empty google.protobuf.Value has no JSON form.
func isWellKnownNeedingValue(n protoreflect.FullName) bool {
	return n == "google.protobuf.Value"
}

var words = []string{"", "a", "hello", "Ünïcödé ✓", "quote\"back\\slash", "ctl\n\t\x01", "<html>&"}

func scalar(t *rapid.T, fd protoreflect.FieldDescriptor, label string) protoreflect.Value {
	switch fd.Kind() {
	case protoreflect.BoolKind:
		return protoreflect.ValueOfBool(rapid.Bool().Draw(t, label))
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return protoreflect.ValueOfInt32(rapid.Int32().Draw(t, label))
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return protoreflect.ValueOfUint32(rapid.Uint32().Draw(t, label))
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return protoreflect.ValueOfInt64(rapid.Int64().Draw(t, label))
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		return protoreflect.ValueOfUint64(rapid.Uint64().Draw(t, label))
	case protoreflect.FloatKind:
		return protoreflect.ValueOfFloat32(rapid.SampledFrom([]float32{0, 1.5, -2.25e-8, 3.4e38, float32(math.Inf(1)), float32(math.NaN()), 1e21, 123456.79}).Draw(t, label))
	case protoreflect.DoubleKind:
		return protoreflect.ValueOfFloat64(rapid.OneOf(
			rapid.SampledFrom([]float64{0, math.Copysign(0, -1), 1e-7, 1e21, 1e300, math.Inf(-1), math.NaN(), 0.1}),
			rapid.Float64()).Draw(t, label))
	case protoreflect.StringKind:
		return protoreflect.ValueOfString(rapid.OneOf(rapid.SampledFrom(words), rapid.String()).Draw(t, label))
	case protoreflect.BytesKind:
		return protoreflect.ValueOfBytes(rapid.SliceOfN(rapid.Byte(), 0, 12).Draw(t, label))
	case protoreflect.EnumKind:
		vals := fd.Enum().Values()
		if rapid.IntRange(0, 9).Draw(t, label+"/unknown") == 0 {
			return protoreflect.ValueOfEnum(protoreflect.EnumNumber(rapid.Int32Range(-5, 1000).Draw(t, label)))
		}
		return protoreflect.ValueOfEnum(vals.Get(rapid.IntRange(0, vals.Len()-1).Draw(t, label)).Number())
	}
	panic("scalar of kind " + fd.Kind().String())
}

// fillWellKnown fills the well-known types whose JSON form limits their
// values; it reports whether m was one.
func fillWellKnown(t *rapid.T, m protoreflect.Message, label string) bool {
	fields := m.Descriptor().Fields()
	switch m.Descriptor().FullName() {
	case "google.protobuf.Timestamp":
		m.Set(fields.ByName("seconds"), protoreflect.ValueOfInt64(rapid.Int64Range(-62135596800, 253402300799).Draw(t, label+".s")))
		m.Set(fields.ByName("nanos"), protoreflect.ValueOfInt32(nanos(t, label)))
		return true
	case "google.protobuf.Duration":
		s := rapid.Int64Range(-315576000000, 315576000000).Draw(t, label+".s")
		n := nanos(t, label)
		if s < 0 {
			n = -n
		}
		m.Set(fields.ByName("seconds"), protoreflect.ValueOfInt64(s))
		m.Set(fields.ByName("nanos"), protoreflect.ValueOfInt32(n))
		return true
	case "google.protobuf.Value":
		kinds := []string{"null_value", "number_value", "string_value", "bool_value", "struct_value", "list_value"}
		k := rapid.SampledFrom(kinds).Draw(t, label+".kind")
		if strings.HasSuffix(k, "struct_value") || k == "list_value" {
			if strings.Count(label, ".") > 6 {
				k = "string_value"
			}
		}
		fd := fields.ByName(protoreflect.Name(k))
		switch k {
		case "null_value":
			m.Set(fd, protoreflect.ValueOfEnum(0))
		case "number_value":
			m.Set(fd, protoreflect.ValueOfFloat64(rapid.Float64Range(-1e300, 1e300).Draw(t, label)))
		case "string_value", "bool_value":
			m.Set(fd, scalar(t, fd, label))
		default:
			fill(t, m.Mutable(fd).Message(), 0, label+"."+k)
		}
		return true
	case "google.protobuf.FieldMask":
		n := rapid.IntRange(0, 3).Draw(t, label+"#")
		l := m.Mutable(fields.ByName("paths")).List()
		for i := range n {
			l.Append(protoreflect.ValueOfString(rapid.StringMatching(`[a-z]{1,4}(_[a-z]{1,4}){0,2}(\.[a-z]{1,5})?`).Draw(t, fmt.Sprintf("%s[%d]", label, i))))
		}
		return true
	case "google.protobuf.Any":
		return fillAny(t, m, label)
	}
	return false
}

func nanos(t *rapid.T, label string) int32 {
	return rapid.OneOf(rapid.SampledFrom([]int32{0, 1000000, 1000, 1, 999999999}), rapid.Int32Range(0, 999999999)).Draw(t, label+".n")
}

// fillAny leaves most Anys empty and sometimes packs a Timestamp.
func fillAny(t *rapid.T, m protoreflect.Message, label string) bool {
	if !rapid.Bool().Draw(t, label+".any?") {
		return true
	}
	ts := genMessage(&timestamppb.Timestamp{}).Draw(t, label+".ts")
	a, err := anypb.New(ts)
	if err != nil {
		panic(err)
	}
	proto.Merge(m.Interface(), a)
	return true
}
