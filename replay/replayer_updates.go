package replay

import (
	"sort"

	"github.com/wfsim/wfsim/internal/run"
)

// Updates reach a workflow as protocol messages that come with a workflow
// task, not as events. Replaying, Temporal's SDK infers them from the
// WorkflowExecutionUpdateAccepted events its commands produced (in the
// next batch), taking the request from the accepted event or, when the
// server left it out, from the update's WorkflowExecutionUpdateAdmitted
// event. Each is delivered before the first event that follows its
// sequencing event. Rejected updates leave no trace and are not delivered
// again.

// hasUpdates reports whether task i delivers updates: one of its events
// admits one, or the next batch accepts one. The events of a task that
// does not are delivered as the history has them.
func (rs *replayRun) hasUpdates(i int) bool {
	if !rs.updates {
		return false // no event of the history would say so below
	}
	for _, e := range rs.tasks[i].window(rs.h.Events) {
		if e.EventType == EventTypeWorkflowExecutionUpdateAdmitted {
			return true
		}
	}
	if i+1 < len(rs.tasks) {
		for _, e := range rs.tasks[i+1].window(rs.h.Events) {
			if e.GetWorkflowExecutionUpdateAcceptedEventAttributes() != nil {
				return true
			}
		}
	}
	return false
}

// mayDeliverUpdate reports whether an event is one hasUpdates looks for.
func mayDeliverUpdate(e *Event) bool {
	return e.EventType == EventTypeWorkflowExecutionUpdateAdmitted || e.GetWorkflowExecutionUpdateAcceptedEventAttributes() != nil
}

// withUpdates returns the events to deliver for task i: its translated
// events evs, and the update requests its commands accepted.
func (rs *replayRun) withUpdates(i int, evs []run.Event) []run.Event {
	t := &rs.tasks[i]
	events := t.window(rs.h.Events)
	j := 0 // evs[j] translates events[k]
	for k, e := range events {
		if !inTask(events, k) {
			continue
		}
		if e.EventType == EventTypeWorkflowExecutionUpdateAdmitted {
			// The request comes from the accepted event, as in Temporal.
			evs[j] = run.Event{EventID: e.EventID, Kind: run.EventNoop}
		}
		j++
	}
	if i+1 >= len(rs.tasks) {
		return evs
	}
	type request struct {
		seq int64
		ev  run.Event
	}
	var reqs []request
	for _, e := range rs.tasks[i+1].window(rs.h.Events) {
		a := e.GetWorkflowExecutionUpdateAcceptedEventAttributes()
		if a == nil {
			continue
		}
		q := a.AcceptedRequest
		if q == nil || q.Input == nil {
			q = rs.admittedRequest(a.ProtocolInstanceID)
		}
		ev := run.Event{EventID: e.EventID, Kind: run.EventUpdateAdmitted, ID: a.ProtocolInstanceID}
		if q != nil && q.Input != nil {
			ev.Name, ev.Payloads = q.Input.Name, q.Input.Args
		}
		reqs = append(reqs, request{a.AcceptedRequestSequencingEventID, ev})
	}
	if len(reqs) == 0 {
		return evs // what the merge below would copy, unchanged
	}
	sort.SliceStable(reqs, func(a, b int) bool { return reqs[a].seq < reqs[b].seq })
	out := make([]run.Event, 0, len(evs)+len(reqs))
	k := 0
	for _, ev := range evs {
		for k < len(reqs) && reqs[k].seq < ev.EventID {
			out = append(out, reqs[k].ev)
			k++
		}
		out = append(out, ev)
	}
	for ; k < len(reqs); k++ {
		out = append(out, reqs[k].ev)
	}
	return out
}

// admittedRequest returns the request of an update's admitted event.
func (rs *replayRun) admittedRequest(updateID string) *UpdateRequest {
	for _, e := range rs.h.Events {
		if a := e.GetWorkflowExecutionUpdateAdmittedEventAttributes(); a != nil && a.Request != nil && a.Request.Meta != nil && a.Request.Meta.UpdateID == updateID {
			return a.Request
		}
	}
	return nil
}
