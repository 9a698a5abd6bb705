package testsuite

import (
	"fmt"
	"strconv"
	"strings"
)

// The IDs the simulated server hands out, numbered in the order it hands
// them out: task IDs of events, request IDs of started events, run IDs.

func (e *environment) nextTaskID() int64 {
	e.taskSeq++
	return e.taskSeq
}

// nextRequestID returns the next request ID: "request-1", "request-2", ….
func (e *environment) nextRequestID() string {
	if e.requestAt == len(e.requestIDs) {
		e.makeRequestIDs()
	}
	e.requestNext++
	// An index into the batch rather than reslicing it: taking an ID
	// then writes no pointer into the environment, which would cost a
	// write barrier while the GC runs.
	at := e.requestAt
	e.requestAt += len("request-") + decimalLen(e.requestNext)
	return e.requestIDs[at:e.requestAt]
}

// skipRequestID takes the next request ID as nextRequestID does, and
// returns its number only, for an event whose attributes are made later
// (lazy_task_attrs.go): without a batch built ahead, none is built.
func (e *environment) skipRequestID() int64 {
	e.requestNext++
	if e.requestAt == len(e.requestIDs) {
		e.requestSeq++ // the next batch starts after it
		return e.requestNext
	}
	e.requestAt += len("request-") + decimalLen(e.requestNext)
	return e.requestNext
}

// requestIDBatch is how many request IDs share one allocation, at most.
const requestIDBatch = 16

// makeRequestIDs builds the next batch of request IDs, one after the other
// in one string that nextRequestID cuts them from: a started event costs no
// allocation of its own. The first batch is of 4, so that a short run (two
// workflow tasks and an activity) builds few it does not use.
func (e *environment) makeRequestIDs() {
	n := requestIDBatch
	if e.requestSeq == 0 {
		n = 4
	}
	// The digits of each ID are the last one's, counted up in place: a
	// full decimal conversion per ID cost more than the rest of the batch.
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], e.requestSeq+1, 10)
	var b strings.Builder
	b.Grow(n * (len("request-") + decimalLen(e.requestSeq+int64(n))))
	for range n {
		e.requestSeq++
		b.WriteString("request-")
		b.Write(d)
		d = countUp(d)
	}
	e.requestIDs, e.requestAt = b.String(), 0
}

// countUp returns the decimal digits d of a number >= 0 plus one, in d's
// memory, which has room for one digit more.
func countUp(d []byte) []byte {
	for i := len(d) - 1; i >= 0; i-- {
		if d[i] != '9' {
			d[i]++
			return d
		}
		d[i] = '0'
	}
	// All nines: a one and as many zeros.
	d = append(d, '0')
	d[0] = '1'
	return d
}

// decimalLen is the number of decimal digits of n >= 0.
func decimalLen(n int64) int {
	l := 1
	for ; n >= 10; n /= 10 {
		l++
	}
	return l
}

// defaultTestRunID is the run ID of the workflow under test, the first run
// ExecuteWorkflow starts: Temporal's test environment names it so, and
// tests ported from it compare errors and infos that quote it. Every other
// run is "run-N", numbered in start order, N from 2.
const defaultTestRunID = "default-test-run-id"

// rootRunID is the run ID of a run ExecuteWorkflow starts: defaultTestRunID
// for the environment's first run, which the workflow under test always is
// (nothing starts a run before ExecuteWorkflow), so no other run is run 1.
func (e *environment) rootRunID() string {
	if e.runSeq == 0 {
		e.runSeq++
		return defaultTestRunID
	}
	return e.nextRunID()
}

// tokenKey names the run in its activities' task tokens: the run ID, but
// for defaultTestRunID, which is longer than the token buffer of an
// activity task (activityTask.tokenBuf) and is always run 1.
func (r *workflowRun) tokenKey() string {
	if r.runID == defaultTestRunID {
		return "run-1"
	}
	return r.runID
}

func (e *environment) nextRunID() string {
	e.runSeq++
	return fmt.Sprintf("run-%d", e.runSeq)
}

// peekRunID is the run ID nextRunID returns next.
func (e *environment) peekRunID() string { return fmt.Sprintf("run-%d", e.runSeq+1) }
