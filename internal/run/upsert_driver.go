package run

// UpsertDriver is a Driver told of each UpsertSearchAttributes,
// UpsertTypedSearchAttributes and UpsertMemo call as the workflow makes it,
// refused ones included, with what the workflow passed, so that the test
// environment's upsert mocks see every call with its own arguments, as
// Temporal's do. kind is CommandUpsertSearchAttributes or
// CommandModifyProperties; attributes is a map[string]any (untyped search
// attributes, a memo) or, when typed is true, a wfsim.SearchAttributes.
type UpsertDriver interface {
	Upserted(kind CommandKind, typed bool, attributes any)
}
