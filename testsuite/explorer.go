package testsuite

import (
	"fmt"
	"math/rand/v2"
	"time"

	"pgregory.net/rapid"
)

// Explorer makes the simulator's free choices.
//
// Some things a real deployment does not fix: which of several events due
// at the same virtual instant is seen first, which workflow's task a worker
// picks up first, how long an activity takes, whether an attempt fails or
// hangs, when a signal arrives, when a worker restarts. The simulator fixes
// each by a documented rule (schedule order, no latency, no faults). With an
// explorer set (TestWorkflowEnvironment.SetExplorer), every such choice is
// a draw from the explorer instead: same-instant ties and the order of ready
// workflow tasks always, and the faults that SetFaults turns on.
//
// Every method's zero answer is the simulator's default, so an explorer
// that shrinks its draws towards zero (as rapid does) shrinks a failing run
// towards the plainest schedule that still fails. Label names the kind of
// choice ("tie", "latency", …) for the explorer's own log.
//
// An explorer must answer the same sequence of calls with the same
// answers to be reproducible; the simulator asks in a deterministic order,
// so the same explorer state gives the same history, byte for byte.
//
// An Explorer that also implements fmt.Stringer is named by its String in
// the report of a failing test (SeedExplorer's says its seed).
type Explorer interface {
	// Choose returns an index in [0, n), n ≥ 2; 0 keeps the default order.
	Choose(label string, n int) int
	// Duration returns a duration in [0, max], max > 0.
	Duration(label string, max time.Duration) time.Duration
	// Chance reports whether something of probability p, 0 < p < 1,
	// happens.
	Chance(label string, p float64) bool
}

// durationSteps is the resolution at which the explorers of this package
// draw durations: a thousandth of the bound. Drawing steps rather than
// nanoseconds lets a draw land exactly on an instant that matters (a
// timeout equal to the bound, or half of it), which is where races hide.
const durationSteps = 1000

func durationStep(max time.Duration, k int) time.Duration {
	if k >= durationSteps {
		return max
	}
	return time.Duration(int64(max) / durationSteps * int64(k))
}

// SeedExplorer returns an explorer whose draws come from a pseudo-random
// generator seeded with seed (math/rand/v2's PCG): the same seed always
// gives the same choices, so a plain loop over seeds explores, and a seed a
// failing test reports reproduces its run exactly.
//
//	for seed := range uint64(500) {
//		t.Run(fmt.Sprint(seed), func(t *testing.T) {
//			env := testsuite.NewTestWorkflowEnvironment(t)
//			env.SetExplorer(testsuite.SeedExplorer(seed))
//			env.SetFaults(testsuite.Faults{ActivityFailure: 0.2})
//			…
//		})
//	}
//
// Probabilities are exact and durations uniform over thousandths of their
// bound.
func SeedExplorer(seed uint64) Explorer {
	return &seedExplorer{seed: seed, rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))}
}

type seedExplorer struct {
	seed uint64
	rng  *rand.Rand
}

func (x *seedExplorer) Choose(_ string, n int) int { return x.rng.IntN(n) }

func (x *seedExplorer) Duration(_ string, max time.Duration) time.Duration {
	return durationStep(max, x.rng.IntN(durationSteps+1))
}

func (x *seedExplorer) Chance(_ string, p float64) bool { return x.rng.Float64() < p }

func (x *seedExplorer) String() string { return fmt.Sprintf("testsuite.SeedExplorer(%d)", x.seed) }

// RapidExplorer returns an explorer whose choices are draws of the rapid
// check t, so that rapid shrinks a failing run to a minimal schedule (fewer
// faults, shorter latencies, default orders) and its fail file or
// -rapid.seed reproduces it exactly:
//
//	rapid.Check(t, func(t *rapid.T) {
//		env := testsuite.NewTestWorkflowEnvironment(t)
//		env.SetExplorer(testsuite.RapidExplorer(t))
//		env.SetFaults(testsuite.Faults{ActivityFailure: 0.2, ActivityLatency: time.Minute})
//		…
//	})
//
// Choices and durations are rapid's integer draws, which favour small
// values and the ends of their range (no latency, the whole bound); a
// chance is drawn as fair bits compared with p, so it happens with
// probability p and shrinks to not happening.
func RapidExplorer(t *rapid.T) Explorer {
	if t == nil {
		panic("testsuite: RapidExplorer of a nil *rapid.T")
	}
	return &rapidExplorer{t: t, ranges: make(map[int]*rapid.Generator[int])}
}

type rapidExplorer struct {
	t *rapid.T
	// ranges caches a generator per range size: choices repeat them.
	ranges map[int]*rapid.Generator[int]
	bit    *rapid.Generator[bool]
}

func (x *rapidExplorer) intn(label string, n int) int {
	g := x.ranges[n]
	if g == nil {
		g = rapid.IntRange(0, n-1)
		x.ranges[n] = g
	}
	return g.Draw(x.t, label)
}

func (x *rapidExplorer) Choose(label string, n int) int { return x.intn(label, n) }

func (x *rapidExplorer) Duration(label string, max time.Duration) time.Duration {
	return durationStep(max, x.intn(label, durationSteps+1))
}

// chanceBits bounds the fair bits a chance draws: past them, p is resolved
// to 2⁻¹⁶.
const chanceBits = 16

// Chance compares a uniform fraction U = 0.b₁b₂… of fair bits, drawn one at
// a time, with 1-p, and reports U > 1-p: it takes two bits on average, and
// all-zero bits (where rapid shrinks to) mean it did not happen.
func (x *rapidExplorer) Chance(label string, p float64) bool {
	if x.bit == nil {
		x.bit = rapid.Bool()
	}
	q := 1 - p
	for range chanceBits {
		q *= 2
		qbit := q >= 1
		if qbit {
			q--
		}
		if b := x.bit.Draw(x.t, label); b != qbit {
			return b
		}
	}
	return false
}

func (x *rapidExplorer) String() string {
	return "testsuite.RapidExplorer (rapid's report above says how to reproduce the run: -rapid.seed or -rapid.failfile)"
}
