package workflow

import (
	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// customFailureConverter holds a run's failure converter when it is not the
// default one: runState keeps a pointer to it, 8 bytes where an interface
// takes 16, so the run's allocation stays in its size class.
type customFailureConverter struct{ fc wfsim.FailureConverter }

// setFailureConverter records the failure converter the run was started
// with; nil, or the default one over the default data converter, needs
// nothing recorded.
func (s *runState) setFailureConverter(fc wfsim.FailureConverter) {
	if fc != nil && fc != wfsim.GetDefaultFailureConverter() {
		s.fc = &customFailureConverter{fc: fc}
	}
}

// failureConverter returns the run's failure converter: the one the
// environment gave (TestWorkflowEnvironment.SetFailureConverter), or else
// the default one over the run's data converter, so that error details
// are encoded as the workflow's other values are. A Temporal worker uses
// its client's failure converter the same way. Over a custom data
// converter it is made on first use: a run whose errors never cross a
// boundary does not pay for it.
func (s *runState) failureConverter() wfsim.FailureConverter {
	switch {
	case s.fc != nil:
		return s.fc.fc
	case s.dc == converter.GetDefaultDataConverter():
		return wfsim.GetDefaultFailureConverter()
	}
	s.fc = &customFailureConverter{fc: wfsim.NewDefaultFailureConverter(wfsim.DefaultFailureConverterOptions{DataConverter: s.dc})}
	return s.fc.fc
}
