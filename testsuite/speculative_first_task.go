package testsuite

import (
	"github.com/wfsim/wfsim/replay"
)

// A first workflow task can be speculative: an update sent while the run
// waits out its start delay starts it at once. When that task only rejects
// updates, the server discards it and its events, WorkflowExecutionStarted
// among them as far as the worker knows: the worker's next task starts
// before what the worker has seen, so the worker drops the run's cached
// state and replays from the start (Temporal's SDK: ResetIfStale). The run
// code that ran in the discarded task — and what it read, such as
// workflow.Now — is gone with it.

// hadCompletedTask reports whether events hold a WorkflowTaskCompleted.
func hadCompletedTask(events []*replay.Event) bool {
	for _, ev := range events {
		if ev.EventType == replay.EventTypeWorkflowTaskCompleted {
			return true
		}
	}
	return false
}

// forgetDiscardedFirstTask gives r a fresh instance after its first
// workflow task was discarded, so that the next task runs the workflow
// code from its start, at that task's time.
func (r *workflowRun) forgetDiscardedFirstTask() error {
	inst, err := r.env.freshInstance(r)
	if err != nil {
		return err
	}
	r.inst.Close()
	r.inst = inst
	r.delivered = 0
	return nil
}
