package replay

import (
	"testing"

	"github.com/wfsim/wfsim/internal/run"
)

// BenchmarkFillRunEvent translates every event of a recorded history, as
// the simulator and the replayer do for each workflow task.
func BenchmarkFillRunEvent(b *testing.B) {
	h, err := ReadHistoryFile("testdata/rainbowstatusesworkflow.json")
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]run.Event, len(h.Events))
	b.ReportAllocs()
	for b.Loop() {
		for i, e := range h.Events {
			fillRunEvent(&buf[i], e)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(h.Events)), "ns/event")
}
