package replay

import (
	"fmt"
	"log/slog"
	"reflect"
	"sort"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/workflow"
)

// The identity Temporal's replayer gives the run it replays.
const (
	replayNamespace  = "ReplayNamespace"
	replayWorkflowID = "ReplayId"
	replayTaskQueue  = "ReplayTaskQueue"
	// replayRunID stands in for the run ID when the history records none
	// (Temporal's replayer draws a random one; wfsim never does).
	replayRunID = "ReplayRunId"
)

// WorkflowReplayer replays recorded histories against workflow code, to
// check that the code still makes the decisions the history records. It
// mirrors the WorkflowReplayer of Temporal's Go SDK and by default accepts
// and rejects exactly the histories Temporal's does; see
// WorkflowReplayerOptions.Strict for a stricter comparison.
//
// Register the workflow functions, then replay any number of histories. A
// WorkflowReplayer may be used by several goroutines once registration is
// done.
//
// Replay follows Temporal's replayer step by step: it checks the history's
// shape, finds the workflow by the history's workflow type, cuts the
// history into workflow tasks (a failed or timed-out task attempt folds
// into the next), feeds each task's events to the workflow code and
// collects the commands it issues, then walks the commands and the
// history's command events side by side, and finally checks that a run
// the history completes (or continues as new) was completed (continued) by
// the code. Its errors:
//
//   - *NondeterminismError: the code does not do what the history records,
//     either found by the walk or reported by the workflow machinery when
//     an event refers to a command the code did not issue.
//   - *HistoryError (wrapping ErrEmptyHistory, ErrShortHistory,
//     ErrFirstEvent, ErrAttributes, ErrEventIDs or ErrUnknownEventType)
//     and *FileError: the history cannot be replayed as it is.
//   - *UnknownWorkflowTypeError: no workflow is registered for the
//     history's type.
//   - *UnknownSDKFlagError: the history needs SDK behaviour this replayer
//     does not know.
//   - *PanicError: the workflow code panicked, or ran for over a second
//     of real time without yielding (a loop that never blocks, or code
//     stuck on a Go channel or a mutex): its Value is then Temporal's
//     text, "[TMPRL1101] Potential deadlock detected: workflow goroutine
//     "root" didn't yield for over 1s" (see DisableDeadlockDetection).
type WorkflowReplayer struct {
	opts WorkflowReplayerOptions
	// The registered workflows by name: the first apart, since most
	// replayers hold one and a map costs two allocations; the others in
	// workflows.
	firstName string
	first     any
	workflows map[string]any
	// dynamic runs the types no function is registered for (dynamic.go).
	dynamic any
	// aliases are the custom names workflows were registered under, nil
	// for none (aliases.go).
	aliases *run.Aliases
}

// WorkflowReplayerOptions configure a WorkflowReplayer.
type WorkflowReplayerOptions struct {
	// DataConverter decodes the history's payloads (the workflow's input,
	// activity results, signals) and encodes the code's. The default is
	// converter.GetDefaultDataConverter().
	DataConverter converter.DataConverter

	// FailureConverter turns the history's failures into the errors the
	// code sees, and the code's errors into failures. The default is the
	// default failure converter, over the default data converter whatever
	// DataConverter is, as a Temporal worker's.
	FailureConverter wfsim.FailureConverter

	// Strict makes replay also compare what Temporal's replayer ignores:
	// the input and task queue of each activity, the duration of each
	// timer, and how the run ends (the result of a completed workflow, and
	// whether the code fails or cancels the run when the history does).
	// A difference is a *NondeterminismError whose Strict field is set.
	// Payloads are compared as encoded: with a codec that encodes the same
	// value differently each time (encryption with a random nonce), strict
	// replay reports inputs and results as different.
	Strict bool

	// ContextPropagators extract the history's start header into the
	// workflow's context and inject into the headers of its commands, as
	// the worker's did (headers are not compared). Workflow code that
	// reads propagated values needs the same propagators to replay.
	ContextPropagators []workflow.ContextPropagator

	// DisableRegistrationAliasing must be what the recording worker had
	// (Temporal's worker.Options.DisableRegistrationAliasing). Unset, a
	// workflow registered under a custom name is also found by its
	// function's name, and children and continue-as-new the code starts by
	// function take the custom name. Set, functions go by their own names.
	DisableRegistrationAliasing bool

	// DisableDeadlockDetection turns off the check that fails a replay
	// whose workflow code runs for over a second of real time without
	// yielding (a *PanicError with Temporal's "[TMPRL1101] Potential
	// deadlock detected" text), as Temporal's option does: for stepping
	// through the code in a debugger.
	DisableDeadlockDetection bool
}

// ReplayWorkflowHistoryOptions configure one replay.
type ReplayWorkflowHistoryOptions struct {
	// OriginalExecution is the workflow ID and run ID the workflow code
	// sees (workflow.GetInfo). By default the workflow ID is "ReplayId"
	// and the run ID is the history's originalExecutionRunId, as in
	// Temporal's replayer. Default child workflow IDs and random streams
	// (workflow.GetRandomStream) derive from the history's
	// originalExecutionRunId whatever the run ID given, as in Temporal's.
	OriginalExecution workflow.WorkflowExecution
}

// NewWorkflowReplayer returns a replayer with default options.
func NewWorkflowReplayer() *WorkflowReplayer {
	r, _ := NewWorkflowReplayerWithOptions(WorkflowReplayerOptions{})
	return r
}

// NewWorkflowReplayerWithOptions returns a replayer with the given
// options. The error is always nil today; it is there to match Temporal's
// signature, whose options can be invalid.
func NewWorkflowReplayerWithOptions(opts WorkflowReplayerOptions) (*WorkflowReplayer, error) {
	if opts.DataConverter == nil {
		opts.DataConverter = converter.GetDefaultDataConverter()
	}
	return &WorkflowReplayer{opts: opts}, nil
}

var workflowContextType = reflect.TypeFor[workflow.Context]()

// RegisterWorkflow registers a workflow function under its name (the
// function's name without its package). It panics if w is not a workflow
// function or the name is taken.
func (r *WorkflowReplayer) RegisterWorkflow(w any) {
	r.RegisterWorkflowWithOptions(w, workflow.RegisterOptions{})
}

// RegisterWorkflowWithOptions registers a workflow function, under
// opts.Name when it is set. It panics if w is not a workflow function or
// the name is taken and opts.DisableAlreadyRegisteredCheck is not set.
// A custom name is also an alias of the function's name, unless
// WorkflowReplayerOptions.DisableRegistrationAliasing: a history of the
// function's name replays it, and a child started by the function takes
// the custom name.
func (r *WorkflowReplayer) RegisterWorkflowWithOptions(w any, opts workflow.RegisterOptions) {
	fn.Check("replay", "workflow", w, workflowContextType)
	name := opts.Name
	if name == "" {
		name = fn.Name(w)
	}
	if _, dup := r.workflow(name); dup && !opts.DisableAlreadyRegisteredCheck {
		panic(fmt.Sprintf("replay: workflow name %q is already registered", name))
	}
	switch {
	case r.first == nil || name == r.firstName:
		r.firstName, r.first = name, w
	default:
		if r.workflows == nil {
			r.workflows = make(map[string]any)
		}
		r.workflows[name] = w
	}
	// (fn.Name is costly: not asked for when aliasing is off.)
	if opts.Name != "" && !r.opts.DisableRegistrationAliasing {
		r.addAlias(fn.Name(w), opts.Name)
	}
}

// workflow returns the workflow registered under name.
func (r *WorkflowReplayer) workflow(name string) (any, bool) {
	if r.first != nil && name == r.firstName {
		return r.first, true
	}
	w, ok := r.workflows[name]
	return w, ok
}

// registered returns the registered workflow names, sorted.
func (r *WorkflowReplayer) registered() []string {
	names := make([]string, 0, 1+len(r.workflows))
	if r.first != nil {
		names = append(names, r.firstName)
	}
	for n := range r.workflows {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ReplayWorkflowHistory replays a history against the registered workflow
// of its type. It returns nil when the code makes the decisions the
// history records, a *NondeterminismError when it does not, and another
// error when the history cannot be replayed (see WorkflowReplayer).
// logger receives the workflow's log output, which is
// silent while replaying; it may be nil.
func (r *WorkflowReplayer) ReplayWorkflowHistory(logger *slog.Logger, h *History) error {
	return r.ReplayWorkflowHistoryWithOptions(logger, h, ReplayWorkflowHistoryOptions{})
}

// ReplayWorkflowHistoryWithOptions replays a history as
// ReplayWorkflowHistory does, with options.
func (r *WorkflowReplayer) ReplayWorkflowHistoryWithOptions(logger *slog.Logger, h *History, opts ReplayWorkflowHistoryOptions) error {
	return r.replay(logger, h, opts)
}

// ReplayWorkflowHistoryFromJSONFile reads a history in Temporal's JSON
// format (see ReadHistory) and replays it.
func (r *WorkflowReplayer) ReplayWorkflowHistoryFromJSONFile(logger *slog.Logger, path string) error {
	return r.ReplayPartialWorkflowHistoryFromJSONFile(logger, path, 0)
}

// ReplayPartialWorkflowHistoryFromJSONFile reads a history in Temporal's
// JSON format and replays its events up to lastEventID, included; 0 means
// all of them. A history cut this way usually ends in the middle of the
// run, so its last workflow task's commands are not compared, as in
// Temporal's replayer.
func (r *WorkflowReplayer) ReplayPartialWorkflowHistoryFromJSONFile(logger *slog.Logger, path string, lastEventID int64) error {
	h, err := ReadHistoryFile(path)
	if err != nil {
		return err
	}
	if lastEventID > 0 {
		for i, e := range h.Events {
			if e.EventID == lastEventID {
				h = &History{Events: h.Events[:i+1]}
				break
			}
		}
	}
	return r.replay(logger, h, ReplayWorkflowHistoryOptions{})
}
