package replay

// History is the event history of one workflow run, in event ID order.
// Events of a valid history are numbered 1, 2, 3, … and the first is a
// WorkflowExecutionStarted event.
type History struct {
	Events []*Event
}
