package worker

import (
	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/interceptor"
	"github.com/wfsim/wfsim/internal/logbridge"
	"github.com/wfsim/wfsim/log"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// WorkflowReplayer replays recorded histories against workflow code, to
// check that changed code still makes the decisions the histories record.
// It is Temporal's worker.WorkflowReplayer with *replay.History in place of
// Temporal's history proto; the replay itself is package replay's
// WorkflowReplayer, whose doc lists the errors it returns (a
// *replay.NondeterminismError when the code does not match).
//
// Temporal's RegisterDynamicWorkflow (wfsim has no dynamic workflows) and
// ReplayWorkflowExecution (which fetches a history from a server) are not
// part of it.
type WorkflowReplayer interface {
	// RegisterWorkflow registers a workflow function under its name. It
	// panics if w is not a workflow function or the name is taken.
	RegisterWorkflow(w any)

	// RegisterWorkflowWithOptions registers a workflow function, under
	// options.Name when set. It panics if w is not a workflow function or
	// the name is taken, unless options.DisableAlreadyRegisteredCheck.
	// options.Name aliases the function (see
	// WorkflowReplayerOptions.DisableRegistrationAliasing).
	RegisterWorkflowWithOptions(w any, options workflow.RegisterOptions)

	// ReplayWorkflowHistory replays history against the workflow registered
	// for its type. logger receives the workflow's log output (silent
	// while replaying, as in Temporal); it may be nil.
	ReplayWorkflowHistory(logger log.Logger, history *replay.History) error

	// ReplayWorkflowHistoryWithOptions replays history as
	// ReplayWorkflowHistory does, with options.
	ReplayWorkflowHistoryWithOptions(logger log.Logger, history *replay.History, options ReplayWorkflowHistoryOptions) error

	// ReplayWorkflowHistoryFromJSONFile reads a history in Temporal's JSON
	// format (what `temporal workflow show --output json` writes) and
	// replays it.
	ReplayWorkflowHistoryFromJSONFile(logger log.Logger, jsonfileName string) error

	// ReplayPartialWorkflowHistoryFromJSONFile reads a JSON history and
	// replays its events up to lastEventID, included.
	ReplayPartialWorkflowHistoryFromJSONFile(logger log.Logger, jsonfileName string, lastEventID int64) error
}

// WorkflowReplayerOptions configure NewWorkflowReplayerWithOptions. They are
// the fields of Temporal's worker.WorkflowReplayerOptions whose types wfsim
// has, plus Strict; ContextPropagators, Plugins and ExternalStorage are
// left out.
type WorkflowReplayerOptions struct {
	// DataConverter decodes the history's payloads and encodes the
	// code's. The default is converter.GetDefaultDataConverter().
	DataConverter converter.DataConverter

	// FailureConverter turns the history's failures into the errors the
	// code sees. The default is the default failure converter (over the
	// default data converter, whatever DataConverter is, as in Temporal).
	FailureConverter wfsim.FailureConverter

	// DisableRegistrationAliasing must match the worker that recorded the
	// history, as in Temporal. Unset, a workflow registered under a custom
	// name is also found by its function's name, and a child workflow (or
	// continue-as-new) the code passes as a function takes the custom
	// name; set, functions go by their own names. See
	// replay.WorkflowReplayerOptions.DisableRegistrationAliasing.
	DisableRegistrationAliasing bool

	// EnableLoggingInReplay makes the workflow's logger write while
	// replaying. Accepted, no effect: replayed workflows do not log.
	EnableLoggingInReplay bool

	// DisableDeadlockDetection turns off the one-second limit on workflow
	// code that does not yield, for debugging, as in Temporal; see
	// replay.WorkflowReplayerOptions.DisableDeadlockDetection.
	DisableDeadlockDetection bool

	// Interceptors are the worker's interceptors, as in Temporal. Accepted,
	// no effect: wfsim's interceptors are activity interceptors only, and
	// a replay runs no activities (Temporal's does not either).
	Interceptors []interceptor.WorkerInterceptor

	// Strict also compares what Temporal's replayer ignores (activity
	// inputs, timer durations, how the run ends); see
	// replay.WorkflowReplayerOptions.Strict. Not in Temporal.
	Strict bool
}

// ReplayWorkflowHistoryOptions configure one replay: OriginalExecution sets
// the workflow ID and run ID the code sees, as in Temporal.
type ReplayWorkflowHistoryOptions = replay.ReplayWorkflowHistoryOptions

// NewWorkflowReplayer returns a WorkflowReplayer with default options.
func NewWorkflowReplayer() WorkflowReplayer {
	r, err := NewWorkflowReplayerWithOptions(WorkflowReplayerOptions{})
	if err != nil {
		panic("worker: " + err.Error())
	}
	return r
}

// NewWorkflowReplayerWithOptions returns a WorkflowReplayer with options.
// The error is there to match Temporal's signature; the options wfsim has
// cannot be invalid.
func NewWorkflowReplayerWithOptions(options WorkflowReplayerOptions) (WorkflowReplayer, error) {
	r, err := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{
		DataConverter:               options.DataConverter,
		FailureConverter:            options.FailureConverter,
		Strict:                      options.Strict,
		DisableRegistrationAliasing: options.DisableRegistrationAliasing,
		DisableDeadlockDetection:    options.DisableDeadlockDetection,
	})
	if err != nil {
		return nil, err
	}
	return &replayer{r: r}, nil
}

// replayer is a replay.WorkflowReplayer that takes log.Logger loggers.
type replayer struct {
	r *replay.WorkflowReplayer
}

func (p *replayer) RegisterWorkflow(w any) { p.r.RegisterWorkflow(w) }

func (p *replayer) RegisterWorkflowWithOptions(w any, options workflow.RegisterOptions) {
	p.r.RegisterWorkflowWithOptions(w, options)
}

func (p *replayer) ReplayWorkflowHistory(logger log.Logger, history *replay.History) error {
	return p.r.ReplayWorkflowHistory(logbridge.Slog(logger), history)
}

func (p *replayer) ReplayWorkflowHistoryWithOptions(logger log.Logger, history *replay.History, options ReplayWorkflowHistoryOptions) error {
	return p.r.ReplayWorkflowHistoryWithOptions(logbridge.Slog(logger), history, options)
}

func (p *replayer) ReplayWorkflowHistoryFromJSONFile(logger log.Logger, jsonfileName string) error {
	return p.r.ReplayWorkflowHistoryFromJSONFile(logbridge.Slog(logger), jsonfileName)
}

func (p *replayer) ReplayPartialWorkflowHistoryFromJSONFile(logger log.Logger, jsonfileName string, lastEventID int64) error {
	return p.r.ReplayPartialWorkflowHistoryFromJSONFile(logbridge.Slog(logger), jsonfileName, lastEventID)
}
