package workflow

import (
	"context"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/sharedmeta"
)

// ContextAware is an optional interface of a DataConverter, as in
// Temporal's SDK: a converter that has it is tailored to the workflow
// Context (WithWorkflowContext) of each payload workflow code encodes or
// decodes through a Context — activity and child arguments and results,
// signals it sends, continue-as-new input, memos, SideEffect values — for
// example to pick an encryption key from a value a ContextPropagator put
// there. WithContext is Temporal's hook for activity contexts; wfsim's
// simulated activity worker encodes with the environment's converter as
// it is, and so does the workflow for its own input, result, and the
// signals, queries and updates it receives.
type ContextAware interface {
	WithWorkflowContext(ctx Context) converter.DataConverter
	WithContext(ctx context.Context) converter.DataConverter
}

// dataConverterKey is the Context key of WithDataConverter's converter.
type dataConverterKey struct{}

// WithDataConverter returns a copy of ctx whose payloads are encoded and
// decoded with dc, as Temporal's workflow.WithDataConverter: the arguments
// and results of activities and child workflows started with it, the
// arguments of signals it sends and of a continue-as-new, its memo upserts
// and child memos, the values of its SideEffect calls, and
// GetLastCompletionResult. The history records what dc encodes.
//
// The simulated workers on the other side — those that run the activities
// and child workflows — use the test environment's converter
// (TestWorkflowEnvironment.SetDataConverter), as separate workers each use
// their own. A local activity runs on the workflow's own worker with its
// converter: ExecuteLocalActivity with such a Context panics. A nil dc
// panics, as in Temporal.
func WithDataConverter(ctx Context, dc converter.DataConverter) Context {
	if dc == nil {
		panic("workflow: WithDataConverter with a nil data converter")
	}
	getState(ctx).ctxDC = true
	return WithValue(ctx, dataConverterKey{}, dc)
}

// dcOf returns the converter of ctx's payloads: WithDataConverter's, or
// the run's, tailored to ctx if it is ContextAware. A run that never
// called WithDataConverter and whose converter is not ContextAware pays no
// lookup.
func (s *runState) dcOf(ctx Context) converter.DataConverter {
	if !s.ctxDC {
		return s.dc
	}
	dc := s.givenDC(ctx)
	if ca, ok := dc.(ContextAware); ok {
		return ca.WithWorkflowContext(ctx)
	}
	return dc
}

// givenDC returns the converter WithDataConverter gave ctx, or the run's,
// untailored.
func (s *runState) givenDC(ctx Context) converter.DataConverter {
	if s.ctxDC {
		if dc, ok := ctx.Value(dataConverterKey{}).(converter.DataConverter); ok {
			return dc
		}
	}
	return s.dc
}

// resultConverter remembers that f's result decodes with dc, when that is
// not the run's converter.
func (s *runState) resultConverter(f *futureImpl, dc converter.DataConverter) {
	if dc == s.dc {
		return
	}
	x := s.extrasForWrite()
	if x.resultDCs == nil {
		x.resultDCs = make(map[*futureImpl]converter.DataConverter)
	}
	x.resultDCs[f] = dc
}

// takeResultConverter returns (and forgets) the converter of f's result.
func (s *runState) takeResultConverter(f *futureImpl) converter.DataConverter {
	if !s.ctxDC || s.extras == nil {
		return s.dc
	}
	dc, ok := s.extras.resultDCs[f]
	if !ok {
		return s.dc
	}
	delete(s.extras.resultDCs, f)
	return dc
}

// converted is a future's value (payloads) that decodes with a converter
// other than the run's.
type converted struct {
	value any
	dc    converter.DataConverter
}

// convertedWith returns value, payloads from an event, to be decoded with
// dc: as it is when dc is the run's converter, run. Another converter is
// the user's (WithDataConverter): the payloads, which the simulation may
// have made with shared Metadata maps (encoder), get maps of their own.
func convertedWith(dc, run converter.DataConverter, value any) any {
	if dc == run {
		return value
	}
	sharedmeta.Unshare(value)
	return &converted{value: value, dc: dc}
}

// encoder returns the converter that encodes what dc would into payloads
// that only the simulation reads until it hands a history out: dc's twin
// with shared Metadata maps (internal/sharedmeta) when dc is the run's
// converter and has one, dc otherwise.
func (s *runState) encoder(dc converter.DataConverter) converter.DataConverter {
	if dc != s.dc {
		return dc
	}
	return sharedmeta.Twin(dc).(converter.DataConverter)
}

// encodeValue is fn.EncodeArgs of one value: the one-value slice stays on the
// stack too.
func encodeValue(enc converter.DataConverter, v any) (*converter.Payloads, error) {
	return fn.EncodeArgs(enc, []any{v})
}
