package testsuite

import "time"

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
	// issued holds the commands each task of a run issued, to check its
	// rebuild against (restart.go, restart_issued.go).
	issued issuedCommands
	// rebuild hands a rebuilt instance its tasks' events, made at the
	// first restart and kept for the next.
	rebuild *historySource
	// rare holds what few explored runs need, made on first use (more).
	rare *explorationRare
}

// explorationRare is the part of an exploration that few runs need: apart,
// it keeps the exploration in the 256-byte size class.
type explorationRare struct {
	// onRestart is called when the worker restarts (restart.go).
	onRestart func(workflowID string)
	// unbuilt holds the runs that could not be rebuilt after a restart,
	// with the *RestartError each fails its next task with
	// (restart_failed.go).
	unbuilt map[*workflowRun]error
	// notes says what was pending when a run timed out or reached the
	// horizon, or what a jitter dropped, for the report.
	notes []string
}

func (e *environment) exploration() *exploration {
	if e.x == nil {
		e.x = &exploration{}
	}
	return e.x
}

// more returns x's rare part, made on first use.
func (x *exploration) more() *explorationRare {
	if x.rare == nil {
		x.rare = new(explorationRare)
	}
	return x.rare
}

// note adds s to the notes of the report.
func (x *exploration) note(s string) {
	m := x.more()
	m.notes = append(m.notes, s)
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

func (x *exploration) record(c Choice) { x.choices.add(&c) }

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
