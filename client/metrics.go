package client

import "github.com/wfsim/wfsim/metrics"

// The metrics types under the names Temporal's client package gives them,
// so code that names client.MetricsHandler ports by changing its import.
type (
	// MetricsHandler is metrics.Handler.
	MetricsHandler = metrics.Handler
	// MetricsCounter is metrics.Counter.
	MetricsCounter = metrics.Counter
	// MetricsGauge is metrics.Gauge.
	MetricsGauge = metrics.Gauge
	// MetricsTimer is metrics.Timer.
	MetricsTimer = metrics.Timer
)

// MetricsNopHandler is metrics.NopHandler, a handler that records nothing.
var MetricsNopHandler = metrics.NopHandler
