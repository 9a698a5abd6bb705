package testsuite

import (
	"time"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// The commands each task of a run issued, kept to compare with those its
// rebuilt instance issues after a worker restart (restart.go).

// keepsIssued reports whether the run's tasks' commands are kept
// (noteIssued): only explored runs that may restart keep them.
func (e *environment) keepsIssued() bool {
	return e.x != nil && e.x.faults.WorkerRestart > 0
}

// noteIssued keeps the commands a task of r issued, to compare with those
// its rebuilt instance issues after a restart, but for those of GetVersion
// (isVersionCommand).
func (e *environment) noteIssued(r *workflowRun, cmds []run.Command) {
	if !e.keepsIssued() {
		return
	}
	t := e.x.issued.of(r)
	if t == nil {
		t = new(issuedTasks)
		e.x.issued.set(r, t)
	}
	t.add(cmds)
}

// issuedCommands holds the commands each task of each run issued: the
// first run's in place, the others' in a map made for them (most explored
// tests have one run, and a map is a few hundred bytes).
type issuedCommands struct {
	first      *workflowRun
	firstTasks *issuedTasks
	more       map[*workflowRun]*issuedTasks
}

func (c *issuedCommands) of(r *workflowRun) *issuedTasks {
	if r == c.first {
		return c.firstTasks
	}
	return c.more[r]
}

func (c *issuedCommands) set(r *workflowRun, t *issuedTasks) {
	switch {
	case c.first == nil || c.first == r:
		c.first, c.firstTasks = r, t
	default:
		if c.more == nil {
			c.more = make(map[*workflowRun]*issuedTasks)
		}
		c.more[r] = t
	}
}

// issuedTasks holds a run's tasks' commands in one list, each task's
// ending at its end. A run's tasks mostly issue a command each (schedule
// an activity, start a timer, complete): the first few are kept in its own
// memory, with which it fills the 320-byte size class. (Kept as the
// run.Commands the tasks returned, they took 144 bytes each, and the
// instance could not reuse the memory of the last task's for the next.)
type issuedTasks struct {
	cmds      []keptCmd
	ends      []int32 // where each task's commands end in cmds
	firstCmds [4]keptCmd
	firstEnds [4]int32
}

// add keeps the commands of the next task, but for those of GetVersion.
func (t *issuedTasks) add(cmds []run.Command) {
	if t.ends == nil {
		t.cmds, t.ends = t.firstCmds[:0], t.firstEnds[:0]
	}
	for i := range cmds {
		if c := &cmds[i]; !isVersionCommand(*c) {
			t.cmds = append(t.cmds, keptCommand(c))
		}
	}
	t.ends = append(t.ends, int32(len(t.cmds)))
}

// tasks returns how many tasks' commands t holds; 0 for nil.
func (t *issuedTasks) tasks() int {
	if t == nil {
		return 0
	}
	return len(t.ends)
}

// same reports whether cmds, but for those of GetVersion, are the commands
// of task i, as reflect.DeepEqual compares them (see sameCommand).
func (t *issuedTasks) same(i int, cmds []run.Command) bool {
	start := int32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	kept := t.cmds[start:t.ends[i]]
	n := 0
	for k := range cmds {
		c := &cmds[k]
		if isVersionCommand(*c) {
			continue
		}
		if n == len(kept) {
			return false
		}
		had := kept[n].command()
		if !sameCommand(&had, c) {
			return false
		}
		n++
	}
	return n == len(kept)
}

// keptCmd is a command a task issued, in 64 bytes rather than a
// run.Command's 144: the fields of a command that sets no others
// (plainCommand), or a copy of any other in full. Like the
// run.Command it was, it shares what the command points to.
type keptCmd struct {
	kind             run.CommandKind
	id               string
	scheduledEventID int64
	timerDuration    time.Duration
	result           *converter.Payloads
	activity         *run.ScheduleActivity
	full             *run.Command // nil for a plain command
}

func keptCommand(c *run.Command) keptCmd {
	if !plainCommand(c) {
		full := *c
		return keptCmd{full: &full}
	}
	return keptCmd{kind: c.Kind, id: c.ID, scheduledEventID: c.ScheduledEventID, timerDuration: c.TimerDuration, result: c.Result, activity: c.Activity}
}

// command returns the command k keeps.
func (k *keptCmd) command() run.Command {
	if k.full != nil {
		return *k.full
	}
	return run.Command{Kind: k.kind, ID: k.id, ScheduledEventID: k.scheduledEventID, TimerDuration: k.timerDuration, Result: k.result, Activity: k.activity}
}
