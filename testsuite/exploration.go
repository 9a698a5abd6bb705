package testsuite

import (
	"math"
	"slices"
	"time"
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
	issued    issuedCommands
	// rebuild hands a rebuilt instance its tasks' events, made at the
	// first restart and kept for the next.
	rebuild *historySource
	// unbuilt holds the runs that could not be rebuilt after a restart,
	// with the *RestartError each fails its next task with
	// (restart_failed.go).
	unbuilt map[*workflowRun]error
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
// choiceChunkSize: a faulty run makes a dozen choices or a few dozen, and a
// list in chunks never copies them as it grows. It keeps each as a
// choiceRecord, which is smaller than a Choice: its time is kept as the
// time since base, the time of the first choice (all are the virtual
// clock's, in one location), and the rare time that would not come back
// the same from that (beyond a Duration's range) in odd; its workflow ID
// and activity type or signal name as their index in the log's names (a
// run's choices name a few workflows and activities, each many times).
type choiceLog struct {
	first, last *choiceChunk
	n           int
	base        time.Time
	odd         map[int]time.Time // by index in the log
	// names are the strings the records name, the first few in the log's
	// own memory.
	names      []string
	firstNames [4]string
}

type choiceChunk struct {
	records [choiceChunkSize]choiceRecord
	n       int
	next    *choiceChunk
}

// choiceChunkSize is how many records fill a chunk's 896-byte size class
// (21 of 40 bytes, and the chunk's count and link, less the allocator's
// 8-byte header): most explored runs make fewer choices, and keep them in
// one chunk.
const choiceChunkSize = 21

func (l *choiceLog) add(c Choice) {
	if l.last == nil || l.last.n == choiceChunkSize {
		k := new(choiceChunk)
		if l.last == nil {
			l.first = k
			l.base = c.Time
		} else {
			l.last.next = k
		}
		l.last = k
	}
	r := &l.last.records[l.last.n]
	r.pack(c)
	r.workflowID = l.nameIndex(c.WorkflowID)
	name := c.ActivityType
	if c.Kind == ChoiceSignalJitter {
		name = c.SignalName
	}
	r.name = l.nameIndex(name)
	if since, ok := l.since(c.Time); ok {
		r.since = since
	} else {
		if l.odd == nil {
			l.odd = make(map[int]time.Time)
		}
		l.odd[l.n] = c.Time
	}
	l.last.n++
	l.n++
}

// since returns t as the time since the log's base, and whether base plus
// that gives t back exactly: t has the base's location and no monotonic
// reading (the clock's times have none), and is within a Duration of it.
// (Time.Sub, which checks for overflow by adding back, costs more.)
func (l *choiceLog) since(t time.Time) (time.Duration, bool) {
	const maxSeconds = int64(math.MaxInt64/time.Second) - 1
	ds := t.Unix() - l.base.Unix()
	if ds < -maxSeconds || ds > maxSeconds || t.Location() != l.base.Location() || t.Round(0) != t {
		return 0, false
	}
	return time.Duration(ds)*time.Second + time.Duration(t.Nanosecond()-l.base.Nanosecond()), true
}

// nameIndex returns the index of s in the log's names, adding it if it is
// not there yet.
func (l *choiceLog) nameIndex(s string) uint32 {
	if i := slices.Index(l.names, s); i >= 0 {
		return uint32(i)
	}
	if l.names == nil {
		l.names = l.firstNames[:0]
	}
	l.names = append(l.names, s)
	return uint32(len(l.names) - 1)
}

// all returns the choices in order, in a new slice; nil when there are
// none.
func (l *choiceLog) all() []Choice {
	if l.n == 0 {
		return nil
	}
	out := make([]Choice, 0, l.n)
	for k := l.first; k != nil; k = k.next {
		for i := range k.records[:k.n] {
			r := &k.records[i]
			c := r.unpack(l.names[r.workflowID], l.names[r.name])
			c.Time = l.base.Add(r.since)
			if t, ok := l.odd[len(out)]; ok {
				c.Time = t
			}
			out = append(out, c)
		}
	}
	return out
}

// choiceRecord is a Choice as the log keeps it, in 40 bytes rather than
// 136: its time and strings are the log's (since; workflowID and name
// index its names), and fields that no kind of choice sets together share
// a slot. name is the SignalName of a signal jitter and the ActivityType
// otherwise; a is the Among of a tie or task order, the Delay of a
// callback jitter and the ScheduledEventID otherwise; b is the Picked of a
// tie or task order and the Duration otherwise. (The choices the simulator
// records set no other combination: see the record calls.) It holds no
// pointer: the garbage collector scans only a chunk's link.
type choiceRecord struct {
	since            time.Duration
	a, b             int64
	attempt          int32
	workflowID, name uint32
	kind             uint8 // a ChoiceKind: they are small
	happened         bool
}

// pack sets r from c, but for its time and strings (choiceLog.add).
func (r *choiceRecord) pack(c Choice) {
	*r = choiceRecord{a: c.ScheduledEventID, b: int64(c.Duration), attempt: c.Attempt, kind: uint8(c.Kind), happened: c.Happened}
	switch c.Kind {
	case ChoiceTie, ChoiceTaskOrder:
		r.a, r.b = int64(c.Among), int64(c.Picked)
	case ChoiceCallbackJitter:
		r.a = int64(c.Delay)
	}
}

// unpack returns the choice r keeps, given its workflow ID and name, but
// for its time (choiceLog.all).
func (r *choiceRecord) unpack(workflowID, name string) Choice {
	c := Choice{Kind: ChoiceKind(r.kind), WorkflowID: workflowID, Attempt: r.attempt, Happened: r.happened}
	switch c.Kind {
	case ChoiceTie, ChoiceTaskOrder:
		c.Among, c.Picked = int(r.a), int(r.b)
	case ChoiceCallbackJitter:
		c.Delay, c.Duration = time.Duration(r.a), time.Duration(r.b)
	case ChoiceSignalJitter:
		c.SignalName, c.Duration = name, time.Duration(r.b)
	default:
		c.ActivityType, c.ScheduledEventID, c.Duration = name, r.a, time.Duration(r.b)
	}
	return c
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
