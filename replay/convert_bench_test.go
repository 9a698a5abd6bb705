package replay

import (
	"runtime"
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

// BenchmarkFillRunEventDuringGC is BenchmarkFillRunEvent while another
// goroutine keeps the garbage collector marking, as it mostly is in a
// simulation: stores of pointers then go through write barriers.
func BenchmarkFillRunEventDuringGC(b *testing.B) {
	h, err := ReadHistoryFile("testdata/rainbowstatusesworkflow.json")
	if err != nil {
		b.Fatal(err)
	}
	done := make(chan struct{})
	defer close(done)
	go keepMarking(done)
	buf := make([]run.Event, len(h.Events))
	b.ReportAllocs()
	for b.Loop() {
		for i, e := range h.Events {
			fillRunEvent(&buf[i], e)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(h.Events)), "ns/event")
}

// BenchmarkFillRunEventOneSlot translates every event of a recorded
// history into one reused event, as the simulator's NextEvent does, while
// another goroutine keeps the garbage collector marking.
func BenchmarkFillRunEventOneSlot(b *testing.B) {
	h, err := ReadHistoryFile("testdata/rainbowstatusesworkflow.json")
	if err != nil {
		b.Fatal(err)
	}
	done := make(chan struct{})
	defer close(done)
	go keepMarking(done)
	var buf run.Event
	b.ReportAllocs()
	for b.Loop() {
		for _, e := range h.Events {
			fillRunEvent(&buf, e)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(h.Events)), "ns/event")
}

// keepMarking allocates and collects until done is closed, so that the
// garbage collector marks most of the time, as in a simulation.
func keepMarking(done <-chan struct{}) {
	var keep [][]byte
	for {
		select {
		case <-done:
			return
		default:
		}
		keep = append(keep, make([]byte, 1<<10))
		if len(keep) > 1<<12 {
			keep = nil
			runtime.GC()
		}
	}
}
