package workflow

import (
	"crypto/sha256"
	"encoding/binary"
	"io"
	"math/rand/v2"
)

// WorkflowRandomStream is a deterministic stream of random bits for workflow
// code, as Temporal's workflow.WorkflowRandomStream: a rand.Source (so
// rand.New(stream) gives a *rand.Rand) and an io.Reader. GetRandomStream
// returns one.
type WorkflowRandomStream interface {
	rand.Source
	io.Reader
}

// randomSeedVersion is mixed into every stream's seed. It is the value of
// Temporal's SDK: streams are bit for bit the SDK's, so a history recorded by
// a Temporal worker whose code branched on them replays here.
const randomSeedVersion = "temporal.sdk.random.v1"

// GetRandomStream returns the run's random stream called name, as
// Temporal's workflow.GetRandomStream. The values depend only on the run's
// ID and on name, so they are the same when the run replays, and a workflow
// may branch on them without recording them (unlike SideEffect, nothing
// goes in the history).
//
// Each name has one stream per run: a second call with the same name returns
// the same stream, which goes on where it stopped; streams of different names
// are independent. The run ID is the one Temporal's SDK uses: the
// originalExecutionRunId of the run's WorkflowExecutionStarted event, which
// is the run's own ID for a new run, a continued-as-new run, a retry, a cron
// run or a child; a run reset from another keeps that run's ID until the
// history's reset point (a WorkflowTaskFailed event of cause ResetWorkflow),
// where every stream is reseeded with the new run's ID. So the values of a
// history recorded by a Temporal worker come again when it replays here.
// (Package testsuite names the workflow under test's run
// "default-test-run-id", as Temporal's test environment does, so a ported
// test draws the values it drew there; other runs are "run-2", "run-3", ….)
//
// Use it for values that need not be secret, e.g. jitter or choosing a
// shard: rand.New(workflow.GetRandomStream(ctx, "jitter")).IntN(10). As in
// Temporal's SDK, reading a stream from a query handler advances it, which
// the next workflow task then sees: don't.
func GetRandomStream(ctx Context, name string) WorkflowRandomStream {
	s := getState(ctx)
	x := s.moreForWrite()
	if r, ok := x.randoms[name]; ok {
		return r
	}
	if x.randoms == nil {
		x.randoms = make(map[string]*randomStream)
	}
	r := &randomStream{src: rand.NewChaCha8(randomSeed(s.currentRunID(), name))}
	x.randoms[name] = r
	return r
}

// currentRunID is the run ID Temporal's SDK derives child workflow IDs and
// random streams from: the originalExecutionRunId of the run's
// WorkflowExecutionStarted event (Info.OriginalRunID), then, past a reset
// point, the new run's ID (Info.WorkflowExecution.RunID, which the reset
// point sets).
func (s *runState) currentRunID() string {
	if x := s.moreOf(); x != nil && x.pastReset {
		return s.info.WorkflowExecution.RunID
	}
	return s.info.OriginalRunID
}

// randomSeed is the seed of the stream name of run runID: a SHA-256 of the
// seed version, the run ID and the name, separated by NUL bytes so that no
// two (runID, name) pairs give the same text.
func randomSeed(runID, name string) [32]byte {
	return sha256.Sum256([]byte(randomSeedVersion + "\x00" + runID + "\x00" + name))
}

// reseedRandoms restarts every stream of the run with the seed of runID, in
// place, so that streams workflow code holds follow (a reset).
func (s *runState) reseedRandoms(runID string) {
	x := s.moreOf()
	if x == nil {
		return
	}
	for name, r := range x.randoms {
		r.src.Seed(randomSeed(runID, name))
	}
}

// randomStream is a WorkflowRandomStream. Workflow code reaches only its
// two methods, never the generator, which other code of the run may share
// by name and must not see reseeded. Uint64 draws its eight bytes through
// Read, as Temporal's SDK (v1.51) does, so that any mix of the two calls
// yields the values it yields there.
type randomStream struct {
	src *rand.ChaCha8
}

// Uint64 returns the next 8 bytes of the stream, little-endian.
func (r *randomStream) Uint64() uint64 {
	var b [8]byte
	_, _ = r.src.Read(b[:]) // never fails
	return binary.LittleEndian.Uint64(b[:])
}

// Read fills p with the next len(p) bytes of the stream; it never fails.
func (r *randomStream) Read(p []byte) (int, error) { return r.src.Read(p) }
