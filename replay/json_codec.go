package replay

import (
	"time"

	"github.com/wfsim/wfsim/converter"
)

// The JSON form of every message is described once, by a fields method that
// names each field in Temporal's proto order and hands a pointer to it to a
// visitor. The reader fills the fields from parsed JSON; the writer prints
// them. One description keeps reading and writing in step.
//
// A name may list old spellings after a "|" ("inheritBuildId|useCompatibleVersion"):
// the reader accepts each, the writer prints the first.

// message is implemented by the pointer type of every struct with a JSON form.
type message interface {
	fields(v visitor)
}

// visitor reads or writes one JSON object, field by field.
type visitor interface {
	str(name string, p *string)
	i64(name string, p *int64)
	i32(name string, p *int32)
	u32(name string, p *uint32)
	boolean(name string, p *bool)
	f64(name string, p *float64)
	f32(name string, p *float32)
	dur(name string, p *time.Duration)
	ts(name string, p *time.Time)
	enum(name string, p *int32, d *enumDesc)
	eventType(name string, p *EventType)
	strs(name string, p *[]string)
	u32s(name string, p *[]uint32)
	strMap(name string, p *map[string]string)
	payload(name string, p **converter.Payload)
	payloads(name string, p **converter.Payloads)
	payloadMap(name string, p *map[string]*converter.Payload)
	payloadsMap(name string, p *map[string]*converter.Payloads)
	// object visits a nested message. present says whether the writer
	// should print it; get returns it for writing; alloc creates it for
	// reading.
	object(name string, present bool, get func() message, alloc func() message)
	// objects visits a repeated message field of n elements. get(i) returns
	// element i for writing (nil prints as {}); add appends a new element
	// for reading.
	objects(name string, n int, get func(i int) message, add func() message)
}

// enumField visits an enum of any of the enum types of this package or
// package wfsim.
func enumField[E ~int32 | ~int](v visitor, name string, p *E, d *enumDesc) {
	x := int32(*p)
	v.enum(name, &x, d)
	if E(x) != *p {
		// Only a reader changes it: writing a history stores nothing,
		// so that goroutines may write one history at once.
		*p = E(x)
	}
}

// ptrField visits an optional nested message held by pointer; nil is absent.
func ptrField[T any, P interface {
	*T
	message
}](v visitor, name string, p **T) {
	v.object(name, *p != nil,
		func() message { return P(*p) },
		func() message { *p = new(T); return P(*p) })
}

// valField visits a nested message held by value; the zero value is absent.
func valField[T comparable, P interface {
	*T
	message
}](v visitor, name string, p *T) {
	var zero T
	v.object(name, *p != zero,
		func() message { return P(p) },
		func() message { *p = zero; return P(p) })
}

// listField visits a repeated nested message.
func listField[T any, P interface {
	*T
	message
}](v visitor, name string, p *[]*T) {
	v.objects(name, len(*p),
		func(i int) message {
			if (*p)[i] == nil {
				return nil
			}
			return P((*p)[i])
		},
		func() message {
			e := new(T)
			*p = append(*p, e)
			return P(e)
		})
}

// nameOnly is the JSON form {"name": …} of a bare string, as Temporal's
// failure infos record activity and workflow types.
type nameOnly string

func (n *nameOnly) fields(v visitor) { v.str("name", (*string)(n)) }

// nameField visits a string written as {"name": …}.
func nameField(v visitor, name string, p *string) {
	v.object(name, *p != "",
		func() message { return (*nameOnly)(p) },
		func() message { *p = ""; return (*nameOnly)(p) })
}
