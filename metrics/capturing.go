package metrics

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// CapturingHandler is a Handler that keeps every metric recorded through it
// (or through the handlers its WithTags returns), for a test to check. Its
// zero value is not ready: use NewCapturingHandler.
type CapturingHandler struct {
	tags  map[string]string
	store *captured
}

// captured holds the metrics of a CapturingHandler and of those its
// WithTags returned, by name and tags.
type captured struct {
	mu       sync.Mutex
	counters map[string]*CapturedCounter
	gauges   map[string]*CapturedGauge
	timers   map[string]*CapturedTimer
}

// NewCapturingHandler returns a handler that keeps what is recorded.
func NewCapturingHandler() *CapturingHandler {
	return &CapturingHandler{store: &captured{
		counters: map[string]*CapturedCounter{},
		gauges:   map[string]*CapturedGauge{},
		timers:   map[string]*CapturedTimer{},
	}}
}

// WithTags returns a handler that records into the same store, with tags
// added to the handler's own.
func (h *CapturingHandler) WithTags(tags map[string]string) Handler {
	merged := maps.Clone(h.tags)
	if merged == nil {
		merged = map[string]string{}
	}
	maps.Copy(merged, tags)
	return &CapturingHandler{tags: merged, store: h.store}
}

// Counter returns the counter of that name and the handler's tags.
func (h *CapturingHandler) Counter(name string) Counter {
	return metric(h, h.store.counters, name, func(m Metric) *CapturedCounter { return &CapturedCounter{Metric: m} })
}

// Gauge returns the gauge of that name and the handler's tags.
func (h *CapturingHandler) Gauge(name string) Gauge {
	return metric(h, h.store.gauges, name, func(m Metric) *CapturedGauge { return &CapturedGauge{Metric: m} })
}

// Timer returns the timer of that name and the handler's tags.
func (h *CapturingHandler) Timer(name string) Timer {
	return metric(h, h.store.timers, name, func(m Metric) *CapturedTimer { return &CapturedTimer{Metric: m} })
}

// metric returns the metric of that name and h's tags in byKey, made with
// mk the first time.
func metric[M any](h *CapturingHandler, byKey map[string]*M, name string, mk func(Metric) *M) *M {
	k := key(name, h.tags)
	h.store.mu.Lock()
	defer h.store.mu.Unlock()
	m, ok := byKey[k]
	if !ok {
		m = mk(Metric{Name: name, Tags: maps.Clone(h.tags)})
		byKey[k] = m
	}
	return m
}

// key identifies a metric by its name and tags, in name order.
func key(name string, tags map[string]string) string {
	var b strings.Builder
	b.WriteString(name)
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		b.WriteString("\x00" + k + "=" + tags[k])
	}
	return b.String()
}

// Counters returns the counters recorded, ordered by name and then tags.
func (h *CapturingHandler) Counters() []*CapturedCounter { return sorted(h.store, h.store.counters) }

// Gauges returns the gauges recorded, ordered by name and then tags.
func (h *CapturingHandler) Gauges() []*CapturedGauge { return sorted(h.store, h.store.gauges) }

// Timers returns the timers recorded, ordered by name and then tags.
func (h *CapturingHandler) Timers() []*CapturedTimer { return sorted(h.store, h.store.timers) }

func sorted[M any](s *captured, byKey map[string]*M) []*M {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := slices.Sorted(maps.Keys(byKey))
	out := make([]*M, len(keys))
	for i, k := range keys {
		out[i] = byKey[k]
	}
	return out
}

// Metric names a captured metric.
type Metric struct {
	Name string
	Tags map[string]string
}

// CapturedCounter is a counter of a CapturingHandler.
type CapturedCounter struct {
	Metric
	value atomic.Int64
}

// Inc adds delta to the count.
func (c *CapturedCounter) Inc(delta int64) { c.value.Add(delta) }

// Value returns the count.
func (c *CapturedCounter) Value() int64 { return c.value.Load() }

// CapturedGauge is a gauge of a CapturingHandler.
type CapturedGauge struct {
	Metric
	mu    sync.Mutex
	value float64
}

// Update sets the value.
func (g *CapturedGauge) Update(value float64) {
	g.mu.Lock()
	g.value = value
	g.mu.Unlock()
}

// Value returns the last value set.
func (g *CapturedGauge) Value() float64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.value
}

// CapturedTimer is a timer of a CapturingHandler.
type CapturedTimer struct {
	Metric
	mu      sync.Mutex
	records []time.Duration
}

// Record records d.
func (t *CapturedTimer) Record(d time.Duration) {
	t.mu.Lock()
	t.records = append(t.records, d)
	t.mu.Unlock()
}

// Records returns the durations recorded, in order.
func (t *CapturedTimer) Records() []time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.records)
}
