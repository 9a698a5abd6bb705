package replay

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// testdataHistories lists the fixtures copied into testdata (Cadence ones
// excluded).
func testdataHistories(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in testdata: %v", err)
	}
	var out []string
	for _, f := range files {
		if !strings.HasPrefix(filepath.Base(f), "cadence") {
			out = append(out, f)
		}
	}
	return out
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update to accept):\n--- got\n%s\n--- want\n%s", golden, got, want)
	}
}

// TestGolden pins the timeline and the canonical JSON of every fixture in
// testdata.
func TestGolden(t *testing.T) {
	t.Parallel()
	for _, path := range testdataHistories(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h, err := ReadHistoryFile(path)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", "golden", name+".timeline"), []byte(h.String()))
			var b bytes.Buffer
			if err := h.WriteJSON(&b); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", "golden", name+".canonical.json"), b.Bytes())
			checkRoundTrip(t, h)
		})
	}
}

func jsonPayload(text string) *converter.Payload {
	return &converter.Payload{
		Metadata: map[string][]byte{converter.MetadataEncoding: []byte(converter.EncodingJSON)},
		Data:     []byte(text),
	}
}

func TestEventString(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 100)
	tests := []struct {
		name  string
		event *Event
		want  string
	}{
		{"nil", nil, "(nil event)"},
		{"no attributes", &Event{EventID: 2, EventType: EventTypeWorkflowTaskScheduled}, "2 WorkflowTaskScheduled"},
		{"activity", &Event{EventID: 5, EventType: EventTypeActivityTaskScheduled,
			Attributes: &ActivityTaskScheduledEventAttributes{
				ActivityID: "5", ActivityType: ActivityType{Name: "Greet"},
				Input: &converter.Payloads{Payloads: []*converter.Payload{jsonPayload(`"a b"`), jsonPayload(`{ "n": 1 }`)}},
			}},
			`5 ActivityTaskScheduled activityType=Greet activityId=5 input=["a b", {"n":1}]`},
		{"timer", &Event{EventID: 5, EventType: EventTypeTimerStarted,
			Attributes: &TimerStartedEventAttributes{TimerID: "5", StartToFireTimeout: time.Hour}},
			"5 TimerStarted timerId=5 startToFireTimeout=1h0m0s"},
		{"signal name with space", &Event{EventID: 9, EventType: EventTypeWorkflowExecutionSignaled,
			Attributes: &WorkflowExecutionSignaledEventAttributes{SignalName: "do it"}},
			`9 WorkflowExecutionSignaled signalName="do it"`},
		{"truncated payload", &Event{EventID: 3, EventType: EventTypeWorkflowExecutionCompleted,
			Attributes: &WorkflowExecutionCompletedEventAttributes{
				Result: &converter.Payloads{Payloads: []*converter.Payload{jsonPayload(`"` + long + `"`)}}}},
			`3 WorkflowExecutionCompleted result="` + long[:59] + `…`},
		{"binary and null payloads", &Event{EventID: 3, EventType: EventTypeWorkflowExecutionCompleted,
			Attributes: &WorkflowExecutionCompletedEventAttributes{Result: &converter.Payloads{Payloads: []*converter.Payload{
				{Metadata: map[string][]byte{"encoding": []byte("binary/plain")}, Data: []byte{1, 2}},
				{Metadata: map[string][]byte{"encoding": []byte("binary/null")}},
				{Data: []byte("x")},
				nil,
			}}}},
			`3 WorkflowExecutionCompleted result=[<binary/plain, 2 bytes>, null, <no encoding, 1 bytes>, <nil>]`},
		{"failure chain", &Event{EventID: 8, EventType: EventTypeWorkflowExecutionFailed,
			Attributes: &WorkflowExecutionFailedEventAttributes{Failure: &wfsim.Failure{
				Message: "activity error",
				Cause:   &wfsim.Failure{Message: "boom", ApplicationFailureInfo: &wfsim.ApplicationFailureInfo{Type: "MyError"}},
			}}},
			`8 WorkflowExecutionFailed failure="activity error: boom (MyError)"`},
		{"marker", &Event{EventID: 5, EventType: EventTypeMarkerRecorded,
			Attributes: &MarkerRecordedEventAttributes{MarkerName: "SideEffect", Details: map[string]*converter.Payloads{
				"side-effect-id": {Payloads: []*converter.Payload{jsonPayload("1")}}, "data": {Payloads: []*converter.Payload{jsonPayload(`"x"`)}},
			}}},
			`5 MarkerRecorded markerName=SideEffect data="x" side-effect-id=1`},
		{"ignored unknown", &Event{EventID: 23, WorkerMayIgnore: true}, "23 Unspecified (unknown event type, ignored by workers)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.event.String(); got != tt.want {
				t.Errorf("String() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestTimelineOffsets(t *testing.T) {
	t.Parallel()
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	h := &History{Events: []*Event{
		{EventID: 1, EventTime: start, EventType: EventTypeWorkflowExecutionStarted},
		{EventID: 2, EventTime: start.Add(time.Hour), EventType: EventTypeTimerFired},
		{EventID: 3, EventType: EventTypeTimerFired},
		nil,
	}}
	want := "1  +0s      WorkflowExecutionStarted\n" +
		"2  +1h0m0s  TimerFired\n" +
		"3  ?        TimerFired\n" +
		"?  ?        (nil event)\n"
	if got := h.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
	if got := (&History{}).String(); got != "(empty history)\n" {
		t.Errorf("empty history String() = %q", got)
	}
}
