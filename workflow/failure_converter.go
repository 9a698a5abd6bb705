package workflow

import (
	wfsim "github.com/wfsim/wfsim"
)

// customFailureConverter holds a run's failure converter when it is not the
// default one: rareState keeps a pointer to it, 8 bytes where an interface
// takes 16, so the run's allocation stays in its size class.
type customFailureConverter struct{ fc wfsim.FailureConverter }

// setFailureConverter records the failure converter the run was started
// with; nil, or the default one over the default data converter, needs
// nothing recorded.
func (s *runState) setFailureConverter(fc wfsim.FailureConverter) {
	if fc != nil && fc != wfsim.GetDefaultFailureConverter() {
		s.rareForWrite().fc = &customFailureConverter{fc: fc}
	}
}

// failureConverter returns the run's failure converter: the one the
// environment gave (TestWorkflowEnvironment.SetFailureConverter), or else
// the default one, over the default data converter whatever the run's
// data converter is: a Temporal worker whose client has no
// FailureConverter encodes error details so (with ProtoPayloadConverter
// first in the client's data converter, a message detail is still
// json/protobuf on a real server).
func (s *runState) failureConverter() wfsim.FailureConverter {
	if s.rare != nil && s.rare.fc != nil {
		return s.rare.fc.fc
	}
	return wfsim.GetDefaultFailureConverter()
}
