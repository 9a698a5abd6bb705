package testsuite

import "github.com/wfsim/wfsim/metrics"

// SetMetricsHandler sets the handler that workflow.GetMetricsHandler and
// activity.GetMetricsHandler build on in the environments the suite
// creates afterwards (metrics.NopHandler unless set). A
// metrics.CapturingHandler keeps what was recorded, for the test to check.
func (s *WorkflowTestSuite) SetMetricsHandler(h metrics.Handler) { s.metrics = h }

// SetMetricsHandler sets the environment's handler of workflow and
// activity metrics (see WorkflowTestSuite.SetMetricsHandler).
func (env *TestWorkflowEnvironment) SetMetricsHandler(h metrics.Handler) { env.e.worker.Metrics = h }

// SetMetricsHandler sets the environment's handler of activity metrics
// (see WorkflowTestSuite.SetMetricsHandler).
func (env *TestActivityEnvironment) SetMetricsHandler(h metrics.Handler) { env.metrics = h }

// MetricsHandler is the run's answer to workflow.GetMetricsHandler (run.Driver).
func (r *workflowRun) MetricsHandler() metrics.Handler { return r.env.worker.Metrics }
