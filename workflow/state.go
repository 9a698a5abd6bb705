package workflow

import (
	"context"
	"log/slog"
	"time"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/coro"
	"github.com/wfsim/wfsim/internal/run"
)

// runState is the machinery of one workflow run: its coroutines, its
// commands, its clock as workflow code sees it, and its handlers.
type runState struct {
	start runStart
	dc    converter.DataConverter
	// d runs the run's coroutines and info is what GetInfo returns: in
	// the run's state rather than beside it, as no pointer to them is
	// then needed.
	d    coro.Dispatcher
	info Info
	book commandBook

	now       time.Time
	replaying bool
	// begun is set by the run's first task. (The bools share a word: the
	// run's allocation, with its 8-byte malloc header, stays in the
	// 1792-byte size class.)
	begun bool
	// cancelRequested is set by a WorkflowExecutionCancelRequested event.
	cancelRequested bool
	// completed is set when the workflow function returned.
	completed bool
	// completing says completionCmd holds the command that closes the
	// run, to send with the current task. (A bool here rather than a
	// pointer: the run's allocation stays in its size class.)
	completing bool
	// ctxDC is set once WithDataConverter was called, or from the start
	// when the run's converter is ContextAware: only then do payloads look
	// for a converter on their Context (data_converter.go).
	ctxDC bool
	// sessions is set once the run creates a session: only then does
	// ExecuteActivity look for one on its context (session.go).
	sessions bool
	// flags are the SDK flags the history recorded so far, sorted: on
	// from the task whose completion recorded them (flags.go).
	flags []uint32
	// usedFlags are the SDK flags the run's code used, sorted, which the
	// simulator records (flags.go: tryFlag).
	usedFlags []uint32
	// applying is the ID of the history event being applied, 0 while
	// workflow code runs; it locates an IllegalStateError.
	applying int64

	root *cancelContext
	// completionCmd holds the completion, in the run's allocation. Until
	// the run completes, it is also the first room of the commands a task
	// returns for reuse (run.Task.ReuseCommands; see ProcessTask): most
	// tasks return one command, and the caller is done with them before
	// the next task, in which the run may complete.
	completionCmd [1]run.Command
	// spareTimer is a fired Sleep's timer, which the next Sleep reuses.
	spareTimer *timer
	// sleepSummary is the summary every Sleep's timer carries, encoded
	// once (sleepSummaryPayload).
	sleepSummary *converter.Payload

	// channelSeq and localSeq count channels and local activities: int32
	// each, side by side, keep the run's one allocation (see instance)
	// in its size class.
	channelSeq int32
	localSeq   int32
	// firstFlag and firstUsedFlag hold flags and usedFlags while they have
	// one flag, as a run's usually do (flag 3, from the start): no
	// allocation for it.
	firstFlag, firstUsedFlag [1]uint32
	// funcNames remembers the names of the functions the run named.
	funcNames funcNames
	log       *slog.Logger // nil until logger is first called
	// startLogger is run.Start's Logger, nil for none (a silent one).
	startLogger *slog.Logger

	// rare holds the state of features many runs never use (queries,
	// updates, versions, side effects, local activities, …), made on
	// first use (rare_state.go); extras what few runs use
	// (last_completion.go), made on first use too.
	rare   *rareState
	extras *runExtras
}

// runStart is what a run keeps of its run.Start: the rest goes into Info
// or is used as the run starts. Keeping the whole run.Start (312 bytes)
// put the run's one allocation (see instance) in a larger size class. The
// workflow ID and type are read from Info, which holds them too (as
// Temporal's SDK gives a local activity its workflow info's); the run ID is
// kept, as Info's changes at a reset, and the task queue, which activities
// and sessions default to as the run started (Temporal's SDK puts it in
// the root context's options then), whatever code does to GetInfo's.
type runStart struct {
	RunID, TaskQueue string
	Driver           run.Driver
}

// initFrom sets up s, fresh (zero), for the run start describes, with the
// data converter dc: what an instance and a detached context share. Field
// by field, as assigning composite literals would copy them in whole, with
// a write barrier over every pointer word while the GC marks.
func (s *runState) initFrom(start *run.Start, dc converter.DataConverter) {
	s.start.RunID, s.start.TaskQueue, s.start.Driver = start.RunID, start.TaskQueue, start.Driver
	s.dc, s.now = dc, start.StartTime
	if _, ok := dc.(ContextAware); ok {
		s.ctxDC = true // its payloads are tailored to their Context (dcOf)
	}
	s.setFailureConverter(start.FailureConverter)
	s.extras = newRunExtras(start)
	fillInfo(&s.info, start)
	s.startLogger = start.Logger
}

func (s *runState) nextChannelID() int {
	s.channelSeq++
	return int(s.channelSeq)
}

// logger returns the run's logger, which is silent while replaying.
// logger returns the run's logger, built on first use: most runs never log,
// and building it costs several allocations.
func (s *runState) logger() *slog.Logger {
	if s.log == nil {
		h := slog.Handler(discardHandler{})
		if s.startLogger != nil {
			h = s.startLogger.Handler()
		}
		s.log = slog.New(replayAwareHandler{h, s}).With("WorkflowType", s.info.WorkflowType.Name, "WorkflowID", s.info.WorkflowExecution.ID, "RunID", s.start.RunID)
	}
	return s.log
}

// replayAwareHandler drops records while the run replays history, so a
// workflow's log lines appear once, when they first happen.
type replayAwareHandler struct {
	slog.Handler
	s *runState
}

func (h replayAwareHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return !h.s.replaying && h.Handler.Enabled(ctx, l)
}

func (h replayAwareHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return replayAwareHandler{h.Handler.WithAttrs(attrs), h.s}
}

func (h replayAwareHandler) WithGroup(name string) slog.Handler {
	return replayAwareHandler{h.Handler.WithGroup(name), h.s}
}

// discardHandler is a slog.Handler that drops everything.
type discardHandler struct{}

func (discardHandler) Enabled(context.Context, slog.Level) bool  { return false }
func (discardHandler) Handle(context.Context, slog.Record) error { return nil }
func (d discardHandler) WithAttrs([]slog.Attr) slog.Handler      { return d }
func (d discardHandler) WithGroup(string) slog.Handler           { return d }
