package converter

import (
	"reflect"
	"sync/atomic"
	"unsafe"
)

// Encoding a message to "json/protobuf" leaves it as it was
//
// The JSON is made from the binary wire form (proto_reflect.go), and the
// generated Marshal stores each message's size in its unexported
// sizeCache field on the way. Temporal's converter writes JSON with
// protojson, which computes no sizes, so code ported from Temporal may
// compare a message it encoded with one decoded from the payload by
// reflect.DeepEqual (testify's Equal), and must find them equal. So the
// "json/protobuf" encoder notes the caches before it marshals and puts
// back those that changed.
//
// The protobuf runtime reads a cache only when it has just computed it in
// the same Marshal call, and takes 0 as "not computed": putting back what
// was there, as atomically as the runtime stores it, is safe even while
// another goroutine marshals the same message.

// sizeCacheField is the name of the cache in generated message structs.
const sizeCacheField = "sizeCache"

// sizeCache is one message's cache and the value it had.
type sizeCache struct {
	p *int32
	v int32
}

// noteSizeCaches appends to caches the size cache of the message msg (a
// pointer to a generated struct) and of every message it holds.
func noteSizeCaches(caches []sizeCache, msg reflect.Value) []sizeCache {
	switch msg.Kind() {
	case reflect.Pointer:
		if !msg.IsNil() && msg.Elem().Kind() == reflect.Struct {
			caches = noteStructCaches(caches, msg.Elem())
		}
	case reflect.Interface: // a oneof: a pointer to its wrapper struct
		if !msg.IsNil() {
			caches = noteSizeCaches(caches, msg.Elem())
		}
	case reflect.Slice:
		if k := msg.Type().Elem().Kind(); k == reflect.Pointer || k == reflect.Interface {
			for i := range msg.Len() {
				caches = noteSizeCaches(caches, msg.Index(i))
			}
		}
	case reflect.Map:
		if k := msg.Type().Elem().Kind(); k == reflect.Pointer || k == reflect.Interface {
			for it := msg.MapRange(); it.Next(); {
				caches = noteSizeCaches(caches, it.Value())
			}
		}
	}
	return caches
}

// noteStructCaches notes the cache of the addressable struct s, and
// follows its exported fields: a generated message keeps its fields
// exported and its runtime state (sizeCache, unknownFields, state)
// unexported, so nothing but messages is followed.
func noteStructCaches(caches []sizeCache, s reflect.Value) []sizeCache {
	t := s.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		switch {
		case f.Name == sizeCacheField && f.Type.Kind() == reflect.Int32:
			p := (*int32)(unsafe.Pointer(s.Field(i).UnsafeAddr()))
			caches = append(caches, sizeCache{p: p, v: atomic.LoadInt32(p)})
		case f.IsExported():
			caches = noteSizeCaches(caches, s.Field(i))
		}
	}
	return caches
}

// restoreSizeCaches puts back the caches that changed since they were
// noted.
func restoreSizeCaches(caches []sizeCache) {
	for _, c := range caches {
		if atomic.LoadInt32(c.p) != c.v {
			atomic.StoreInt32(c.p, c.v)
		}
	}
}
