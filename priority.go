package wfsim

// Priority is the priority of an activity or child workflow task, as
// Temporal's temporal.Priority: PriorityKey 1 is the highest and larger
// keys come later (0 means the default, 3 on a server unless configured);
// tasks of one FairnessKey share their queue's capacity by FairnessWeight.
//
// A simulated worker takes every task as soon as it is due, so priorities
// order nothing in a simulation; workflow code that sets them is accepted
// as it is.
type Priority struct {
	PriorityKey    int
	FairnessKey    string
	FairnessWeight float32
}
