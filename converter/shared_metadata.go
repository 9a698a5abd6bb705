package converter

import (
	"reflect"
	"unsafe"

	"github.com/wfsim/wfsim/internal/sharedmeta"
)

// Shared metadata
//
// A payload's Metadata map is most of its size (about 400 bytes for one
// key), and a simulation makes two payloads per activity. The payloads it
// makes for its own use (internal/sharedmeta says which) share one map per
// encoding instead, and get a map of their own before a user can reach
// them: a user may change a payload's metadata in place, as Temporal's own
// search-attribute encoding does, and that must not change other payloads.
// Nothing in wfsim writes into a payload's Metadata map but the code that
// made the map (wfsim.EncodeSearchAttributes adds "type" to the maps the
// default converter, never the twin, just made for it).

// metadataMode says whether a payload gets a Metadata map of its own or the
// shared one of its encoding.
type metadataMode uint8

const (
	ownMetadata metadataMode = iota
	sharedMetadata
)

// The shared maps, one per encoding of the payloads boxFor makes. They are
// never written; their values are capped so that an append copies.
var (
	sharedNullMetadata   = map[string][]byte{MetadataEncoding: capped(EncodingNull)}
	sharedBinaryMetadata = map[string][]byte{MetadataEncoding: capped(EncodingBinary)}
	sharedJSONMetadata   = map[string][]byte{MetadataEncoding: capped(EncodingJSON)}
)

func capped(s string) []byte {
	b := []byte(s)
	return b[:len(b):len(b)]
}

// sharedMetadataOf returns the shared map of encoding, nil for an encoding
// that has none.
func sharedMetadataOf(encoding string) map[string][]byte {
	switch encoding {
	case EncodingNull:
		return sharedNullMetadata
	case EncodingBinary:
		return sharedBinaryMetadata
	case EncodingJSON:
		return sharedJSONMetadata
	}
	return nil
}

// isShared reports whether m is one of the shared maps.
func isShared(m map[string][]byte) bool {
	if len(m) != 1 {
		return false
	}
	return sameMap(m, sharedJSONMetadata) || sameMap(m, sharedNullMetadata) || sameMap(m, sharedBinaryMetadata)
}

// sameMap reports whether a and b are the same map (not merely equal). A
// map value is one pointer: its words are compared directly, as
// reflect.Value.UnsafePointer would, at a tenth of the cost (decodeSimple
// asks for every activity input).
func sameMap(a, b map[string][]byte) bool {
	return *(*unsafe.Pointer)(unsafe.Pointer(&a)) == *(*unsafe.Pointer)(unsafe.Pointer(&b))
}

// unshare gives p a Metadata map of its own if it shares one.
func unshare(p *Payload) {
	if p != nil && isShared(p.Metadata) {
		enc := p.Metadata[MetadataEncoding]
		p.Metadata = map[string][]byte{MetadataEncoding: append([]byte(nil), enc...)}
	}
}

// unshareAll unshares each of ps's payloads and returns ps.
func unshareAll(ps *Payloads) *Payloads {
	for _, p := range ps.GetPayloads() {
		unshare(p)
	}
	return ps
}

// sharingTwin returns dc with shared metadata, nil unless every payload
// converter of dc is one of this package's: a payload with shared metadata
// must meet only code that never changes it, and the composite's own
// converters choose what they encode exactly as with their own maps.
func (dc *CompositeDataConverter) sharingTwin() *CompositeDataConverter {
	for _, pc := range dc.ordered {
		switch pc.(type) {
		case *NilPayloadConverter, *ByteSlicePayloadConverter, *JSONPayloadConverter,
			*ProtoJSONPayloadConverter, *ProtoPayloadConverter:
		default:
			return nil
		}
	}
	twin := *dc
	twin.metadata, twin.twin = sharedMetadata, nil
	return &twin
}

func init() {
	sharedmeta.Twin = func(dc any) any {
		if c, ok := dc.(*CompositeDataConverter); ok && c.twin != nil {
			return c.twin
		}
		return dc
	}
	sharedmeta.Unshare = func(v any) {
		switch v := v.(type) {
		case *Payloads:
			unshareAll(v)
		case *Payload:
			unshare(v)
		default:
			unshareReachable(reflect.ValueOf(v))
		}
	}
}

// unshareReachable unshares every payload reachable from v through
// exported fields, pointers, interfaces, slices, arrays and maps; a
// Payload held by value is reached only where it can be changed in place
// (not as a map value or in an interface). The values it walks
// (histories, events, failures) hold no cycles: a cycle would not end.
func unshareReachable(v reflect.Value) {
	w := walker{fields: make(map[reflect.Type][]int)}
	w.walk(v)
}

// walker walks values for unshareReachable, remembering for each struct
// type which of its fields can lead to a payload: most fields of an
// event's attributes are strings, numbers and times, which need no walk.
type walker struct {
	fields map[reflect.Type][]int
	// seen holds the struct types whose fields are being found, so that
	// a type that refers to itself (a failure's cause) ends the search.
	seen map[reflect.Type]bool
}

var (
	payloadPointer = reflect.TypeFor[*Payload]()
	payloadType    = payloadPointer.Elem()
)

func (w *walker) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if v.Type() == payloadPointer {
			unshare(v.Interface().(*Payload))
			return
		}
		w.walk(v.Elem())
	case reflect.Interface:
		if !v.IsNil() {
			w.walk(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == payloadType {
			if v.CanAddr() {
				unshare(v.Addr().Interface().(*Payload))
			}
			return
		}
		for _, i := range w.payloadFields(v.Type()) {
			w.walk(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if !w.mayLead(v.Type().Elem()) {
			return
		}
		for i := range v.Len() {
			w.walk(v.Index(i))
		}
	case reflect.Map:
		if !w.mayLead(v.Type().Elem()) {
			return
		}
		for it := v.MapRange(); it.Next(); {
			w.walk(it.Value())
		}
	}
}

// payloadFields returns the indexes of t's exported fields that can lead
// to a payload.
func (w *walker) payloadFields(t reflect.Type) []int {
	if f, ok := w.fields[t]; ok {
		return f
	}
	if w.seen == nil {
		w.seen = make(map[reflect.Type]bool)
	}
	w.seen[t] = true
	var f []int
	for i := range t.NumField() {
		if t.Field(i).IsExported() && w.mayLead(t.Field(i).Type) {
			f = append(f, i)
		}
	}
	delete(w.seen, t)
	w.fields[t] = f
	return f
}

// mayLead reports whether a value of type t can lead to a payload.
func (w *walker) mayLead(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return t == payloadPointer || w.mayLead(t.Elem())
	case reflect.Struct:
		if t == payloadType {
			return true
		}
		if w.seen[t] {
			return true // its other fields decide
		}
		return len(w.payloadFields(t)) > 0
	}
	return false
}
