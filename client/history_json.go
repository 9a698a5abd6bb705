package client

import (
	"io"

	"github.com/wfsim/wfsim/replay"
)

// HistoryJSONOptions are the options of HistoryFromJSON.
type HistoryJSONOptions struct {
	// LastEventID, if set, keeps the history only up to the event with
	// this ID, inclusive.
	LastEventID int64
}

// HistoryFromJSON reads a history in Temporal's JSON format from r, as
// Temporal's client.HistoryFromJSON does, for a replayer
// (worker.WorkflowReplayer's ReplayWorkflowHistory). It does not close r.
// It reads as replay.ReadHistory reads, and fails as it does, with a
// *replay.HistoryError naming the event and field.
func HistoryFromJSON(r io.Reader, options HistoryJSONOptions) (*replay.History, error) {
	h, err := replay.ReadHistory(r)
	if err != nil {
		return nil, err
	}
	if options.LastEventID > 0 {
		for i, ev := range h.Events {
			if ev.EventID == options.LastEventID {
				h.Events = h.Events[:i+1]
				break
			}
		}
	}
	return h, nil
}
