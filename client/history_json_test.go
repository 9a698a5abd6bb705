package client_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
)

// orderHistoryJSON runs OrderWorkflow and returns its history as JSON.
func orderHistoryJSON(t *testing.T) []byte {
	t.Helper()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(OrderWorkflow)
	if err := env.GetWorkflowError(); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := env.History().WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A history read with HistoryFromJSON replays as in Temporal's replay
// tests.
func TestHistoryFromJSONReplays(t *testing.T) {
	t.Parallel()
	h, err := client.HistoryFromJSON(bytes.NewReader(orderHistoryJSON(t)), client.HistoryJSONOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := worker.NewWorkflowReplayer()
	r.RegisterWorkflow(OrderWorkflow)
	if err := r.ReplayWorkflowHistory(nil, h); err != nil {
		t.Errorf("ReplayWorkflowHistory: %v", err)
	}
}

func TestHistoryFromJSONLastEventID(t *testing.T) {
	t.Parallel()
	data := orderHistoryJSON(t)
	full, err := client.HistoryFromJSON(bytes.NewReader(data), client.HistoryJSONOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		last int64
		want int
	}{
		{"unset: all events", 0, len(full.Events)},
		{"up to event 3, inclusive", 3, 3},
		{"an ID past the end: all events", 999, len(full.Events)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, err := client.HistoryFromJSON(bytes.NewReader(data), client.HistoryJSONOptions{LastEventID: tt.last})
			if err != nil {
				t.Fatal(err)
			}
			if len(h.Events) != tt.want {
				t.Errorf("%d events, want %d", len(h.Events), tt.want)
			}
		})
	}
}

func TestHistoryFromJSONBadInput(t *testing.T) {
	t.Parallel()
	_, err := client.HistoryFromJSON(strings.NewReader(`{"events":[{"eventId":"1"`), client.HistoryJSONOptions{})
	var he *replay.HistoryError
	if !errors.As(err, &he) {
		t.Errorf("HistoryFromJSON(truncated JSON) error = %v, want a *replay.HistoryError", err)
	}
}
