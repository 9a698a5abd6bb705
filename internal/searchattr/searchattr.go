package searchattr

// Entries returns every attribute a wfsim.SearchAttributes (passed as sa)
// holds: its wfsim.SearchAttributeKey and its value, nil for an attribute
// it unsets. Package wfsim sets it when it is initialised, and nothing else
// writes it.
var Entries func(sa any) map[any]any
