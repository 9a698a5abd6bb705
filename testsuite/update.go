package testsuite

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/stretchr/testify/mock"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
)

// UpdateCallbacks receive the outcome of an update sent with UpdateWorkflow:
// Accept once the workflow accepted it (its validator passed), then
// Complete with the handler's result and error; or Reject alone when the
// workflow rejected it.
type UpdateCallbacks interface {
	Accept()
	Reject(err error)
	Complete(success any, err error)
}

// TestUpdateCallback implements UpdateCallbacks with optional funcs; a nil
// func does nothing.
type TestUpdateCallback struct {
	OnAccept   func()
	OnReject   func(error)
	OnComplete func(any, error)
}

// Accept calls OnAccept.
func (uc *TestUpdateCallback) Accept() {
	if uc.OnAccept != nil {
		uc.OnAccept()
	}
}

// Reject calls OnReject.
func (uc *TestUpdateCallback) Reject(err error) {
	if uc.OnReject != nil {
		uc.OnReject(err)
	}
}

// Complete calls OnComplete.
func (uc *TestUpdateCallback) Complete(success any, err error) {
	if uc.OnComplete != nil {
		uc.OnComplete(success, err)
	}
}

// UpdateWorkflow sends the workflow under test the update updateName with
// args; uc learns its outcome. updateID identifies the update within the
// run ("" picks one: "update-1", "update-2", …): an update sent again with
// the ID of one the workflow accepted is not run again, uc gets the first
// one's outcome (after the caller returns, as every callback), as the
// server deduplicates updates by ID.
//
// The update reaches the workflow with its next workflow task, at the
// virtual instant it was sent; if no task is scheduled, one is, which the
// server drops from the history when the update is rejected and nothing
// else happened (a speculative task): a rejected update leaves no trace.
// An accepted update is recorded as WorkflowExecutionUpdateAccepted and,
// when its handler returns, WorkflowExecutionUpdateCompleted. The callbacks
// are called on the simulation's goroutine after the workflow task's events
// are recorded, so they may signal, query or update the workflow, in the
// order the workflow answered (Accept, Complete and Reject of a task's
// updates interleaved as its handlers ran).
//
// Arguments that do not fit the handler reject the update with a
// *wfsim.ArgumentError; an unknown update name with a
// *workflow.UnknownUpdateError; a workflow that has completed with a
// *WorkflowNotFoundError; a workflow that closes before finishing the
// update ends it with an *UpdateAbandonedError. Sent before ExecuteWorkflow,
// the update goes with the workflow's start, as UpdateWithStart does.
//
// The success given to Complete is the handler's result as a Go value, as
// it was when the handler returned (a copy, when it holds pointers, maps or
// slices that later code may change: see update_outcome.go), and err the
// handler's error, as in Temporal's test environment.
func (env *TestWorkflowEnvironment) UpdateWorkflow(updateName, updateID string, uc UpdateCallbacks, args ...any) {
	_ = env.e.deliver(func() error {
		if err := env.e.update("", updateName, updateID, uc, args); err != nil {
			uc.Reject(err)
		}
		return nil
	})
}

// UpdateWorkflowByID is UpdateWorkflow for the workflow with workflowID,
// which may be any workflow of the simulation. It returns a
// *WorkflowNotFoundError for an unknown or closed workflow, and an error for
// arguments that cannot be encoded.
func (env *TestWorkflowEnvironment) UpdateWorkflowByID(workflowID, updateName, updateID string, uc UpdateCallbacks, args ...any) error {
	if workflowID == "" {
		return &WorkflowNotFoundError{WorkflowID: workflowID, Known: env.e.runs.keys()}
	}
	return env.e.deliver(func() error { return env.e.update(workflowID, updateName, updateID, uc, args) })
}

// UpdateWorkflowNoRejection is UpdateWorkflow for a test that expects the
// update to be accepted: a rejection fails t.
func (env *TestWorkflowEnvironment) UpdateWorkflowNoRejection(updateName, updateID string, t mock.TestingT, args ...any) {
	env.UpdateWorkflow(updateName, updateID, &TestUpdateCallback{
		OnReject: func(err error) {
			t.Errorf("testsuite: update %q (ID %q) should not be rejected: %v", updateName, updateID, err)
		},
	}, args...)
}

// UpdateAbandonedError is the outcome of an update whose workflow closed
// before it completed the update (or before it accepted it, which Reject
// receives).
type UpdateAbandonedError struct {
	WorkflowID string
	UpdateName string
	UpdateID   string
}

func (e *UpdateAbandonedError) Error() string {
	return fmt.Sprintf("testsuite: workflow %q closed before it completed update %q (ID %q)", e.WorkflowID, e.UpdateName, e.UpdateID)
}

type updateStage int

const (
	updateAdmitted updateStage = iota
	updateAccepted
	updateCompleted
)

type updateKey struct {
	run *workflowRun
	id  string
}

// pendingUpdate is an update as the server tracks it.
type pendingUpdate struct {
	run       *workflowRun
	id, name  string
	input     *converter.Payloads
	callbacks []UpdateCallbacks
	stage     updateStage
	// seqID is the event the update is sequenced after: the last event
	// before the WorkflowTaskStarted of the task that delivered it.
	seqID      int64
	acceptedID int64
	value      any
	err        error
}

func (e *environment) update(workflowID, name, id string, uc UpdateCallbacks, args []any) error {
	input, err := fn.EncodeArgs(e.encoder(), args)
	if err != nil {
		return fmt.Errorf("testsuite: update %q: encoding its arguments: %w", name, err)
	}
	if workflowID == "" && e.root == nil && !e.executed {
		if id == "" {
			id = e.nextUpdateID()
		}
		u := &pendingUpdate{id: id, name: name, input: input, callbacks: []UpdateCallbacks{uc}}
		for _, s := range e.msgs.startUpdates {
			if s.id == id {
				s.callbacks = append(s.callbacks, uc)
				return nil
			}
		}
		e.msgs.startUpdates = append(e.msgs.startUpdates, u)
		return nil
	}
	r, err := e.openRun(workflowID)
	if err != nil {
		return err
	}
	if id == "" {
		id = e.nextUpdateID()
	}
	if u := e.msgs.updates[updateKey{r, id}]; u != nil {
		// The stage the update has reached is answered after the caller
		// returns, as a new update's first answers are (and as Temporal's
		// environment answers a resend), not inside UpdateWorkflow.
		switch u.stage {
		case updateCompleted:
			e.later(func() {
				uc.Accept()
				uc.Complete(u.value, u.err)
			})
		case updateAccepted:
			e.later(uc.Accept)
			u.callbacks = append(u.callbacks, uc)
		default:
			u.callbacks = append(u.callbacks, uc)
		}
		return nil
	}
	u := &pendingUpdate{id: id, name: name, input: input, callbacks: []UpdateCallbacks{uc}}
	e.queueUpdate(r, u)
	switch {
	case r.midTask():
		// The server holds it until the task completes (handleCommands);
		// unlike a signal, it does not keep the task from closing the
		// run, which aborts it.
		r.updateWaits = true
	case r.taskScheduled == 0:
		r.scheduleTask()
		r.msgs.speculative = r.taskScheduled
	}
	return nil
}

func (e *environment) nextUpdateID() string {
	e.msgs.updateSeq++
	return "update-" + strconv.Itoa(e.msgs.updateSeq)
}

// queueUpdate admits u for r's next workflow task.
func (e *environment) queueUpdate(r *workflowRun, u *pendingUpdate) {
	if e.msgs.updates == nil {
		e.msgs.updates = make(map[updateKey]*pendingUpdate)
	}
	u.run = r
	e.msgs.updates[updateKey{r, u.id}] = u
	e.msgs.list = append(e.msgs.list, u)
	r.msgs.updates = append(r.msgs.updates, u)
}

// withUpdates hands the run's admitted updates to the workflow with the task
// whose WorkflowTaskStarted is the last of events: they are sequenced after
// the event before it, as the server sequences them.
func (r *workflowRun) withUpdates(events []run.Event) []run.Event {
	if len(r.msgs.updates) == 0 {
		return events
	}
	started := events[len(events)-1]
	out := make([]run.Event, 0, len(events)+len(r.msgs.updates))
	out = append(out, events[:len(events)-1]...)
	for _, u := range r.msgs.updates {
		u.seqID = started.EventID - 1
		out = append(out, run.Event{Kind: run.EventUpdateAdmitted, Time: started.Time, ID: u.id, Name: u.name, Payloads: u.input, Identity: defaultIdentity})
	}
	clear(r.msgs.updates)
	r.msgs.updates = r.msgs.updates[:0]
	return append(out, started)
}

// newFlagsMetadata returns the SDK metadata of the WorkflowTaskCompleted
// being recorded: the SDK flags the run's code used that its history does
// not record yet, which it notes recorded; nil when there are none.
func (r *workflowRun) newFlagsMetadata() *replay.WorkflowTaskCompletedMetadata {
	fu, ok := r.inst.(run.FlagUser)
	if !ok {
		return nil
	}
	var m *flagsMetadata
	for _, f := range fu.UsedFlags() {
		if slices.Contains(r.msgs.flags, f) {
			continue
		}
		if m == nil {
			m = new(flagsMetadata)
			m.md.LangUsedFlags = m.first[:0]
		}
		m.md.LangUsedFlags = append(m.md.LangUsedFlags, f)
		if r.msgs.flags == nil {
			r.msgs.flags = r.msgs.firstFlags[:0]
		}
		r.msgs.flags = append(r.msgs.flags, f)
	}
	if m == nil {
		return nil
	}
	n := len(m.md.LangUsedFlags)
	m.md.LangUsedFlags = m.md.LangUsedFlags[:n:n]
	return &m.md
}

// flagsMetadata is an SDK metadata with room for its first flags: one
// allocation.
type flagsMetadata struct {
	md    replay.WorkflowTaskCompletedMetadata
	first [4]uint32
}

// onlyRejections reports whether a task's commands reject updates and do
// nothing else, which makes a speculative task leave no trace.
func onlyRejections(cmds []run.Command) bool {
	for i := range cmds {
		if cmds[i].Kind != run.CommandProtocolMessage || cmds[i].Update == nil || cmds[i].Update.Rejected == nil {
			return false
		}
	}
	return len(cmds) > 0
}

// protocolMessage carries out an update response of the workflow: accepted
// and completed updates are recorded, rejected ones only reported.
func (e *environment) protocolMessage(r *workflowRun, c *run.Command, completedID int64) {
	resp := c.Update
	if resp == nil {
		e.unsupportedCommand(r, c)
		return
	}
	u := e.msgs.updates[updateKey{r, resp.UpdateID}]
	if u == nil {
		return
	}
	switch {
	case resp.Rejected != nil:
		e.forgetUpdate(u)
		err := resp.Err
		if err == nil {
			err = e.failureConverter().FailureToError(resp.Rejected)
		}
		for _, cb := range u.callbacks {
			e.laterInOrder(r, resp.Seq, func() { cb.Reject(err) })
		}
	case resp.Accepted:
		ev := r.rec.add(replay.EventTypeWorkflowExecutionUpdateAccepted, func(ev *replay.Event) {
			ev.Attributes = &replay.WorkflowExecutionUpdateAcceptedEventAttributes{
				ProtocolInstanceID:               u.id,
				AcceptedRequestMessageID:         u.id + "/request",
				AcceptedRequestSequencingEventID: u.seqID,
				AcceptedRequest:                  u.request(),
			}
		})
		u.stage, u.acceptedID = updateAccepted, ev.EventID
		for _, cb := range u.callbacks {
			e.laterInOrder(r, resp.Seq, cb.Accept)
		}
	case resp.Done:
		r.rec.add(replay.EventTypeWorkflowExecutionUpdateCompleted, func(ev *replay.Event) {
			ev.Attributes = &replay.WorkflowExecutionUpdateCompletedEventAttributes{
				Meta:            &replay.UpdateMeta{UpdateID: u.id, Identity: defaultIdentity},
				AcceptedEventID: u.acceptedID,
				Outcome:         &replay.UpdateOutcome{Success: resp.Result, Failure: resp.Failure},
			}
		})
		u.stage, u.value, u.err = updateCompleted, e.updateResult(resp), resp.Err
		for _, cb := range u.callbacks {
			e.laterInOrder(r, resp.Seq, func() { cb.Complete(u.value, u.err) })
		}
		u.callbacks = nil
	}
}

func (u *pendingUpdate) request() *replay.UpdateRequest {
	return &replay.UpdateRequest{
		Meta:  &replay.UpdateMeta{UpdateID: u.id, Identity: defaultIdentity},
		Input: &replay.UpdateInput{Header: &replay.Header{}, Name: u.name, Args: u.input},
	}
}

// forgetUpdate drops a rejected update: its ID may be used again.
func (e *environment) forgetUpdate(u *pendingUpdate) {
	delete(e.msgs.updates, updateKey{u.run, u.id})
	for i, l := range e.msgs.list {
		if l == u {
			e.msgs.list = append(e.msgs.list[:i], e.msgs.list[i+1:]...)
			break
		}
	}
}

// updatesClosed ends the updates a closing run did not finish.
func (e *environment) updatesClosed(r *workflowRun) {
	keep := e.msgs.list[:0]
	for _, u := range e.msgs.list {
		if u.run != r || u.stage == updateCompleted {
			keep = append(keep, u)
			continue
		}
		err := &UpdateAbandonedError{WorkflowID: r.id, UpdateName: u.name, UpdateID: u.id}
		accepted := u.stage == updateAccepted
		for _, cb := range u.callbacks {
			if accepted {
				e.later(func() { cb.Complete(nil, err) })
			} else {
				e.later(func() { cb.Reject(err) })
			}
		}
		delete(e.msgs.updates, updateKey{r, u.id})
	}
	clear(e.msgs.list[len(keep):])
	e.msgs.list = keep
	r.msgs.updates = nil
}

// later queues an update callback until the current workflow task's events
// are recorded.
func (e *environment) later(f func()) { e.msgs.later = append(e.msgs.later, laterCall{f: f}) }

// flushCallbacks calls the queued update callbacks, in order.
func (e *environment) flushCallbacks() {
	for len(e.msgs.later) > 0 {
		fs := e.msgs.later
		e.msgs.later = nil
		for _, c := range fs {
			e.callout(c.f)
		}
	}
}
