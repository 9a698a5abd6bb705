package workflow

import (
	"time"

	"github.com/wfsim/wfsim/metrics"
)

// GetMetricsHandler returns the handler workflow code records metrics with:
// the test's (testsuite's SetMetricsHandler), or metrics.NopHandler. Its
// metrics carry the tags Temporal's SDK gives them (namespace, task_queue,
// workflow_type) and, like the workflow's logger, are dropped while the
// workflow replays its history.
func GetMetricsHandler(ctx Context) metrics.Handler { return getState(ctx).metricsHandler() }

// corruptedSignalsCounter counts the values a channel dropped because they
// did not decode into the receiver, under Temporal's SDK's metric name.
const corruptedSignalsCounter = "temporal_corrupted_signals"

// metricsHandler is GetMetricsHandler of the run.
func (s *runState) metricsHandler() metrics.Handler {
	var h metrics.Handler
	if d := s.start.Driver; d != nil {
		h = d.MetricsHandler()
	}
	if h == nil {
		return metrics.NopHandler
	}
	return replayAwareMetrics{s, h.WithTags(map[string]string{
		"namespace":     s.info.Namespace,
		"task_queue":    s.start.TaskQueue,
		"workflow_type": s.info.WorkflowType.Name,
	})}
}

// replayAwareMetrics drops what is recorded while the run replays.
type replayAwareMetrics struct {
	s *runState
	h metrics.Handler
}

func (m replayAwareMetrics) WithTags(tags map[string]string) metrics.Handler {
	return replayAwareMetrics{m.s, m.h.WithTags(tags)}
}

func (m replayAwareMetrics) Counter(name string) metrics.Counter {
	c := m.h.Counter(name)
	return metrics.CounterFunc(func(d int64) {
		if !m.s.replaying {
			c.Inc(d)
		}
	})
}

func (m replayAwareMetrics) Gauge(name string) metrics.Gauge {
	g := m.h.Gauge(name)
	return metrics.GaugeFunc(func(v float64) {
		if !m.s.replaying {
			g.Update(v)
		}
	})
}

func (m replayAwareMetrics) Timer(name string) metrics.Timer {
	t := m.h.Timer(name)
	return metrics.TimerFunc(func(d time.Duration) {
		if !m.s.replaying {
			t.Record(d)
		}
	})
}
