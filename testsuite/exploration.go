package testsuite

import (
	"time"

	"github.com/wfsim/wfsim/internal/run"
)

// An environment's exploration: the explorer and faults a test set, the
// choices made so far, and the two choices every explored run has — the
// order of items due at one instant, and of workflow tasks ready together.

// SetExplorer hands the simulator's free choices to x: the order of items
// due at the same virtual instant and of workflow tasks ready together,
// and the faults SetFaults turns on. Without an explorer the simulator
// keeps its fixed rules. Call it before ExecuteWorkflow.
//
// What was chosen is recorded in order (Choices), and a bound test that
// fails prints it, with the explorer's name and the faults, before the
// history.
func (env *TestWorkflowEnvironment) SetExplorer(x Explorer) {
	e := env.e
	if e.executed {
		panic("testsuite: SetExplorer called after ExecuteWorkflow")
	}
	if x == nil {
		panic("testsuite: SetExplorer of a nil Explorer")
	}
	e.exploration().explorer = x
}

// exploration is what an explored run keeps: the explorer, the faults, and
// the record of what was chosen.
type exploration struct {
	explorer  Explorer
	faults    Faults
	faultsSet bool
	choices   choiceLog
	// onRestart is called when the worker restarts, and issued holds the
	// commands each task of a run issued, to check its rebuild against
	// (restart.go).
	onRestart func(workflowID string)
	issued    map[*workflowRun][][]run.Command
	// notes says what was pending when a run timed out or reached the
	// horizon, for the report.
	notes []string
}

func (e *environment) exploration() *exploration {
	if e.x == nil {
		e.x = &exploration{}
	}
	return e.x
}

// startExploring prepares an explored run once its clock exists: the clock
// asks the explorer to break ties. Without an explorer e.x is dropped, so
// every hook costs one nil check.
func (e *environment) startExploring() {
	x := e.x
	if x == nil {
		return
	}
	if x.explorer == nil {
		if x.faultsSet {
			panic("testsuite: SetFaults needs an explorer to draw the faults: call SetExplorer(testsuite.SeedExplorer(seed)) or SetExplorer(testsuite.RapidExplorer(t)) too")
		}
		e.x = nil
		return
	}
	e.clock.SetTieBreaker(func(n int) int {
		k := x.explorer.Choose("tie", n)
		at, _ := e.clock.Next()
		x.record(Choice{Kind: ChoiceTie, Time: at, Among: n, Picked: k})
		return k
	})
}

func (x *exploration) record(c Choice) { x.choices.add(c) }

// choiceLog is the list of an explored run's choices, in chunks of
// choiceChunkSize: a faulty run makes a dozen choices or a few dozen, each
// a large value, and a list in chunks never copies them as it grows.
type choiceLog struct {
	first, last *choiceChunk
	n           int
}

type choiceChunk struct {
	choices [choiceChunkSize]Choice
	n       int
	next    *choiceChunk
}

const choiceChunkSize = 16

func (l *choiceLog) add(c Choice) {
	if l.last == nil || l.last.n == choiceChunkSize {
		k := new(choiceChunk)
		if l.last == nil {
			l.first = k
		} else {
			l.last.next = k
		}
		l.last = k
	}
	l.last.choices[l.last.n] = c
	l.last.n++
	l.n++
}

// all returns the choices in order, in a new slice; nil when there are
// none.
func (l *choiceLog) all() []Choice {
	if l.n == 0 {
		return nil
	}
	out := make([]Choice, 0, l.n)
	for k := l.first; k != nil; k = k.next {
		out = append(out, k.choices[:k.n]...)
	}
	return out
}

// horizon is how much virtual time an explored run may take.
func (x *exploration) horizon() time.Duration {
	if x.faults.Horizon > 0 {
		return x.faults.Horizon
	}
	return DefaultHorizon
}

// pickReady returns the index in e.ready of the workflow task to run next:
// the explorer's choice when several runs have one, the first otherwise.
func (e *environment) pickReady() int {
	x := e.x
	if x == nil || len(e.ready) < 2 {
		return 0
	}
	k := x.explorer.Choose("task order", len(e.ready))
	x.record(Choice{Kind: ChoiceTaskOrder, Time: e.clock.Now(), WorkflowID: e.ready[k].id, Among: len(e.ready), Picked: k})
	return k
}
