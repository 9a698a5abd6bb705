package metrics_test

import (
	"fmt"

	"github.com/wfsim/wfsim/metrics"
)

func ExampleCapturingHandler() {
	h := metrics.NewCapturingHandler()
	orders := h.WithTags(map[string]string{"region": "eu"})
	orders.Counter("orders").Inc(2)
	orders.Counter("orders").Inc(1)
	h.Gauge("queue_depth").Update(7)
	for _, c := range h.Counters() {
		fmt.Println(c.Name, c.Tags, c.Value())
	}
	for _, g := range h.Gauges() {
		fmt.Println(g.Name, g.Tags, g.Value())
	}
	// Output:
	// orders map[region:eu] 3
	// queue_depth map[] 7
}
