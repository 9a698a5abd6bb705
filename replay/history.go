package replay

// History is the event history of one workflow run, in event ID order.
// Events of a valid history are numbered 1, 2, 3, … and the first is a
// WorkflowExecutionStarted event.
type History struct {
	Events []*Event
}

// GetEvents returns h.Events, or nil when h is nil, as Temporal's protobuf
// getter does.
func (h *History) GetEvents() []*Event {
	if h == nil {
		return nil
	}
	return h.Events
}
