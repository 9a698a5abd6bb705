package workflow

import (
	"fmt"
	"time"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// commandState follows a command from its creation in workflow code to the
// event that closes it, as Temporal's command state machines do.
type commandState uint8

const (
	commandCreated   commandState = iota // issued in the current task, not sent yet
	commandSent                          // returned by ProcessTask
	commandInitiated                     // its event (e.g. TimerStarted) is in history
	commandDone                          // resolved or canceled; no longer tracked
)

// A command keeps its kind in a byte (command.k): this fails to compile
// once the kinds outgrow one.
const _ = uint8(run.CommandProtocolMessage)

// command is one issued command and what workflow code waits on for it. It
// is embedded in what waits on it (a timer, an activity), so it is kept
// small: the kinds issued most (StartTimer, CancelTimer,
// ScheduleActivityTask) carry their few attributes in it, and take builds
// their run.Command; every other kind holds its whole run.Command (see
// newCommand).
type command struct {
	ID string
	// n is a StartTimer's duration, or the event ID predicted for a
	// ScheduleActivityTask's ActivityTaskScheduled event.
	n int64
	// summary is a StartTimer's user metadata summary, or nil.
	summary *converter.Payload
	// full is the command of any other kind, nil for the kinds above.
	full *run.Command
	// handler is called with the event that completes the command. A
	// type that handles its own event (a timer, an activity) costs no
	// allocation where a method value would; others use a resolveFunc.
	// A compact ScheduleActivityTask's is its *scheduledActivity, which
	// holds its attributes.
	handler eventHandler
	// k is the run.CommandKind (see Kind), in a byte: with the bytes
	// below it, the command fits in 64 bytes and a scheduledActivity in
	// the 240-byte size class.
	k     uint8
	state commandState
	// canceled is set when workflow code canceled the command.
	canceled bool
	// waitCancel is a ScheduleActivityTask's
	// ActivityOptions.WaitForCancellation.
	waitCancel bool
}

// fullCommand is a command with its run.Command, in one allocation.
type fullCommand struct {
	command
	rc run.Command
}

// newCommand returns a command that holds rc, for the kinds that are not
// built from a command's own fields (see command).
func newCommand(rc run.Command) *command {
	f := &fullCommand{rc: rc}
	f.ID, f.k, f.full = rc.ID, uint8(rc.Kind), &f.rc
	return &f.command
}

// Kind returns the command's kind.
func (c *command) Kind() run.CommandKind { return run.CommandKind(c.k) }

// fill sets *p, a zero run.Command, to the command c stands for. Setting
// the few fields of a compact kind costs less than copying a whole
// run.Command.
func (c *command) fill(p *run.Command) {
	if c.full != nil {
		*p = *c.full
		return
	}
	p.Kind, p.ID = c.Kind(), c.ID
	switch c.Kind() {
	case run.CommandStartTimer:
		p.TimerDuration, p.Summary = time.Duration(c.n), c.summary
	case run.CommandScheduleActivity:
		p.Activity = &c.handler.(*scheduledActivity).attrs
	}
}

// eventHandler handles the event that completes a command.
type eventHandler interface {
	handleEvent(ev *run.Event)
}

// resolveFunc is a function as an eventHandler. A func value fits an
// interface without an allocation.
type resolveFunc func(ev *run.Event)

func (f resolveFunc) handleEvent(ev *run.Event) { f(ev) }

// deliver hands ev, the event that completes c, to c's handler.
func (c *command) deliver(ev *run.Event) {
	if c.handler != nil {
		c.handler.handleEvent(ev)
	}
}

// commandBook keeps the commands of a run in the order they were issued and
// predicts the event IDs the server will give them, which is how Temporal's
// SDK assigns activity and timer IDs.
type commandBook struct {
	// upserts holds the search-attribute upserts and property changes
	// not done, in issue order (their events name no command; see
	// applyUpsertEvent), and some done ones until the next sweep (see
	// take).
	upserts []*command
	// unsent holds the commands issued since the last take, in issue
	// order, so that a task costs what it issued, not what is pending.
	unsent []*command
	// live counts the commands of upserts that are not done.
	live int
	// unsentFirst holds unsent while it is short, as in most runs: the
	// book is in its run's allocation.
	unsentFirst [4]*command
	// byID holds the commands not done by kind and ID.
	byID commandIndex
	// nextEventID is the event ID the next command will get.
	nextEventID int64
	// versionMarkers holds the event IDs of recorded Version markers (and
	// whether a search-attribute upsert follows each), which the prediction
	// skips.
	versionMarkers map[int64]bool
	// activities finds each open activity's command by the event ID
	// predicted for its ActivityTaskScheduled event (command.n), filled
	// when the code schedules it (Temporal's
	// scheduledEventIDToActivityID). An activity in it is in byID too.
	activities activityIndex
	// children maps an initiated event ID to its child workflow ID.
	children map[int64]string
	// slab is where take cuts the tasks' command lists from (see cut);
	// again is the one it reuses when the caller allows (see reused).
	slab, again []run.Command
	// readOnly names the query handler or update validator running now,
	// which must not issue commands (see runState.callReadOnly); "" when
	// none is.
	readOnly string
}

// taskStarted resets the event-ID prediction at a WorkflowTaskStarted event:
// the task's completion takes startedID+1, its commands follow.
func (b *commandBook) taskStarted(startedID int64) {
	unsent := int64(0)
	for _, c := range b.unsent {
		if c.state == commandCreated {
			unsent++
		}
	}
	b.nextEventID = startedID + 2 + unsent
}

func (b *commandBook) skipVersionMarkers() {
	for {
		upsert, ok := b.versionMarkers[b.nextEventID]
		if !ok {
			return
		}
		delete(b.versionMarkers, b.nextEventID)
		b.nextEventID++
		if upsert {
			b.nextEventID++
		}
	}
}

// nextID returns the event ID the next command will get.
func (b *commandBook) nextID() int64 {
	b.skipVersionMarkers()
	return b.nextEventID
}

// add records a new command.
func (b *commandBook) add(c *command) *command {
	if b.readOnly != "" {
		panic(&ReadOnlyError{Handler: b.readOnly, Call: c.Kind().String()})
	}
	if b.byID.add(c) != nil {
		panic(&run.IllegalStateError{Message: fmt.Sprintf("[TMPRL1100] adding duplicate command %v %s", c.Kind(), c.ID)})
	}
	if b.unsent == nil {
		b.unsent = b.unsentFirst[:0]
	}
	b.unsent = append(b.unsent, c)
	if c.isUpsert() {
		b.upserts = append(b.upserts, c)
		b.live++
	}
	b.skipVersionMarkers()
	switch c.Kind() {
	case run.CommandScheduleActivity:
		c.n = b.nextEventID
		b.activities.set(c)
	case run.CommandRequestCancelActivity:
		// Marked on the activity's command, so that the activity's
		// closing event looks for a cancellation to drop only when
		// there may be one (see dropCancelOfActivity).
		if a := b.activities.get(c.full.ScheduledEventID); a != nil {
			a.canceled = true
		}
	}
	b.nextEventID++
	return c
}

// addMessage adds an update's response. asCommand is false while replaying
// a history without SDK flag 3 (ProtocolMessageCommand), recorded by an SDK
// that sent responses beside the task's commands: the server recorded their
// events after the commands' events, so the response takes no event ID
// among them (the replay's matcher passes over it).
func (b *commandBook) addMessage(c *command, asCommand bool) {
	b.add(c)
	if !asCommand {
		b.nextEventID--
	}
}

func (b *commandBook) get(kind run.CommandKind, id string) *command {
	return b.byID.get(kind, id)
}

// lookup returns the command an event refers to, or fails the task the way
// Temporal's SDK does when the code did not issue it.
func (b *commandBook) lookup(kind run.CommandKind, id string, what string) *command {
	c := b.get(kind, id)
	if c == nil {
		panic(&run.IllegalStateError{Message: fmt.Sprintf("[TMPRL1100] During replay, a matching %s command was expected in history event position %s. "+
			"However, the replayed code did not produce that. Possible causes are nondeterministic workflow definition code, "+
			"or an incompatible change in the workflow definition.", what, id)})
	}
	return c
}

// isUpsert reports whether c's event will not name it (see upserts).
func (c *command) isUpsert() bool {
	return c.Kind() == run.CommandUpsertSearchAttributes || c.Kind() == run.CommandModifyProperties
}

// done stops tracking c.
func (b *commandBook) done(c *command) {
	if c.state != commandDone && c.isUpsert() {
		b.live--
	}
	c.state = commandDone
	b.byID.remove(c.Kind(), c.ID)
}

// take returns the commands not sent yet, in issue order, followed by
// extra and then by last unless it is nil, and marks them sent. With reuse,
// the caller is done with what take returned before (see
// run.Task.ReuseCommands).
func (b *commandBook) take(extra []run.Command, last *run.Command, reuse bool) []run.Command {
	n := len(extra)
	if last != nil {
		n++
	}
	for _, c := range b.unsent {
		if c.state == commandCreated {
			n++
		}
	}
	var out []run.Command
	dirty := 0 // out's first dirty slots hold the last task's commands
	switch {
	case n == 0:
	case reuse:
		out, dirty = b.reused(n)
	default:
		out = b.cut(n)
	}
	for _, c := range b.unsent {
		if c.state == commandCreated {
			// out has room for n commands, zero but the dirty ones.
			i := len(out)
			out = out[:i+1]
			if i < dirty {
				zeroCommand(&out[i])
			}
			c.fill(&out[i])
			c.state = commandSent
		}
	}
	out = append(out, extra...)
	if last != nil {
		out = append(out, *last)
	}
	// Dropped one by one, from the end: clear (or a forward loop, which
	// the compiler turns into one) costs a bulk write barrier call while
	// the GC runs, more than the one or two stores of a usual task.
	for i := len(b.unsent) - 1; i >= 0; i-- {
		b.unsent[i] = nil
	}
	b.unsent = b.unsent[:0]
	// Drop the done upserts once they are half of the list: amortized,
	// one costs O(1) however many stay pending.
	if len(b.upserts) >= 32 && 2*b.live <= len(b.upserts) {
		live := b.upserts[:0]
		for _, c := range b.upserts {
			if c.state != commandDone {
				live = append(live, c)
			}
		}
		clear(b.upserts[len(live):])
		b.upserts = live
	}
	return out
}

// reused returns an empty slice with room for n commands in the memory
// take returned last time it was asked to reuse it. Its first dirty slots
// hold the last task's commands, which take overwrites (fill wants a zero
// command: see zeroCommand); the others are zero.
func (b *commandBook) reused(n int) (out []run.Command, dirty int) {
	if cap(b.again) < n {
		b.again = make([]run.Command, n)
		return b.again[:0:n], 0
	}
	// b.again's length is what the last task used: what lies past n is
	// let go of, so that every slot past its length stays zero.
	dirty = min(n, len(b.again))
	for i := n; i < len(b.again); i++ {
		zeroCommand(&b.again[i])
	}
	b.again = b.again[:n]
	return b.again[:0:n], dirty
}

// zeroCommand makes *p a zero command, writing only the fields that are
// not zero yet: clearing a whole run.Command in the heap while the garbage
// collector runs costs a write barrier for each of its pointers, most of
// them nil (a task's commands are mostly timers and activities).
// TestZeroCommandClearsEveryField keeps it complete.
func zeroCommand(p *run.Command) {
	p.Kind, p.ScheduledEventID, p.TimerDuration = 0, 0, 0
	if p.ID != "" {
		p.ID = ""
	}
	if p.Activity != nil {
		p.Activity = nil
	}
	if p.Marker != nil {
		p.Marker = nil
	}
	if p.Result != nil {
		p.Result = nil
	}
	if p.Failure != nil {
		p.Failure = nil
	}
	if p.ContinueAsNew != nil {
		p.ContinueAsNew = nil
	}
	if p.Child != nil {
		p.Child = nil
	}
	if p.External != nil {
		p.External = nil
	}
	if p.SearchAttributes != nil {
		p.SearchAttributes = nil
	}
	if p.Memo != nil {
		p.Memo = nil
	}
	if p.Update != nil {
		p.Update = nil
	}
	if p.Summary != nil {
		p.Summary = nil
	}
	if p.Priority != nil {
		p.Priority = nil
	}
}

// makeRoom makes the first slab room for n commands (at most a slab's
// worth): a run that knows how many it will issue (run.Start.CommandRoom)
// takes them from one allocation rather than from slabs of 2, 4, 8, ….
func (b *commandBook) makeRoom(n int) {
	if n > 0 && cap(b.slab) == 0 {
		b.slab = make([]run.Command, 0, min(n, maxSlab))
	}
}

// maxSlab is the most commands a slab holds: 28 run.Commands (144 bytes
// each) fill a 4 KB size class.
const maxSlab = 28

// cut returns an empty slice with room for n zero commands, cut from the
// book's slab: most tasks issue one or two commands, and a slab serves many
// tasks in one allocation. The slice's capacity ends at n, so a caller
// appending to it gets a copy; a slab is never reused, so a caller may
// keep what it got.
func (b *commandBook) cut(n int) []run.Command {
	l := len(b.slab)
	if n > cap(b.slab)-l {
		size := min(max(2*cap(b.slab), 2), maxSlab)
		b.slab = make([]run.Command, 0, max(size, n))
		l = 0
	}
	b.slab = b.slab[:l+n]
	return b.slab[l : l : l+n]
}

// unsend drops a command that was not sent yet, as if never issued.
func (b *commandBook) unsend(c *command) {
	b.done(c)
}

// dropCancelOfResolved withdraws the unsent cancellation (CancelTimer,
// RequestCancelActivityTask, or a child's RequestCancelExternalWorkflow)
// of a timer, activity or child that the event being applied resolves:
// the cancellation is moot, and the server would not accept it. Temporal's
// SDK does the same (removeCancelOfResolvedCommand; for a child, its state
// machine's completion); it matters when a cancellation and the resolving
// event arrive in one task, such as a workflow cancellation and an
// activity's completion.
func (b *commandBook) dropCancelOfResolved(kind run.CommandKind, id string) {
	if c := b.get(kind, id); c != nil && c.state == commandCreated {
		b.unsend(c)
	}
}

// dropCancelOfActivity is dropCancelOfResolved for a, an activity's
// command that its closing event resolves. Only an activity whose
// cancellation was requested (command.canceled, see add) can have one, and
// most never do: the others skip the lookup.
func (b *commandBook) dropCancelOfActivity(a *command) {
	if a.canceled {
		b.dropCancelOfResolved(run.CommandRequestCancelActivity, a.ID)
	}
}

// activityOf returns the command of the activity an event refers to by
// its scheduled event ID, or fails the task as Temporal's SDK does when
// the code scheduled no activity there. The command is the one byID holds
// under its ID: an activity's command is done only when its closing event
// takes it out of the activities.
func (b *commandBook) activityOf(ev *run.Event) *command {
	c := b.activities.get(ev.ScheduledEventID)
	if c == nil {
		panic(&run.IllegalStateError{Message: fmt.Sprintf("[TMPRL1100] unable to find activityID for the scheduledEventID: %d", ev.ScheduledEventID)})
	}
	return c
}
