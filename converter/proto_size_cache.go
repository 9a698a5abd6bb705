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
// pointer to a generated struct) and of every message it holds, and
// reaches each of them as protojson does (reachMessage).
func noteSizeCaches(caches []sizeCache, msg reflect.Value) []sizeCache {
	eachMessage(msg, func(ptr, s reflect.Value) {
		reachMessage(ptr)
		f, ok := s.Type().FieldByName(sizeCacheField)
		if !ok || f.Type.Kind() != reflect.Int32 || len(f.Index) != 1 {
			return
		}
		p := (*int32)(unsafe.Pointer(s.Field(f.Index[0]).UnsafeAddr()))
		caches = append(caches, sizeCache{p: p, v: atomic.LoadInt32(p)})
	})
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
