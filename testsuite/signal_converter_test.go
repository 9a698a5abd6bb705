package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
)

// countingConverter is the default converter, counting the values it
// encodes with ToPayloads.
type countingConverter struct {
	converter.DataConverter
	encoded []any
}

func (c *countingConverter) ToPayloads(values ...any) (*converter.Payloads, error) {
	c.encoded = append(c.encoded, values...)
	return c.DataConverter.ToPayloads(values...)
}

// A signal's argument is encoded by the environment's data converter,
// whichever it is: the default one (which the simulator calls on its
// concrete type) or one of the test's.
func TestSignalsUseTheDataConverter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		custom bool
	}{
		{"default converter", false},
		{"custom converter", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			cc := &countingConverter{DataConverter: converter.GetDefaultDataConverter()}
			if tt.custom {
				env.SetDataConverter(cc)
			}
			for i := range 3 {
				env.RegisterDelayedCallback(func() { env.SignalWorkflow("sig", 10*(i+1)) }, time.Duration(i+1)*time.Minute)
			}
			env.ExecuteWorkflow(sumSignals, 3)
			var sum int
			require.NoError(t, env.GetWorkflowResult(&sum))
			require.Equal(t, 60, sum)
			if tt.custom {
				require.Subset(t, cc.encoded, []any{10, 20, 30})
			} else {
				require.Empty(t, cc.encoded)
			}
		})
	}
}
