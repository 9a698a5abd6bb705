package interceptor

import (
	"context"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/actenv"
)

// Header returns the header of the activity whose interceptors get ctx: the
// fields the workflow scheduled it with (its context propagators' and
// SetHeader's), as recorded in its ActivityTaskScheduled event, or an
// empty map. The map and its payloads are the attempt's own copies:
// changing them changes only what later interceptors of the attempt see.
// It returns nil outside an interceptor, in the activity function itself too (the chain's end takes
// the header off the context before calling it, as Temporal's does).
func Header(ctx context.Context) map[string]*converter.Payload {
	return actenv.Header(ctx)
}
