package workflow

import (
	"runtime/debug"

	"github.com/wfsim/wfsim/converter"
)

// userPanic is a panic of user code the run calls while it applies a
// history event (the data converter decoding a marker's details): a bug
// of that code, which ProcessTask reports as a workflow panic, as Temporal's
// worker reports a panic of ProcessEvent that is not of its state machines
// (an unhandled failure), rather than as an event that does not fit.
type userPanic struct {
	value any
	stack string
}

// rethrowAsUser, deferred, turns a panic of the user code the deferring
// function calls into a userPanic.
func rethrowAsUser() {
	if r := recover(); r != nil {
		panic(&userPanic{value: r, stack: string(debug.Stack())})
	}
}

// fromPayloads decodes with the run's data converter while a history event
// is applied (see userPanic).
func (s *runState) fromPayloads(p *converter.Payloads, valuePtrs ...any) error {
	defer rethrowAsUser()
	return s.dc.FromPayloads(p, valuePtrs...)
}

// fromPayload is fromPayloads for one payload.
func (s *runState) fromPayload(p *converter.Payload, valuePtr any) error {
	defer rethrowAsUser()
	return s.dc.FromPayload(p, valuePtr)
}
