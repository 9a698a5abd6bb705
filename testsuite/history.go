package testsuite

import (
	"github.com/wfsim/wfsim/replay"
)

// recorder appends events to a run's history the way a Temporal server
// numbers and stamps them.
type recorder struct {
	h   *replay.History
	env *environment
}

// add appends an event of type t with the given attributes (a pointer to one
// of replay's attribute structs) and returns it.
func (r *recorder) add(t replay.EventType, set func(ev *replay.Event)) *replay.Event {
	ev := &replay.Event{
		EventID:   int64(len(r.h.Events)) + 1,
		EventTime: r.env.clock.Now(),
		EventType: t,
		TaskID:    r.env.nextTaskID(),
	}
	set(ev)
	r.h.Events = append(r.h.Events, ev)
	return ev
}

func (r *recorder) lastID() int64 { return int64(len(r.h.Events)) }
