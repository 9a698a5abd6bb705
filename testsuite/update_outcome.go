package testsuite

import (
	"reflect"
	"slices"

	"github.com/wfsim/wfsim/internal/run"
)

// What the update callbacks see, and when
//
// Temporal's test environment calls an update's callbacks from inside the
// workflow, at the moment they happen: Accept once the validator passed,
// Complete as the handler returns, with the handler's result as a Go value
// (often a pointer into the workflow's state), Reject as the update is
// rejected. wfsim calls them a little later, once the workflow task's
// events are recorded (so that they may signal, query or update the
// workflow, and so that History shows what they report), which raises two
// questions this file answers:
//
//   - Order: callbacks run in the order the workflow made the responses
//     (run.UpdateResponse.Seq, within a task), even though a task's rejections travel
//     apart from its other commands: Accept, Complete of one update, then
//     Reject of the next, as Temporal calls them.
//   - Value: the result handed to Complete is the handler's result as it
//     was when the handler returned. A later update of the same task may
//     change what a returned pointer, map or slice refers to before the
//     callbacks run; so such a result is a copy, decoded from the payload
//     recorded at return into a new value of the result's own type. A
//     result that shares no memory (a string, a number, a struct of them)
//     is handed over as it is. Should the copy fail to decode, the live
//     value is handed over, as Temporal would.

// laterCall is an update callback waiting for the end of a workflow task;
// seq, when not 0, is the place of the response it reports among those of
// its run's task (run.UpdateResponse.Seq).
type laterCall struct {
	run *workflowRun
	seq uint64
	f   func()
}

// laterInOrder queues f, reporting r's update response seq, before any
// queued callback of a later response of r.
func (e *environment) laterInOrder(r *workflowRun, seq uint64, f func()) {
	c := laterCall{run: r, seq: seq, f: f}
	i := slices.IndexFunc(e.msgs.later, func(l laterCall) bool { return l.run == r && l.seq > seq })
	if i < 0 {
		e.msgs.later = append(e.msgs.later, c)
		return
	}
	e.msgs.later = slices.Insert(e.msgs.later, i, c)
}

// updateResult returns the value a completed update's callbacks get: the
// handler's result as of its return (see above).
func (e *environment) updateResult(resp *run.UpdateResponse) any {
	v := resp.Value
	if v == nil || resp.Err != nil || len(resp.Result.GetPayloads()) == 0 {
		return v
	}
	t := reflect.TypeOf(v)
	if !sharesMemory(t, 0) {
		return v
	}
	p := reflect.New(t)
	if err := e.dc.FromPayloads(resp.Result, p.Interface()); err != nil {
		return v
	}
	return p.Elem().Interface()
}

// sharesMemory reports whether a value of type t may refer to memory that
// a copy of it shares: through a pointer, map, slice, channel, function or
// interface. Deeply nested types are taken to share.
func sharesMemory(t reflect.Type, depth int) bool {
	if depth > 8 {
		return true
	}
	switch t.Kind() {
	case reflect.Array:
		return sharesMemory(t.Elem(), depth+1)
	case reflect.Struct:
		for i := range t.NumField() {
			if sharesMemory(t.Field(i).Type, depth+1) {
				return true
			}
		}
		return false
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Chan, reflect.Func, reflect.Interface, reflect.UnsafePointer:
		return true
	default:
		return false
	}
}
