package activity

import (
	"context"

	"github.com/wfsim/wfsim/metrics"
)

// GetMetricsHandler returns the handler activity code records metrics with:
// the test's (testsuite's SetMetricsHandler), or metrics.NopHandler. Its
// metrics carry the tags Temporal's SDK gives them (activity_type,
// namespace, task_queue, workflow_type). It panics if ctx is not an
// activity context.
func GetMetricsHandler(ctx context.Context) metrics.Handler {
	if o := intercepted(ctx); o != nil {
		return o.GetMetricsHandler(ctx)
	}
	env := mustEnv(ctx, "GetMetricsHandler")
	if env.Worker == nil || env.Worker.Metrics == nil {
		return metrics.NopHandler
	}
	i := info(env, "GetMetricsHandler")
	wfType := ""
	if i.WorkflowType != nil {
		wfType = i.WorkflowType.Name
	}
	return env.Worker.Metrics.WithTags(map[string]string{
		"activity_type": i.ActivityType.Name,
		"namespace":     i.WorkflowNamespace,
		"task_queue":    i.TaskQueue,
		"workflow_type": wfType,
	})
}
