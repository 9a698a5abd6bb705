package replay

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadHistory checks that no input makes ReadHistory panic or hang,
// and that whatever it reads survives a round trip: read → write → read
// gives an equal history, and write → read → write equal bytes.
func FuzzReadHistory(f *testing.F) {
	seeds := testdataHistories(f)
	seeds = append(seeds, filepath.Join("testdata", "cadence-continue-as-new.json"))
	if more, err := filepath.Glob(filepath.Join(corpusDir, "*", "*", "*", "*.json")); err == nil {
		seeds = append(seeds, more...)
	}
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "{}", "[]", `{"events":[]}`, history(),
		history(`{"eventId":"2","eventType":"UnknownEvent","workerMayIgnore":true}`),
		history(`{"eventId":"2","eventType":"TimerStarted","timerStartedEventAttributes":{"timerId":"2","startToFireTimeout":"0.000000001s"}}`),
		history(`{"eventId":"2","eventType":"ActivityTaskScheduled","activityTaskScheduledEventAttributes":{"retryPolicy":{"backoffCoefficient":"NaN"}}}`),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := ReadHistory(bytes.NewReader(data))
		if err != nil {
			if h != nil {
				t.Fatalf("ReadHistory returned a history and the error %v", err)
			}
			_ = err.Error()
			return
		}
		checkRoundTrip(t, h)
		_ = h.String()
	})
}
