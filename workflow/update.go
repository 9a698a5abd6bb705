package workflow

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/run"
)

// HandlerUnfinishedPolicy says what to do when the workflow returns while an
// update handler is still running.
type HandlerUnfinishedPolicy int

const (
	// HandlerUnfinishedPolicyWarnAndAbandon logs a warning naming the
	// unfinished updates; their callers get an error instead of a result.
	HandlerUnfinishedPolicyWarnAndAbandon HandlerUnfinishedPolicy = iota
	// HandlerUnfinishedPolicyAbandon abandons them silently.
	HandlerUnfinishedPolicyAbandon
)

// UpdateHandlerOptions configure an update handler.
type UpdateHandlerOptions struct {
	// Validator, if set, is called before the handler with the same
	// arguments (it may omit the Context) and returns only an error: a
	// non-nil error, or a panic, rejects the update, which then leaves no
	// trace in the history. A validator runs like a query handler: it may
	// read workflow state but must not change it, block or issue commands
	// (one that tries panics with a *ReadOnlyError, which fails the
	// workflow task, as in Temporal). It is not called again when the
	// history is replayed.
	Validator any
	// UnfinishedPolicy applies when the workflow returns while the handler
	// is still running.
	UnfinishedPolicy HandlerUnfinishedPolicy
	// Description is a short description of the update, for tools.
	Description string
}

// UpdateInfo identifies the update a handler is running for.
type UpdateInfo struct {
	// ID is the update's ID, unique within the workflow run.
	ID string
	// Name is the update's name.
	Name string
}

// updates is a run's update machinery: the handlers and the requests that
// wait for them.
type updates struct {
	handlers map[string]*updateHandler
	// queued holds requests that arrived before any handler was
	// registered, in arrival order.
	queued []*updateRequest
	// running holds the updates whose handler (or validator) runs, in
	// arrival order.
	running []*runningUpdate
	// rejections are the rejection messages of this task: the server
	// records no event for them, so they take no place in the command book.
	rejections []run.Command
}

// updatesForWrite returns the run's update state, made on first use.
func (s *runState) updatesForWrite() *updates {
	r := s.rareForWrite()
	if r.updates == nil {
		r.updates = new(updates)
	}
	return r.updates
}

// handlerMap returns the registered handlers; nil for a run with none.
func (u *updates) handlerMap() map[string]*updateHandler {
	if u == nil {
		return nil
	}
	return u.handlers
}

// runningList returns the running updates; nil for a run with none.
func (u *updates) runningList() []*runningUpdate {
	if u == nil {
		return nil
	}
	return u.running
}

type updateHandler struct {
	name      string
	fn        reflect.Value
	validator reflect.Value // invalid when there is none
	// validatorCtx reports that the validator takes a Context first.
	validatorCtx bool
	opts         UpdateHandlerOptions
}

type updateRequest struct {
	id, name string
	args     *converter.Payloads
}

type runningUpdate struct {
	info   UpdateInfo
	policy HandlerUnfinishedPolicy
}

// updateInfoKey is the Context key of the *UpdateInfo of an update handler.
type updateInfoKey struct{}

// The SDK flags (Temporal's numbering) of the update machinery. Temporal's
// SDK records them when it first uses them, and replays a history without
// them differently; wfsim always behaves as with them, and records them so
// that its histories replay the same way in Temporal's SDK.
const (
	// flagProtocolMessageCommand: update responses are commands, ordered
	// with the others.
	flagProtocolMessageCommand uint32 = 3
	// flagPriorityUpdateHandling: update handlers run first, and
	// SetUpdateHandler lets waiting updates run at once.
	flagPriorityUpdateHandling uint32 = 4
)

// SetUpdateHandler registers handler to run updates named updateName,
// replacing any handler registered for it before. handler takes a Context
// and the update's arguments, and returns a result and an error, or just an
// error. It runs in its own coroutine, which starts before the workflow's
// other coroutines go on, as Temporal runs update handlers; it may block and
// issue commands like any workflow code.
//
// Updates that arrived before the workflow registered any handler (with the
// workflow's first task) wait until their handler is registered; those still
// without a handler when every coroutine is blocked are rejected.
func SetUpdateHandler(ctx Context, updateName string, handler any) error {
	return SetUpdateHandlerWithOptions(ctx, updateName, handler, UpdateHandlerOptions{})
}

// SetUpdateHandlerWithOptions is SetUpdateHandler with options, such as a
// Validator.
func SetUpdateHandlerWithOptions(ctx Context, updateName string, handler any, options UpdateHandlerOptions) error {
	s := getState(ctx)
	if strings.HasPrefix(updateName, "__") {
		return fmt.Errorf("workflow: update %q: names starting with __ are reserved", updateName)
	}
	h, err := newUpdateHandler(updateName, handler, options)
	if err != nil {
		return fmt.Errorf("workflow: update handler %q: %w", updateName, err)
	}
	s.useFlag(flagPriorityUpdateHandling)
	u := s.updatesForWrite()
	if u.handlers == nil {
		u.handlers = make(map[string]*updateHandler)
	}
	u.handlers[updateName] = h
	// Requests that waited for this handler start now, and the caller
	// yields so that they run before it goes on, as in Temporal.
	waiting := u.queued[:0]
	for _, r := range u.queued {
		if r.name == updateName {
			s.spawnUpdate(r)
		} else {
			waiting = append(waiting, r)
		}
	}
	clear(u.queued[len(waiting):])
	u.queued = waiting
	pass := false
	block(ctx, "SetUpdateHandler", func() bool { p := pass; pass = true; return p })
	return nil
}

var contextParam = reflect.TypeFor[Context]()

func newUpdateHandler(name string, handler any, opts UpdateHandlerOptions) (*updateHandler, error) {
	h := reflect.ValueOf(handler)
	if !h.IsValid() || h.Kind() != reflect.Func || h.IsNil() {
		return nil, fmt.Errorf("the handler must be a function, got %s", describeValue(h))
	}
	t := h.Type()
	if t.NumIn() == 0 || t.In(0) != contextParam {
		return nil, fmt.Errorf("the handler's first parameter must be a workflow.Context, got %s", t)
	}
	if n := t.NumOut(); n < 1 || n > 2 || t.Out(n-1) != errorType {
		return nil, fmt.Errorf("the handler must return (result, error) or error, got %s", t)
	}
	if t.NumOut() == 2 {
		// As Temporal checks: a result no converter could encode.
		switch t.Out(0).Kind() {
		case reflect.Func, reflect.Chan, reflect.UnsafePointer:
			return nil, fmt.Errorf("the handler's result must be encodable, got %s", t)
		}
	}
	uh := &updateHandler{name: name, fn: h, opts: opts}
	if opts.Validator == nil {
		return uh, nil
	}
	v := reflect.ValueOf(opts.Validator)
	if v.Kind() != reflect.Func || v.IsNil() {
		return nil, fmt.Errorf("the validator must be a function, got %s", describeValue(v))
	}
	vt := v.Type()
	if vt.NumOut() != 1 || vt.Out(0) != errorType {
		return nil, fmt.Errorf("the validator must return only error, got %s", vt)
	}
	uh.validator = v
	uh.validatorCtx = vt.NumIn() > 0 && vt.In(0) == contextParam
	if !sameParams(t, 1, vt, boolInt(uh.validatorCtx)) {
		return nil, fmt.Errorf("the validator must take the handler's parameters (the Context may be left out): handler %s, validator %s", t, vt)
	}
	return uh, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sameParams reports whether a's parameters after the first skipA are b's
// after the first skipB.
func sameParams(a reflect.Type, skipA int, b reflect.Type, skipB int) bool {
	if a.NumIn()-skipA != b.NumIn()-skipB || a.IsVariadic() != b.IsVariadic() {
		return false
	}
	for i := skipA; i < a.NumIn(); i++ {
		if a.In(i) != b.In(i-skipA+skipB) {
			return false
		}
	}
	return true
}

// GetCurrentUpdateInfo returns the update whose handler (or validator) ctx
// belongs to, or nil outside update handlers.
func GetCurrentUpdateInfo(ctx Context) *UpdateInfo {
	info, _ := ctx.Value(updateInfoKey{}).(*UpdateInfo)
	return info
}

// AllHandlersFinished reports whether no update handler is running. Wait
// for it before returning, so that no update is cut short:
//
//	workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) })
func AllHandlersFinished(ctx Context) bool {
	return len(getState(ctx).updatesOrNil().runningList()) == 0
}

// UnknownUpdateError reports an update with no handler. Known lists the
// updates the workflow has handlers for, sorted.
type UnknownUpdateError struct {
	UpdateName string
	Known      []string
}

func (e *UnknownUpdateError) Error() string {
	return fmt.Sprintf("unknown update %s. KnownUpdates=[%s]", e.UpdateName, strings.Join(e.Known, " "))
}

// applyUpdateEvent handles the update events of a task. An update request
// (EventUpdateAdmitted: what the server hands the worker with the task, or
// what a replayer infers from the history) starts the update; the Accepted
// and Completed events confirm the run's own protocol messages.
func (s *runState) applyUpdateEvent(ev *run.Event) {
	switch ev.Kind {
	case run.EventUpdateAdmitted:
		s.admitUpdate(&updateRequest{id: ev.ID, name: ev.Name, args: ev.Payloads})
	case run.EventUpdateAccepted:
		if c := s.book.get(run.CommandProtocolMessage, ev.ID+"/accept"); c != nil {
			s.book.done(c)
		}
	case run.EventUpdateCompleted:
		if c := s.book.get(run.CommandProtocolMessage, ev.ID+"/complete"); c != nil {
			s.book.done(c)
		}
	}
}

// admitUpdate starts an update's coroutine, or queues the request while no
// handler at all is registered (the workflow function has not run yet).
func (s *runState) admitUpdate(r *updateRequest) {
	s.useFlag(flagPriorityUpdateHandling)
	if len(s.updatesOrNil().handlerMap()) == 0 {
		u := s.updatesForWrite()
		u.queued = append(u.queued, r)
		return
	}
	s.spawnUpdate(r)
}

// drainQueuedUpdates starts the updates still waiting for a handler once
// every coroutine is blocked, so that they are rejected. It reports whether
// it started any.
func (s *runState) drainQueuedUpdates() bool {
	u := s.updatesOrNil()
	if u == nil {
		return false
	}
	q := u.queued
	u.queued = nil
	for _, r := range q {
		s.spawnUpdate(r)
	}
	return len(q) > 0
}

// spawnUpdate runs the update in a coroutine that goes before the others.
func (s *runState) spawnUpdate(r *updateRequest) {
	s.d.GoEager(r.name, func() { s.runUpdate(r) })
}

// runUpdate is an update's coroutine: find the handler, decode the
// arguments, validate, accept, run the handler, complete.
func (s *runState) runUpdate(r *updateRequest) {
	h := s.updatesOrNil().handlerMap()[r.name]
	if h == nil {
		known := make([]string, 0, len(s.updatesOrNil().handlerMap()))
		for k := range s.updatesOrNil().handlerMap() {
			known = append(known, k)
		}
		slices.Sort(known)
		s.rejectUpdate(r, &UnknownUpdateError{UpdateName: r.name, Known: known})
		return
	}
	// Arguments beyond the handler's parameters are ignored, as Temporal's
	// worker decodes an update's input.
	args, err := fn.DecodeArgsExtra(s.dc, "update", r.name, h.fn.Type(), 1, r.args, fn.IgnoreExtra)
	if err != nil {
		s.rejectUpdate(r, err)
		return
	}
	ru := &runningUpdate{info: UpdateInfo{ID: r.id, Name: r.name}, policy: h.opts.UnfinishedPolicy}
	u := s.updatesForWrite()
	u.running = append(u.running, ru)
	defer s.finishUpdate(ru)
	ctx := Context(&ownedContext{Context: WithValue(s.userRoot(), updateInfoKey{}, &ru.info), owner: s.d.Current()})
	// Validators are not run again on replay, so that they may change
	// between versions of the code.
	if h.validator.IsValid() && !s.replaying {
		in := args
		if h.validatorCtx {
			in = append([]reflect.Value{reflect.ValueOf(ctx)}, args...)
		}
		out, err := s.callReadOnly("update validator "+strconv.Quote(r.name), h.validator, in)
		if ro, ok := err.(*ReadOnlyError); ok {
			// A validator that blocks or issues a command does not reject
			// the update: it panics on, failing the workflow task, as in
			// Temporal's SDK.
			panic(ro)
		}
		if err == nil {
			_, err = fn.SplitResults(out)
		}
		if err != nil {
			s.rejectUpdate(r, err)
			return
		}
	}
	s.book.addMessage(newCommand(run.Command{Kind: run.CommandProtocolMessage, ID: r.id + "/accept",
		Update: &run.UpdateResponse{UpdateID: r.id, Accepted: true, Seq: s.nextUpdateSeq(false)}}), s.tryFlag(flagProtocolMessageCommand))
	// A panic of the handler is a panic of workflow code: it fails the
	// workflow task, as in Temporal.
	in := append([]reflect.Value{reflect.ValueOf(ctx)}, args...)
	var out []reflect.Value
	if h.fn.Type().IsVariadic() {
		out = h.fn.CallSlice(in)
	} else {
		out = h.fn.Call(in)
	}
	value, herr := fn.SplitResults(out)
	s.completeUpdate(r, value, herr)
}

func (s *runState) finishUpdate(ru *runningUpdate) {
	u := s.updatesOrNil()
	if i := slices.Index(u.runningList(), ru); i >= 0 {
		u.running = slices.Delete(u.running, i, i+1)
	}
}

func (s *runState) rejectUpdate(r *updateRequest, err error) {
	s.useFlag(flagProtocolMessageCommand)
	u := s.updatesForWrite()
	u.rejections = append(u.rejections, run.Command{Kind: run.CommandProtocolMessage, ID: r.id + "/reject",
		Update: &run.UpdateResponse{UpdateID: r.id, Rejected: s.failureConverter().ErrorToFailure(err), Err: err, Seq: s.nextUpdateSeq(true)}})
}

func (s *runState) completeUpdate(r *updateRequest, value reflect.Value, err error) {
	resp := &run.UpdateResponse{UpdateID: r.id, Done: true, Err: err, Seq: s.nextUpdateSeq(false)}
	if value.IsValid() {
		resp.Value = value.Interface()
	}
	if err == nil {
		// An update that returns only an error has a null result, as
		// Temporal records it.
		p, perr := encodeValue(s.encoder(s.dc), resp.Value)
		if perr != nil {
			err = fmt.Errorf("update %q: encoding its result: %w", r.name, perr)
			resp.Err, resp.Value = err, nil
		}
		resp.Result = p
	}
	if err != nil {
		resp.Result = nil
		resp.Failure = s.failureConverter().ErrorToFailure(err)
	}
	s.book.addMessage(newCommand(run.Command{Kind: run.CommandProtocolMessage, ID: r.id + "/complete", Update: resp}), s.tryFlag(flagProtocolMessageCommand))
}

// nextUpdateSeq places an update response among the task's others (the
// run.UpdateResponse's Seq): the k-th accept or complete message of the
// task has 2k, and a rejection made after k of them 2k+1. It counts the
// task's protocol message commands rather than keeping a counter, for
// which the run's allocation has no room left.
func (s *runState) nextUpdateSeq(rejection bool) uint64 {
	var k uint64
	for _, c := range s.book.unsent {
		if c.Kind() == run.CommandProtocolMessage {
			k++
		}
	}
	if rejection {
		return 2*k + 1
	}
	return 2 * (k + 1)
}

// takeRejections returns the task's rejection messages.
func (s *runState) takeRejections() []run.Command {
	u := s.updatesOrNil()
	if u == nil {
		return nil
	}
	out := u.rejections
	u.rejections = nil
	return out
}

// unfinishedUpdate names an update in the warning of warnUnfinishedUpdates:
// the "Updates" attribute is a list of them, which a JSON handler writes as
// Temporal's SDK does ({"name":…,"id":…}).
type unfinishedUpdate struct {
	Name string `json:"name"`
	ID   string `json:"id"`
}

// warnUnfinishedUpdates logs the updates still running when the workflow
// closes with a command of kind, unless their handlers abandon them
// silently. As in Temporal's SDK, a workflow that fails is not warned about
// (its updates failing with it is no surprise); one that completes, is
// canceled or continues as new is.
func (s *runState) warnUnfinishedUpdates(kind run.CommandKind) {
	if kind == run.CommandFailWorkflow {
		return
	}
	var unfinished []unfinishedUpdate
	for _, ru := range s.updatesOrNil().runningList() {
		if ru.policy == HandlerUnfinishedPolicyWarnAndAbandon {
			unfinished = append(unfinished, unfinishedUpdate{Name: ru.info.Name, ID: ru.info.ID})
		}
	}
	if len(unfinished) > 0 {
		s.logger().Warn("[TMPRL1102] the workflow returned while update handlers were still running; their callers get an error instead of a result. "+
			"Wait with workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }) before returning, "+
			"or set UnfinishedPolicy to HandlerUnfinishedPolicyAbandon",
			"Updates", unfinished)
	}
}
