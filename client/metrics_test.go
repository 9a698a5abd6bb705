package client_test

import (
	"testing"

	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/metrics"
)

// A handler written against client.MetricsHandler is a metrics.Handler.
func TestMetricsAliases(t *testing.T) {
	t.Parallel()
	h := metrics.NewCapturingHandler()
	var ch client.MetricsHandler = h
	var c client.MetricsCounter = ch.WithTags(map[string]string{"k": "v"}).Counter("calls")
	c.Inc(2)
	counters := h.Counters()
	if len(counters) != 1 || counters[0].Name != "calls" || counters[0].Value() != 2 {
		t.Errorf("counters = %+v, want one named calls with value 2", counters)
	}
	client.MetricsNopHandler.Counter("ignored").Inc(1) // records nothing, and does not panic
}
