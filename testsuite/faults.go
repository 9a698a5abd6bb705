package testsuite

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
)

// Faults says which faults an explored run may meet, and how often. The
// explorer (SetExplorer) draws each one where it could happen; the zero
// Faults injects none. A probability is in [0, 1]; a bound is a duration of
// virtual time.
//
// Faults keep the rules a Temporal server keeps — they explore what could
// really happen: a timeout still fires at its instant, a non-retryable
// error is still not retried, retries follow the activity's retry policy,
// and every history an explored run records replays against its code.
type Faults struct {
	// ActivityLatency bounds how long an activity attempt takes when the
	// test did not fix it (a registered function, or a mock without
	// After): the attempt runs its code, or returns its mocked values,
	// a drawn duration in [0, ActivityLatency] after it starts. An attempt
	// whose latency reaches its StartToClose timeout times out.
	ActivityLatency time.Duration
	// ActivityFailure is the probability that an activity attempt fails
	// with a retryable *wfsim.ApplicationError of type InjectedFailureType
	// before its code or mock runs (a worker that crashed on it, a
	// dependency that refused it). The activity's retry policy decides
	// what follows.
	ActivityFailure float64
	// ActivityHang is the probability that an activity attempt never
	// reports back (a lost worker, lost heartbeats): neither its code nor
	// its mock runs, and the attempt ends when its StartToClose or
	// Heartbeat timeout fires.
	ActivityHang float64
	// WorkerRestart is the probability that, after a workflow task, the
	// worker loses the workflow's state (it restarts, or evicts the
	// workflow from its cache) and rebuilds it by replaying the history so
	// far, as a new worker would. State kept outside the workflow, or code
	// that does not replay the same way, shows up as a failure: the run's
	// next workflow task fails (WorkflowTaskFailed, as a worker that cannot
	// replay the history fails it) and the run ends with a *RestartError;
	// SetOnWorkerRestartListener lets a test drop what its
	// worker process would lose. Runs that have used updates or have local
	// activities in flight are not restarted.
	WorkerRestart float64
	// Jitter bounds the delay drawn for each signal the test sends while
	// the workflow runs (SignalWorkflow, SignalWorkflowByID) and for each
	// delayed callback (RegisterDelayedCallback). A signal that arrives
	// after its workflow closed is dropped, as the server would refuse it.
	Jitter time.Duration
	// Horizon bounds the virtual time an explored run may take, so that a
	// run that keeps rescheduling work (retrying forever, looping on
	// timers) ends with a *LivenessError listing what is pending rather
	// than hang the test. Zero means DefaultHorizon.
	Horizon time.Duration
}

// DefaultHorizon is the virtual time an explored run may take when
// Faults.Horizon is zero.
const DefaultHorizon = 365 * 24 * time.Hour

// InjectedFailureType is the type of the *wfsim.ApplicationError with which
// an attempt fails under Faults.ActivityFailure.
const InjectedFailureType = "InjectedFailure"

func (f Faults) validate() {
	for _, p := range []struct {
		name string
		v    float64
	}{{"ActivityFailure", f.ActivityFailure}, {"ActivityHang", f.ActivityHang}, {"WorkerRestart", f.WorkerRestart}} {
		if !(p.v >= 0 && p.v <= 1) {
			panic(fmt.Sprintf("testsuite: Faults.%s is %v, not a probability in [0, 1]", p.name, p.v))
		}
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"ActivityLatency", f.ActivityLatency}, {"Jitter", f.Jitter}, {"Horizon", f.Horizon}} {
		if d.v < 0 {
			panic(fmt.Sprintf("testsuite: Faults.%s is negative (%v)", d.name, d.v))
		}
	}
}

// String lists the faults that are on.
func (f Faults) String() string {
	var parts []string
	add := func(name string, on bool, v any) {
		if on {
			parts = append(parts, fmt.Sprintf("%s: %v", name, v))
		}
	}
	add("ActivityLatency", f.ActivityLatency > 0, f.ActivityLatency)
	add("ActivityFailure", f.ActivityFailure > 0, f.ActivityFailure)
	add("ActivityHang", f.ActivityHang > 0, f.ActivityHang)
	add("WorkerRestart", f.WorkerRestart > 0, f.WorkerRestart)
	add("Jitter", f.Jitter > 0, f.Jitter)
	add("Horizon", f.Horizon > 0, f.Horizon)
	return "testsuite.Faults{" + strings.Join(parts, ", ") + "}"
}

// SetFaults turns on the faults f describes; the explorer set with
// SetExplorer draws them. Call it before ExecuteWorkflow. It panics if a
// probability is outside [0, 1] or a bound is negative.
func (env *TestWorkflowEnvironment) SetFaults(f Faults) {
	e := env.e
	if e.executed {
		panic("testsuite: SetFaults called after ExecuteWorkflow")
	}
	f.validate()
	x := e.exploration()
	x.faults = f
	x.faultsSet = true
}

// injectAttemptFault draws the faults of an activity attempt that is
// starting, its timers armed: a failure before it runs, or a hang until
// its timeout. It reports whether the attempt was taken by a fault.
func (e *environment) injectAttemptFault(t *activityTask) bool {
	x := e.x
	f := &x.faults
	if f.ActivityFailure > 0 && x.chance(ChoiceFailure, f.ActivityFailure, t) {
		msg := "injected fault: activity " + t.attrs().ActivityType.Name + " (ID " + t.attrs().ActivityID + ") attempt " +
			strconv.FormatInt(int64(t.attempt), 10) + " failed before it ran"
		t.outcome(t.attempt, outcome{err: wfsim.NewApplicationError(msg, InjectedFailureType)})
		return true
	}
	// Only an attempt that a timeout will end may hang.
	if f.ActivityHang > 0 && (t.attrs().StartToCloseTimeout > 0 || t.attrs().HeartbeatTimeout > 0) && x.chance(ChoiceHang, f.ActivityHang, t) {
		return true
	}
	return false
}

// chance draws whether a fault of probability p happens to an attempt of
// t, and records it.
func (x *exploration) chance(kind ChoiceKind, p float64, t *activityTask) bool {
	var happened bool
	switch {
	case p >= 1:
		happened = true
	default:
		happened = x.explorer.Chance(kind.label(), p)
	}
	x.record(Choice{Kind: kind, Time: t.run.env.clock.Now(), WorkflowID: t.run.id, ActivityType: t.attrs().ActivityType.Name,
		ScheduledEventID: t.scheduledID(), Attempt: t.attempt, Happened: happened})
	return happened
}

// attemptLatency draws the latency of an attempt whose duration the test
// did not fix. One time in four (onDeadlineChance) it lands exactly on an
// instant at which something else concerning the attempt is due — one of
// its timeouts, a timer or the run timeout of its workflow — since races
// hide there and a draw in thousandths of the bound seldom hits them.
func (e *environment) attemptLatency(t *activityTask) time.Duration {
	x := e.x
	bound := x.faults.ActivityLatency
	if bound <= 0 {
		return 0
	}
	var d time.Duration
	if x.explorer.Chance("latency on a deadline", onDeadlineChance) {
		if ds := e.deadlinesWithin(t, bound); len(ds) == 1 {
			d = ds[0]
		} else if len(ds) > 1 {
			d = ds[x.explorer.Choose("deadline", len(ds))]
		}
	} else {
		d = x.explorer.Duration(ChoiceLatency.label(), bound)
	}
	x.record(Choice{Kind: ChoiceLatency, Time: e.clock.Now(), WorkflowID: t.run.id, ActivityType: t.attrs().ActivityType.Name,
		ScheduledEventID: t.scheduledID(), Attempt: t.attempt, Duration: d})
	return d
}

// onDeadlineChance is how often a latency lands on a deadline.
const onDeadlineChance = 0.25

// deadlinesWithin returns, sorted and without repeats, how far ahead the
// instants within bound are at which the attempt's timeouts, its
// workflow's timers or its run timeout are due.
func (e *environment) deadlinesWithin(t *activityTask, bound time.Duration) []time.Duration {
	now := e.clock.Now()
	var ds []time.Duration
	add := func(d time.Duration) {
		if d > 0 && d <= bound {
			ds = append(ds, d)
		}
	}
	add(t.attrs().StartToCloseTimeout)
	add(t.attrs().HeartbeatTimeout)
	if t.scheduleToClose != nil {
		add(t.scheduleToClose.When().Sub(now))
	}
	if rt := t.run.runTimeout; rt != nil {
		add(rt.When().Sub(now))
	}
	for _, tm := range t.run.timers.sorted() {
		add(tm.When().Sub(now))
	}
	slices.Sort(ds)
	return slices.Compact(ds)
}

// callbackDelay is the delay of a delayed callback: d, plus a jitter when
// exploring.
func (e *environment) callbackDelay(d time.Duration) time.Duration {
	x := e.x
	if x == nil || x.faults.Jitter <= 0 {
		return d
	}
	j := x.explorer.Duration(ChoiceCallbackJitter.label(), x.faults.Jitter)
	x.record(Choice{Kind: ChoiceCallbackJitter, Time: e.clock.Now(), Duration: j, Delay: d})
	if d > math.MaxInt64-j {
		return math.MaxInt64
	}
	return d + j
}

// signalFromTest records a signal the test sent to run r: at once, or when
// exploring after a drawn jitter, to whichever run of the workflow is
// current then. A signal that finds the workflow closed is dropped.
func (e *environment) signalFromTest(r *workflowRun, attrs replay.WorkflowExecutionSignaledEventAttributes) {
	x := e.x
	if x == nil || x.faults.Jitter <= 0 {
		e.signalRun(r, attrs)
		return
	}
	j := x.explorer.Duration(ChoiceSignalJitter.label(), x.faults.Jitter)
	x.record(Choice{Kind: ChoiceSignalJitter, Time: e.clock.Now(), WorkflowID: r.id, SignalName: attrs.SignalName, Duration: j})
	if j == 0 {
		e.signalRun(r, attrs)
		return
	}
	id := r.id
	e.clock.AfterFunc(j, func() {
		r, err := e.openRun(id)
		if err != nil {
			x.note(fmt.Sprintf("%s: signal %q to workflow %q dropped: the workflow had closed", since(e.startTime, e.clock.Now()), attrs.SignalName, id))
			return
		}
		e.signalRun(r, attrs)
	})
}
