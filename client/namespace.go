package client

// DefaultNamespace is the namespace a client uses when its options name
// none, and the one the test environment's workflows run in
// (workflow.GetInfo(ctx).Namespace).
const DefaultNamespace = "default"
