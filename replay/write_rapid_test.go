package replay

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wfsim/wfsim/converter"
	"pgregory.net/rapid"
)

// TestWriteReadProperty builds random histories with every field of every
// attribute type filled at random, and checks that writing and reading them
// back changes nothing. A struct field missing from a fields method, or a
// value that is written in a form the reader does not take, fails here.
func TestWriteReadProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		h := &History{}
		n := rapid.IntRange(1, 6).Draw(t, "events")
		for i := range n {
			typ := EventTypeWorkflowExecutionStarted
			if i > 0 {
				typ = EventType(rapid.IntRange(1, int(maxEventType)).Draw(t, "type"))
			}
			e := &Event{EventID: int64(i) + 1, EventType: typ}
			f := filler{t: t}
			f.fillStruct(reflect.ValueOf(e).Elem(), "event", 0, true)
			if x := e.Extras; x != nil && x.UserMetadata == nil && len(x.Links) == 0 && x.Principal == nil {
				e.Extras = nil // extras with nothing in them are absent from JSON
			}
			eventKinds[typ].slot.alloc(e)
			f.fillValue(reflect.ValueOf(eventKinds[typ].slot.get(e)).Elem(), typ.String(), 0)
			h.Events = append(h.Events, e)
		}
		var b bytes.Buffer
		if err := h.WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
		got, err := ReadHistory(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatalf("ReadHistory: %v\n%s", err, b.Bytes())
		}
		if diff := cmp.Diff(h, got, cmpHistory); diff != "" {
			t.Fatalf("write → read changed the history (-wrote +read):\n%s\n%s", diff, b.Bytes())
		}
	})
}

// filler fills values at random, in the canonical forms the reader
// produces: nil rather than empty maps, slices and byte strings (except
// *converter.Payloads, where empty and nil differ), UTC times of years
// 1–9999, valid UTF-8, JSON data in json/plain payloads.
type filler struct{ t *rapid.T }

var (
	durationType = reflect.TypeFor[time.Duration]()
	timeType     = reflect.TypeFor[time.Time]()
	payloadType  = reflect.TypeFor[converter.Payload]()
	payloadsType = reflect.TypeFor[*converter.Payloads]()

	unknownFieldsType = reflect.TypeFor[[]UnknownField]()
)

func (f filler) fillStruct(v reflect.Value, label string, depth int, topOnly bool) {
	for i := range v.NumField() {
		field := v.Type().Field(i)
		if topOnly && (strings.HasSuffix(field.Type.String(), "EventAttributes") ||
			field.Name == "EventID" || field.Name == "EventType") {
			continue // set by the caller
		}
		if field.Type == unknownFieldsType {
			continue // tested in unknown_rapid_test.go
		}
		f.fillValue(v.Field(i), label+"."+field.Name, depth)
	}
}

func (f filler) maybe(label string) bool { return rapid.Bool().Draw(f.t, label+"?") }

func (f filler) fillValue(v reflect.Value, label string, depth int) {
	t := f.t
	switch v.Type() {
	case durationType:
		v.SetInt(rapid.Int64Min(math.MinInt64+1).Draw(t, label))
		return
	case timeType:
		if f.maybe(label) {
			sec := rapid.Int64Range(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix()).Draw(t, label)
			v.Set(reflect.ValueOf(time.Unix(sec, rapid.Int64Range(0, 999999999).Draw(t, label+".ns")).UTC()))
		}
		return
	case payloadType:
		f.fillPayload(v, label)
		return
	case payloadsType:
		if f.maybe(label) {
			n := rapid.IntRange(0, 2).Draw(t, label+".len")
			ps := &converter.Payloads{}
			for range n {
				p := &converter.Payload{}
				f.fillPayload(reflect.ValueOf(p).Elem(), label)
				ps.Payloads = append(ps.Payloads, p)
			}
			v.Set(reflect.ValueOf(ps))
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(rapid.String().Draw(t, label))
	case reflect.Bool:
		v.SetBool(rapid.Bool().Draw(t, label))
	case reflect.Int32, reflect.Int: // enums
		v.SetInt(int64(rapid.Int32().Draw(t, label)))
	case reflect.Int64:
		v.SetInt(rapid.Int64().Draw(t, label))
	case reflect.Uint32:
		v.SetUint(uint64(rapid.Uint32().Draw(t, label)))
	case reflect.Float64:
		v.SetFloat(rapid.Float64().Draw(t, label))
	case reflect.Float32:
		v.SetFloat(float64(rapid.Float32().Draw(t, label)))
	case reflect.Struct:
		f.fillStruct(v, label, depth, false)
	case reflect.Pointer:
		if depth < 3 && f.maybe(label) {
			v.Set(reflect.New(v.Type().Elem()))
			f.fillValue(v.Elem(), label, depth+1)
		}
	case reflect.Slice:
		if n := rapid.IntRange(0, 2).Draw(t, label+".len"); n > 0 {
			s := reflect.MakeSlice(v.Type(), n, n)
			for i := range n {
				elem := s.Index(i)
				if elem.Kind() == reflect.Pointer {
					elem.Set(reflect.New(elem.Type().Elem()))
					elem = elem.Elem()
				}
				f.fillValue(elem, label+"["+strconv.Itoa(i)+"]", depth+1)
			}
			v.Set(s)
		}
	case reflect.Map:
		if n := rapid.IntRange(0, 2).Draw(t, label+".len"); n > 0 {
			m := reflect.MakeMap(v.Type())
			for range n {
				val := reflect.New(v.Type().Elem()).Elem()
				if val.Type() == payloadsType {
					val.Set(reflect.ValueOf(&converter.Payloads{}))
				} else if val.Kind() == reflect.Pointer {
					val.Set(reflect.New(val.Type().Elem()))
					f.fillValue(val.Elem(), label+"[]", depth+1)
				} else {
					f.fillValue(val, label+"[]", depth+1)
				}
				m.SetMapIndex(reflect.ValueOf(rapid.String().Draw(t, label+".key")), val)
			}
			v.Set(m)
		}
	default:
		t.Fatalf("filler: no generator for %s (%s)", v.Type(), label)
	}
}

func (f filler) fillPayload(v reflect.Value, label string) {
	p := v.Addr().Interface().(*converter.Payload)
	enc := rapid.SampledFrom([]string{"", converter.EncodingJSON, converter.EncodingNull, converter.EncodingBinary, "binary/zlib"}).Draw(f.t, label+".encoding")
	if enc != "" {
		p.Metadata = map[string][]byte{converter.MetadataEncoding: []byte(enc)}
		if f.maybe(label + ".type") {
			p.Metadata["type"] = []byte(rapid.StringN(1, 8, -1).Draw(f.t, label+".type"))
		}
	}
	if enc == converter.EncodingJSON {
		p.Data, _ = json.Marshal(rapid.String().Draw(f.t, label+".data"))
	} else if data := rapid.SliceOf(rapid.Byte()).Draw(f.t, label+".data"); len(data) > 0 {
		p.Data = data
	}
}
