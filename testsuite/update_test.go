package testsuite_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Account takes deposits by update (each takes a minute of work) until
// the "close" signal, then waits for the deposits in progress and returns
// the balance.
func Account(ctx workflow.Context) (int, error) {
	balance := 0
	err := workflow.SetUpdateHandlerWithOptions(ctx, "deposit", func(ctx workflow.Context, amount int) (int, error) {
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return 0, err
		}
		balance += amount
		return balance, nil
	}, workflow.UpdateHandlerOptions{Validator: func(amount int) error {
		if amount <= 0 {
			return fmt.Errorf("amount must be positive, got %d", amount)
		}
		return nil
	}})
	if err != nil {
		return 0, err
	}
	workflow.GetSignalChannel(ctx, "close").Receive(ctx, nil)
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return 0, err
	}
	return balance, nil
}

// updateLog records the callbacks of updates with the virtual time.
type updateLog struct {
	env   *testsuite.TestWorkflowEnvironment
	lines []string
}

func (l *updateLog) callbacks(name string) *testsuite.TestUpdateCallback {
	at := func() string { return l.env.Now().Sub(testsuite.DefaultStartTime).String() }
	return &testsuite.TestUpdateCallback{
		OnAccept: func() { l.lines = append(l.lines, fmt.Sprintf("%s %s accepted", at(), name)) },
		OnReject: func(err error) { l.lines = append(l.lines, fmt.Sprintf("%s %s rejected: %v", at(), name, err)) },
		OnComplete: func(v any, err error) {
			l.lines = append(l.lines, fmt.Sprintf("%s %s completed: %v %v", at(), name, v, err))
		},
	}
}

// accountStart and accountClose are the events of an Account run that
// takes no update and is closed at 2h.
var (
	accountStart = []string{
		"0s WorkflowExecutionStarted", "0s WorkflowTaskScheduled", "0s WorkflowTaskStarted", "0s WorkflowTaskCompleted",
	}
	accountClose = []string{
		"2h0m0s WorkflowExecutionSignaled close", "2h0m0s WorkflowTaskScheduled", "2h0m0s WorkflowTaskStarted",
		"2h0m0s WorkflowTaskCompleted", "2h0m0s WorkflowExecutionCompleted",
	}
)

func concat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestUpdates(t *testing.T) {
	t.Parallel()
	accepted := []string{
		"1h0m0s WorkflowTaskScheduled", "1h0m0s WorkflowTaskStarted", "1h0m0s WorkflowTaskCompleted",
		"1h0m0s WorkflowExecutionUpdateAccepted d1", "1h0m0s TimerStarted 9",
		"1h1m0s TimerFired 9", "1h1m0s WorkflowTaskScheduled", "1h1m0s WorkflowTaskStarted", "1h1m0s WorkflowTaskCompleted",
		"1h1m0s WorkflowExecutionUpdateCompleted d1",
	}
	tests := []struct {
		name    string
		send    func(env *testsuite.TestWorkflowEnvironment, log *updateLog)
		balance int
		log     []string
		events  []string
	}{
		{
			name: "accepted, then completed a minute later",
			send: func(env *testsuite.TestWorkflowEnvironment, log *updateLog) {
				env.RegisterDelayedCallback(func() { env.UpdateWorkflow("deposit", "d1", log.callbacks("d1"), 10) }, time.Hour)
			},
			balance: 10,
			log:     []string{"1h0m0s d1 accepted", "1h1m0s d1 completed: 10 <nil>"},
			events:  concat(accountStart, accepted, accountClose),
		},
		{
			name: "rejected by the validator: no trace in the history",
			send: func(env *testsuite.TestWorkflowEnvironment, log *updateLog) {
				env.RegisterDelayedCallback(func() { env.UpdateWorkflow("deposit", "d1", log.callbacks("d1"), -5) }, time.Hour)
			},
			log:    []string{"1h0m0s d1 rejected: amount must be positive, got -5"},
			events: concat(accountStart, accountClose),
		},
		{
			name: "rejected for an argument of the wrong type",
			send: func(env *testsuite.TestWorkflowEnvironment, log *updateLog) {
				env.RegisterDelayedCallback(func() { env.UpdateWorkflow("deposit", "d1", log.callbacks("d1"), "ten") }, time.Hour)
			},
			log:    []string{`1h0m0s d1 rejected: update "deposit": argument 1: the function takes int, got json/plain "ten": unable to decode json/plain payload into *int: json: cannot unmarshal string into Go value of type int`},
			events: concat(accountStart, accountClose),
		},
		{
			name: "rejected for an unknown name",
			send: func(env *testsuite.TestWorkflowEnvironment, log *updateLog) {
				env.RegisterDelayedCallback(func() { env.UpdateWorkflow("withdraw", "w1", log.callbacks("w1"), 10) }, time.Hour)
			},
			log:    []string{"1h0m0s w1 rejected: unknown update withdraw. KnownUpdates=[deposit]"},
			events: concat(accountStart, accountClose),
		},
		{
			name: "duplicate IDs: one update, every sender gets its outcome",
			send: func(env *testsuite.TestWorkflowEnvironment, log *updateLog) {
				env.RegisterDelayedCallback(func() {
					env.UpdateWorkflow("deposit", "d1", log.callbacks("first"), 10)
					env.UpdateWorkflow("deposit", "d1", log.callbacks("second"), 10)
				}, time.Hour)
				env.RegisterDelayedCallback(func() { env.UpdateWorkflow("deposit", "d1", log.callbacks("late"), 99) }, 90*time.Minute)
			},
			balance: 10,
			log: []string{
				"1h0m0s first accepted", "1h0m0s second accepted",
				"1h1m0s first completed: 10 <nil>", "1h1m0s second completed: 10 <nil>",
				"1h30m0s late accepted", "1h30m0s late completed: 10 <nil>",
			},
			events: concat(accountStart, accepted, accountClose),
		},
		{
			name: "a resent ID is answered after the sender returns",
			send: func(env *testsuite.TestWorkflowEnvironment, log *updateLog) {
				env.RegisterDelayedCallback(func() { env.UpdateWorkflow("deposit", "d1", log.callbacks("first"), 10) }, time.Hour)
				env.RegisterDelayedCallback(func() {
					env.UpdateWorkflow("deposit", "d1", log.callbacks("while accepted"), 10)
					log.lines = append(log.lines, "1h0m30s sent while accepted")
				}, time.Hour+30*time.Second)
				env.RegisterDelayedCallback(func() {
					env.UpdateWorkflow("deposit", "d1", log.callbacks("once completed"), 10)
					log.lines = append(log.lines, "1h30m0s sent once completed")
				}, 90*time.Minute)
			},
			balance: 10,
			log: []string{
				"1h0m0s first accepted", "1h0m30s sent while accepted", "1h0m30s while accepted accepted",
				"1h1m0s first completed: 10 <nil>", "1h1m0s while accepted completed: 10 <nil>",
				"1h30m0s sent once completed", "1h30m0s once completed accepted", "1h30m0s once completed completed: 10 <nil>",
			},
			events: concat(accountStart, accepted, accountClose),
		},
		{
			name: "a rejected ID may be used again",
			send: func(env *testsuite.TestWorkflowEnvironment, log *updateLog) {
				env.RegisterDelayedCallback(func() { env.UpdateWorkflow("deposit", "d1", log.callbacks("bad"), 0) }, 30*time.Minute)
				env.RegisterDelayedCallback(func() { env.UpdateWorkflow("deposit", "d1", log.callbacks("good"), 10) }, time.Hour)
			},
			balance: 10,
			log: []string{
				"30m0s bad rejected: amount must be positive, got 0",
				"1h0m0s good accepted", "1h1m0s good completed: 10 <nil>",
			},
			events: concat(accountStart, accepted, accountClose),
		},
		{
			name: "rejected with a signal in the same task: the task stays, the update leaves no trace",
			send: func(env *testsuite.TestWorkflowEnvironment, log *updateLog) {
				env.RegisterDelayedCallback(func() {
					env.SignalWorkflow("other", nil)
					env.UpdateWorkflow("deposit", "d1", log.callbacks("d1"), -1)
				}, time.Hour)
			},
			log: []string{"1h0m0s d1 rejected: amount must be positive, got -1"},
			events: concat(accountStart, []string{
				"1h0m0s WorkflowExecutionSignaled other", "1h0m0s WorkflowTaskScheduled", "1h0m0s WorkflowTaskStarted", "1h0m0s WorkflowTaskCompleted",
			}, accountClose),
		},
		{
			name: "before ExecuteWorkflow: with the start, waiting for its handler",
			send: func(env *testsuite.TestWorkflowEnvironment, log *updateLog) {
				env.UpdateWorkflow("deposit", "d0", log.callbacks("d0"), 5)
			},
			balance: 5,
			log:     []string{"0s d0 accepted", "1m0s d0 completed: 5 <nil>"},
			events: []string{
				"0s WorkflowExecutionStarted", "0s WorkflowTaskScheduled", "0s WorkflowTaskStarted", "0s WorkflowTaskCompleted",
				"0s WorkflowExecutionUpdateAccepted d0", "0s TimerStarted 6",
				"1m0s TimerFired 6", "1m0s WorkflowTaskScheduled", "1m0s WorkflowTaskStarted", "1m0s WorkflowTaskCompleted",
				"1m0s WorkflowExecutionUpdateCompleted d0",
				"2h0m0s WorkflowExecutionSignaled close", "2h0m0s WorkflowTaskScheduled", "2h0m0s WorkflowTaskStarted",
				"2h0m0s WorkflowTaskCompleted", "2h0m0s WorkflowExecutionCompleted",
			},
		},
		{
			name: "an empty ID is generated",
			send: func(env *testsuite.TestWorkflowEnvironment, log *updateLog) {
				env.RegisterDelayedCallback(func() { env.UpdateWorkflow("deposit", "", log.callbacks("anon"), 1) }, time.Hour)
			},
			balance: 1,
			log:     []string{"1h0m0s anon accepted", "1h1m0s anon completed: 1 <nil>"},
			events: concat(accountStart, []string{
				"1h0m0s WorkflowTaskScheduled", "1h0m0s WorkflowTaskStarted", "1h0m0s WorkflowTaskCompleted",
				"1h0m0s WorkflowExecutionUpdateAccepted update-1", "1h0m0s TimerStarted 9",
				"1h1m0s TimerFired 9", "1h1m0s WorkflowTaskScheduled", "1h1m0s WorkflowTaskStarted", "1h1m0s WorkflowTaskCompleted",
				"1h1m0s WorkflowExecutionUpdateCompleted update-1",
			}, accountClose),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			log := &updateLog{env: env}
			tt.send(env, log)
			env.RegisterDelayedCallback(func() { env.SignalWorkflow("close", nil) }, 2*time.Hour)
			env.ExecuteWorkflow(Account)
			var balance int
			require.NoError(t, env.GetWorkflowResult(&balance))
			assert.Equal(t, tt.balance, balance)
			assert.Equal(t, tt.log, log.lines)
			assert.Equal(t, tt.events, msgEvents(env.History()))
		})
	}
}

func TestUpdateEventAttributes(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterDelayedCallback(func() { env.UpdateWorkflowNoRejection("deposit", "d1", t, 10) }, time.Hour)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("close", nil) }, 2*time.Hour)
	env.ExecuteWorkflow(Account)
	require.NoError(t, env.GetWorkflowError())
	h := env.History()
	acc := h.Events[8-1]
	require.NotNil(t, acc.GetWorkflowExecutionUpdateAcceptedEventAttributes(), acc.EventType.String())
	a := acc.GetWorkflowExecutionUpdateAcceptedEventAttributes()
	assert.Equal(t, "d1", a.ProtocolInstanceID)
	assert.Equal(t, "d1/request", a.AcceptedRequestMessageID)
	assert.Equal(t, int64(5), a.AcceptedRequestSequencingEventID, "the event before the task's WorkflowTaskStarted")
	assert.Equal(t, "deposit", a.AcceptedRequest.Input.Name)
	assert.Equal(t, "d1", a.AcceptedRequest.Meta.UpdateID)
	done := h.Events[len(h.Events)-6]
	require.NotNil(t, done.GetWorkflowExecutionUpdateCompletedEventAttributes(), done.EventType.String())
	c := done.GetWorkflowExecutionUpdateCompletedEventAttributes()
	assert.Equal(t, int64(8), c.AcceptedEventID)
	assert.Equal(t, "d1", c.Meta.UpdateID)
	assert.Nil(t, c.Outcome.Failure)
	require.Len(t, c.Outcome.Success.GetPayloads(), 1)
	assert.Equal(t, "10", string(c.Outcome.Success.Payloads[0].Data))
}

// Ordered logs whether an update handler runs before the workflow's own
// code, woken at the same instant.
func Ordered(ctx workflow.Context) ([]string, error) {
	var log []string
	if err := workflow.SetUpdateHandler(ctx, "note", func(ctx workflow.Context) error {
		info := workflow.GetCurrentUpdateInfo(ctx)
		log = append(log, fmt.Sprintf("%v update %s %s", sinceStart(ctx), info.Name, info.ID))
		return nil
	}); err != nil {
		return nil, err
	}
	if err := workflow.Sleep(ctx, time.Hour); err != nil {
		return nil, err
	}
	log = append(log, fmt.Sprintf("%v root (update info %v)", sinceStart(ctx), workflow.GetCurrentUpdateInfo(ctx)))
	return log, nil
}

func TestUpdateHandlersRunBeforeTheWorkflowGoesOn(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterDelayedCallback(func() { env.UpdateWorkflowNoRejection("note", "n1", t) }, time.Hour)
	env.ExecuteWorkflow(Ordered)
	var log []string
	require.NoError(t, env.GetWorkflowResult(&log))
	assert.Equal(t, []string{"1h0m0s update note n1", "1h0m0s root (update info <nil>)"}, log)
	assert.Equal(t, []string{
		"0s WorkflowExecutionStarted", "0s WorkflowTaskScheduled", "0s WorkflowTaskStarted", "0s WorkflowTaskCompleted",
		"0s TimerStarted 5",
		"1h0m0s WorkflowTaskScheduled", "1h0m0s TimerFired 5", "1h0m0s WorkflowTaskStarted", "1h0m0s WorkflowTaskCompleted",
		"1h0m0s WorkflowExecutionUpdateAccepted n1", "1h0m0s WorkflowExecutionUpdateCompleted n1", "1h0m0s WorkflowExecutionCompleted",
	}, msgEvents(env.History()))
}

// Impatient returns after an hour whatever its update handlers do.
func Impatient(ctx workflow.Context) error {
	if err := workflow.SetUpdateHandler(ctx, "slow", func(ctx workflow.Context) (string, error) {
		return "done", workflow.Sleep(ctx, 24*time.Hour)
	}); err != nil {
		return err
	}
	return workflow.Sleep(ctx, time.Hour)
}

func TestUpdateAbandonedWhenTheWorkflowCloses(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	log := &updateLog{env: env}
	env.RegisterDelayedCallback(func() { env.UpdateWorkflow("slow", "s1", log.callbacks("s1")) }, time.Minute)
	env.RegisterDelayedCallback(func() { env.UpdateWorkflow("slow", "s2", log.callbacks("s2")) }, 2*time.Hour)
	env.ExecuteWorkflow(Impatient)
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, []string{
		"1m0s s1 accepted",
		`1h0m0s s1 completed: <nil> testsuite: workflow "default-test-workflow-id" closed before it completed update "slow" (ID "s1")`,
	}, log.lines, "s2 never fires: the run is over")

	var nf *testsuite.WorkflowNotFoundError
	var rejected error
	env.UpdateWorkflow("slow", "s3", &testsuite.TestUpdateCallback{OnReject: func(err error) { rejected = err }})
	require.ErrorAs(t, rejected, &nf)
	assert.True(t, nf.Closed)
}

// BadValidators registers validators that break the rules.
func BadValidators(ctx workflow.Context) error {
	handler := func(ctx workflow.Context) error { return nil }
	validators := map[string]any{
		"blocks":   func(ctx workflow.Context) error { return workflow.Sleep(ctx, time.Second) },
		"commands": func(ctx workflow.Context) error { workflow.NewTimer(ctx, time.Second); return nil },
		"panics":   func() error { panic("bad validator") },
	}
	for _, name := range workflow.DeterministicKeys(validators) {
		if err := workflow.SetUpdateHandlerWithOptions(ctx, name, handler, workflow.UpdateHandlerOptions{Validator: validators[name]}); err != nil {
			return err
		}
	}
	return workflow.Sleep(ctx, time.Hour)
}

func TestUpdateValidatorPanicRejects(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var rejected error
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow("panics", "", &testsuite.TestUpdateCallback{
			OnAccept: func() { t.Error("accepted") },
			OnReject: func(err error) { rejected = err },
		})
	}, time.Minute)
	env.ExecuteWorkflow(BadValidators)
	require.NoError(t, env.GetWorkflowError())
	var pe *wfsim.PanicError
	require.ErrorAs(t, rejected, &pe)
	assert.Contains(t, rejected.Error(), `update validator "panics" panicked: bad validator`)
	assert.Len(t, env.History().Events, 10, "nothing recorded for the update")
}

// A validator that blocks or issues a command does not reject the update:
// as in Temporal's SDK, its panic goes on and fails the workflow task
// (which fails the workflow under the test environment's panic policy).
func TestUpdateValidatorMisuseFailsTheWorkflow(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"blocks", "commands"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			s.SetLogger(nil)
			env := s.NewTestWorkflowEnvironment()
			env.RegisterDelayedCallback(func() {
				env.UpdateWorkflow(name, "", &testsuite.TestUpdateCallback{
					OnAccept: func() { t.Error("accepted") },
				})
			}, time.Minute)
			env.ExecuteWorkflow(BadValidators)
			var pe *wfsim.PanicError
			require.ErrorAs(t, env.GetWorkflowError(), &pe)
			assert.Contains(t, pe.Error(), `update validator "`+name+`" called workflow.NewTimer`)
		})
	}
}

// PanickyUpdate has an update handler that panics.
func PanickyUpdate(ctx workflow.Context) error {
	if err := workflow.SetUpdateHandler(ctx, "boom", func(ctx workflow.Context) error { panic("update went wrong") }); err != nil {
		return err
	}
	return workflow.Sleep(ctx, time.Hour)
}

func TestUpdateHandlerPanicFailsTheWorkflowTask(t *testing.T) {
	t.Parallel()
	env := msgEnv()
	env.RegisterDelayedCallback(func() { env.UpdateWorkflow("boom", "b1", &testsuite.TestUpdateCallback{}) }, time.Minute)
	env.ExecuteWorkflow(PanickyUpdate)
	var pe *wfsim.PanicError
	require.ErrorAs(t, env.GetWorkflowError(), &pe)
	assert.Contains(t, pe.Error(), "update went wrong")
}

func TestUpdateNoRejectionFailsTheTest(t *testing.T) {
	t.Parallel()
	rec := &recordingT{}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterDelayedCallback(func() { env.UpdateWorkflowNoRejection("deposit", "d1", rec, -3) }, time.Hour)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("close", nil) }, 2*time.Hour)
	env.ExecuteWorkflow(Account)
	require.Len(t, rec.errors, 1)
	assert.Contains(t, rec.errors[0], `update "deposit" (ID "d1") should not be rejected: amount must be positive, got -3`)
}

func TestUpdateWorkflowByIDNotFound(t *testing.T) {
	t.Parallel()
	env := msgEnv()
	err := env.UpdateWorkflowByID("nope", "deposit", "", &testsuite.TestUpdateCallback{})
	var nf *testsuite.WorkflowNotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "nope", nf.WorkflowID)
	assert.True(t, errors.As(err, &nf))
}

func TestSetUpdateHandlerErrors(t *testing.T) {
	t.Parallel()
	handler := func(ctx workflow.Context, n int) (int, error) { return n, nil }
	tests := []struct {
		name    string
		update  string
		handler any
		opts    workflow.UpdateHandlerOptions
		want    string
	}{
		{"reserved name", "__u", handler, workflow.UpdateHandlerOptions{}, `workflow: update "__u": names starting with __ are reserved`},
		{"not a function", "u", "x", workflow.UpdateHandlerOptions{}, `workflow: update handler "u": the handler must be a function, got string`},
		{"no context", "u", func(n int) error { return nil }, workflow.UpdateHandlerOptions{}, `workflow: update handler "u": the handler's first parameter must be a workflow.Context, got func(int) error`},
		{"no error", "u", func(ctx workflow.Context) int { return 0 }, workflow.UpdateHandlerOptions{}, `workflow: update handler "u": the handler must return (result, error) or error, got func(workflow.Context) int`},
		{"validator not a function", "u", handler, workflow.UpdateHandlerOptions{Validator: 3}, `workflow: update handler "u": the validator must be a function, got int`},
		{"validator returns more", "u", handler, workflow.UpdateHandlerOptions{Validator: func(int) (bool, error) { return true, nil }},
			`workflow: update handler "u": the validator must return only error, got func(int) (bool, error)`},
		{"validator takes other parameters", "u", handler, workflow.UpdateHandlerOptions{Validator: func(string) error { return nil }},
			`workflow: update handler "u": the validator must take the handler's parameters (the Context may be left out): handler func(workflow.Context, int) (int, error), validator func(string) error`},
		{"validator with the context", "u", handler, workflow.UpdateHandlerOptions{Validator: func(workflow.Context, int) error { return nil }}, ""},
		{"validator without it", "u", handler, workflow.UpdateHandlerOptions{Validator: func(int) error { return nil }}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
				if err := workflow.SetUpdateHandlerWithOptions(ctx, tt.update, tt.handler, tt.opts); err != nil {
					return err.Error(), nil
				}
				return "", nil
			})
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
		})
	}
}
