package testsuite

import (
	"fmt"
	"strings"
	"time"
)

// DeadlockError reports a run that cannot make progress: every coroutine
// is blocked and nothing is pending that could wake one.
type DeadlockError struct {
	WorkflowID string
	Time       time.Time
	Blocked    []string
}

func (e *DeadlockError) Error() string {
	return fmt.Sprintf("workflow %q is deadlocked at %s: every coroutine is blocked and no timer, activity or callback is pending:\n  %s",
		e.WorkflowID, e.Time.Format(time.RFC3339Nano), strings.Join(e.Blocked, "\n  "))
}
