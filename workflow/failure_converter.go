package workflow

import (
	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// failureConverter returns the run's failure converter: the one the
// environment gave (TestWorkflowEnvironment.SetFailureConverter), or else
// the default one over the run's data converter, so that error details
// are encoded as the workflow's other values are. A Temporal worker uses
// its client's failure converter the same way. It is made on first use: a
// run whose errors never cross a boundary does not pay for it.
func (s *runState) failureConverter() wfsim.FailureConverter {
	if s.fc == nil {
		if s.dc == converter.GetDefaultDataConverter() {
			s.fc = wfsim.GetDefaultFailureConverter()
		} else {
			s.fc = wfsim.NewDefaultFailureConverter(wfsim.DefaultFailureConverterOptions{DataConverter: s.dc})
		}
	}
	return s.fc
}
