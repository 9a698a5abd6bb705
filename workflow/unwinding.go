package workflow

import (
	"errors"
	"strings"

	"github.com/wfsim/wfsim/internal/run"
)

// errYieldDuringPanic is Temporal's SDK's panic for workflow code that
// blocks in a deferred function while a panic unwinds its coroutine.
var errYieldDuringPanic = errors.New("yield during panic unwinding: a deferred function attempted to block " +
	"the coroutine while a panic was in progress")

// blockedUnwinding fails the workflow task, as a panic of the coroutine, if
// a coroutine is left blocked in a deferred function run by a panic when
// the run completes: unwinding it would lose that panic. Temporal's SDK
// fails the task as soon as such a block happens; finding it then would
// cost a stack walk on every wait, so wfsim looks once, here.
func (s *runState) blockedUnwinding() error {
	c := s.d.BlockedUnwinding()
	if c == nil {
		return nil
	}
	return &run.PanicError{Coroutine: c.Name(), Value: errYieldDuringPanic, Stack: strings.Join(s.d.Blocked(), "\n")}
}
