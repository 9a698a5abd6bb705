package workflow

import (
	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/run"
)

// UpsertSearchAttributes sets search attributes of the running workflow from
// untyped values, as Temporal's deprecated workflow.UpsertSearchAttributes:
// each value is encoded with the default data converter (a
// *converter.Payload is kept as it is) and, as in Temporal, carries no
// search attribute type. The change is recorded in the history
// (UpsertWorkflowSearchAttributes), merged into GetInfo's SearchAttributes
// at once, and matched by TestWorkflowEnvironment.OnUpsertSearchAttributes.
//
// Deprecated: use UpsertTypedSearchAttributes, as Temporal advises.
func UpsertSearchAttributes(ctx Context, attributes map[string]any) error {
	s := getState(ctx)
	if _, ok := attributes[TemporalChangeVersion]; ok {
		return errChangeVersionReserved
	}
	s.upsertHook(run.CommandUpsertSearchAttributes, false, attributes)
	if len(attributes) == 0 {
		return errSearchAttributesNotSet
	}
	fields, err := wfsim.EncodeUntypedSearchAttributes(attributes)
	if err != nil {
		return err
	}
	s.upsertSearchAttributes(s.nextIDText(), fields)
	return nil
}
