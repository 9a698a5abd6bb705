package metrics

import "time"

// Handler creates the metrics that workflow and activity code record. Its
// methods may be called from any goroutine.
type Handler interface {
	// WithTags returns a handler whose metrics carry tags as well as the
	// handler's own (tags wins on a name both have).
	WithTags(tags map[string]string) Handler
	// Counter returns the counter of that name.
	Counter(name string) Counter
	// Gauge returns the gauge of that name.
	Gauge(name string) Gauge
	// Timer returns the timer of that name.
	Timer(name string) Timer
}

// Counter counts.
type Counter interface {
	// Inc adds delta to the count.
	Inc(delta int64)
}

// CounterFunc is a Counter made of a function.
type CounterFunc func(int64)

// Inc calls f.
func (f CounterFunc) Inc(delta int64) { f(delta) }

// Gauge holds the last value set.
type Gauge interface {
	// Update sets the value.
	Update(value float64)
}

// GaugeFunc is a Gauge made of a function.
type GaugeFunc func(float64)

// Update calls f.
func (f GaugeFunc) Update(value float64) { f(value) }

// Timer records durations.
type Timer interface {
	// Record records d.
	Record(d time.Duration)
}

// TimerFunc is a Timer made of a function.
type TimerFunc func(time.Duration)

// Record calls f.
func (f TimerFunc) Record(d time.Duration) { f(d) }

// NopHandler drops every metric. It is what workflow and activity code get
// when the test sets no handler.
var NopHandler Handler = nopHandler{}

type nopHandler struct{}

func (nopHandler) WithTags(map[string]string) Handler { return nopHandler{} }
func (nopHandler) Counter(string) Counter             { return nopHandler{} }
func (nopHandler) Gauge(string) Gauge                 { return nopHandler{} }
func (nopHandler) Timer(string) Timer                 { return nopHandler{} }
func (nopHandler) Inc(int64)                          {}
func (nopHandler) Update(float64)                     {}
func (nopHandler) Record(time.Duration)               {}
