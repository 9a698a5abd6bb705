package protobuf_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tclient "go.temporal.io/sdk/client"
	tworker "go.temporal.io/sdk/worker"
	tworkflow "go.temporal.io/sdk/workflow"

	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// TestReplayPrefixVerdictsAgree replays every prefix of real histories of
// wfsim's replay testdata (recorded by Temporal servers: updates with a
// validator across resets, several updates at once and canceled, a loan
// workflow of activities and timers, an update recorded before SDK flag 3)
// with Temporal's replayer (SDK 1.51) and with wfsim's, each against its
// port of the same workflow: the two
// must accept the same prefixes and reject the others with the same text
// (Temporal's, up to its dump of the command). A history cut after a
// WorkflowTaskCompleted lacks the commands of its task, which both report.
func TestReplayPrefixVerdictsAgree(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "..", "replay", "testdata")
	cases := []struct {
		file, name   string
		wfsim, tempo any
		// rejected is how many prefixes Temporal's replayer rejects.
		rejected int
	}{
		{"edu-versioning/history_for_original_execution.json", "LoanProcessingWorkflow", wLoan, tLoan, 21},
		{"sdkgo-replaytests/update-reset-accepted.json", "CounterWorkflow", wCounter, tCounter, 2},
		{"sdkgo-replaytests/update-reset-rejected.json", "CounterWorkflow", wCounter, tCounter, 0},
		{"sdkgo-replaytests/multiple-updates.json", "MultipleUpdateWorkflow", wMultipleUpdates, tMultipleUpdates, 17},
		{"sdkgo-replaytests/multiple-updates-canceled.json", "MultipleUpdateWorkflow", wMultipleUpdates, tMultipleUpdates, 24},
		// Recorded without SDK flag 3: update responses were messages
		// beside the commands.
		{"sdkgo-replaytests/update_before_protocol_message_command.json", "UpdateWorkflow", wUpdate, tUpdate, 1},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, c.file)
			full, err := replay.ReadHistoryFile(path)
			if err != nil {
				t.Fatal(err)
			}
			rejected := 0
			for _, e := range full.Events[2:] { // both need three events at least
				last := e.EventID
				wv := verdict(wfsimReplayPrefix(t, path, last, c.name, c.wfsim))
				tv := verdict(temporalReplayPrefix(t, path, last, c.name, c.tempo))
				if wv != tv {
					t.Errorf("history cut after event %d (%v):\n wfsim:    %s\n Temporal: %s", last, e.EventType, wv, tv)
				}
				if tv != "accepted" {
					rejected++
				}
			}
			if rejected != c.rejected {
				t.Errorf("Temporal's replayer rejected %d prefixes, want %d", rejected, c.rejected)
			}
		})
	}
}

// verdict is what the comparison keeps of a replay's outcome: accepted, or
// Temporal's text of the error up to its dump of the command's attributes.
func verdict(err error) string {
	if err == nil {
		return "accepted"
	}
	msg := err.Error()
	var nd *replay.NondeterminismError
	if errors.As(err, &nd) {
		msg = nd.Message
	}
	msg, _, _ = strings.Cut(msg, ": (")
	return msg
}

func wfsimReplayPrefix(t *testing.T, path string, last int64, name string, wf any) error {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := client.HistoryFromJSON(f, client.HistoryJSONOptions{LastEventID: last})
	if err != nil {
		t.Fatal(err)
	}
	r := replay.NewWorkflowReplayer()
	r.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: name})
	return r.ReplayWorkflowHistory(nil, h)
}

func temporalReplayPrefix(t *testing.T, path string, last int64, name string, wf any) error {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := tclient.HistoryFromJSON(f, tclient.HistoryJSONOptions{LastEventID: last})
	if err != nil {
		t.Fatal(err)
	}
	r := tworker.NewWorkflowReplayer()
	r.RegisterWorkflowWithOptions(wf, tworkflow.RegisterOptions{Name: name})
	return r.ReplayWorkflowHistory(nopLogger{}, h)
}

// nopLogger keeps Temporal's replayer quiet.
type nopLogger struct{}

func (nopLogger) Debug(string, ...any) {}
func (nopLogger) Info(string, ...any)  {}
func (nopLogger) Warn(string, ...any)  {}
func (nopLogger) Error(string, ...any) {}

// The ports: the workflows of temporalio/sdk-go's test/replaytests
// (CounterWorkflow, MultipleUpdateWorkflow) and of temporalio's
// versioning course (the loan workflow as it recorded its history), once
// for each SDK.

type loanCustomer struct {
	CustomerID      string
	Name            string
	EmailAddress    string
	Amount          int
	NumberOfPeriods int
}

type loanCharge struct {
	CustomerID      string
	Amount          int
	PeriodNumber    int
	NumberOfPeriods int
}

func loanResult(in loanCustomer, total int) string {
	return fmt.Sprintf("Loan for customer '%s' has been fully paid (total=%d)", in.CustomerID, total)
}

func wLoan(ctx workflow.Context, in loanCustomer) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var c string
	if err := workflow.ExecuteActivity(ctx, "SendThankYouToCustomer", in).Get(ctx, &c); err != nil {
		return "", err
	}
	total := 0
	for p := 1; p <= in.NumberOfPeriods; p++ {
		charge := loanCharge{in.CustomerID, in.Amount, p, in.NumberOfPeriods}
		if err := workflow.ExecuteActivity(ctx, "ChargeCustomer", charge).Get(ctx, &c); err != nil {
			return "", err
		}
		total += charge.Amount
		if err := workflow.Sleep(ctx, 30*time.Second); err != nil {
			return "", err
		}
	}
	return loanResult(in, total), nil
}

func tLoan(ctx tworkflow.Context, in loanCustomer) (string, error) {
	ctx = tworkflow.WithActivityOptions(ctx, tworkflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var c string
	if err := tworkflow.ExecuteActivity(ctx, "SendThankYouToCustomer", in).Get(ctx, &c); err != nil {
		return "", err
	}
	total := 0
	for p := 1; p <= in.NumberOfPeriods; p++ {
		charge := loanCharge{in.CustomerID, in.Amount, p, in.NumberOfPeriods}
		if err := tworkflow.ExecuteActivity(ctx, "ChargeCustomer", charge).Get(ctx, &c); err != nil {
			return "", err
		}
		total += charge.Amount
		if err := tworkflow.Sleep(ctx, 30*time.Second); err != nil {
			return "", err
		}
	}
	return loanResult(in, total), nil
}

func nonNegative(i int) error {
	if i < 0 {
		return fmt.Errorf("addend must be non-negative (%v)", i)
	}
	return nil
}

func wCounter(ctx workflow.Context) (int, error) {
	counter := 0
	add := func(ctx workflow.Context, i int) (int, error) {
		before := counter
		counter += i
		_ = workflow.Sleep(ctx, time.Second)
		return before, nil
	}
	validate := func(ctx workflow.Context, i int) error { return nonNegative(i) }
	if err := workflow.SetUpdateHandlerWithOptions(ctx, "fetch_and_add", add, workflow.UpdateHandlerOptions{Validator: validate}); err != nil {
		return 0, err
	}
	workflow.GetSignalChannel(ctx, "done").Receive(ctx, nil)
	return counter, ctx.Err()
}

func tCounter(ctx tworkflow.Context) (int, error) {
	counter := 0
	add := func(ctx tworkflow.Context, i int) (int, error) {
		before := counter
		counter += i
		_ = tworkflow.Sleep(ctx, time.Second)
		return before, nil
	}
	validate := func(ctx tworkflow.Context, i int) error { return nonNegative(i) }
	if err := tworkflow.SetUpdateHandlerWithOptions(ctx, "fetch_and_add", add, tworkflow.UpdateHandlerOptions{Validator: validate}); err != nil {
		return 0, err
	}
	tworkflow.GetSignalChannel(ctx, "done").Receive(ctx, nil)
	return counter, ctx.Err()
}

var echoOptions = struct{ scheduleToStart, scheduleToClose, startToClose time.Duration }{5 * time.Second, 5 * time.Second, 9 * time.Second}

func wMultipleUpdates(ctx workflow.Context) (int, error) {
	inflight, ran := 0, 0
	track := func(body func(ctx workflow.Context) error) func(ctx workflow.Context) error {
		return func(ctx workflow.Context) error {
			inflight++
			ran++
			defer func() { inflight-- }()
			return body(ctx)
		}
	}
	_ = workflow.SetUpdateHandler(ctx, "echo", track(func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{ScheduleToStartTimeout: echoOptions.scheduleToStart,
			ScheduleToCloseTimeout: echoOptions.scheduleToClose, StartToCloseTimeout: echoOptions.startToClose})
		return workflow.ExecuteActivity(ctx, "Echo", 1, 1).Get(ctx, nil)
	}))
	_ = workflow.SetUpdateHandler(ctx, "sleep", track(func(ctx workflow.Context) error { return workflow.Sleep(ctx, time.Second) }))
	_ = workflow.SetUpdateHandler(ctx, "empty", track(func(ctx workflow.Context) error { return ctx.Err() }))
	if err := workflow.Await(ctx, func() bool { return inflight == 0 }); err != nil {
		return 0, err
	}
	return ran, nil
}

func tMultipleUpdates(ctx tworkflow.Context) (int, error) {
	inflight, ran := 0, 0
	track := func(body func(ctx tworkflow.Context) error) func(ctx tworkflow.Context) error {
		return func(ctx tworkflow.Context) error {
			inflight++
			ran++
			defer func() { inflight-- }()
			return body(ctx)
		}
	}
	_ = tworkflow.SetUpdateHandler(ctx, "echo", track(func(ctx tworkflow.Context) error {
		ctx = tworkflow.WithActivityOptions(ctx, tworkflow.ActivityOptions{ScheduleToStartTimeout: echoOptions.scheduleToStart,
			ScheduleToCloseTimeout: echoOptions.scheduleToClose, StartToCloseTimeout: echoOptions.startToClose})
		return tworkflow.ExecuteActivity(ctx, "Echo", 1, 1).Get(ctx, nil)
	}))
	_ = tworkflow.SetUpdateHandler(ctx, "sleep", track(func(ctx tworkflow.Context) error { return tworkflow.Sleep(ctx, time.Second) }))
	_ = tworkflow.SetUpdateHandler(ctx, "empty", track(func(ctx tworkflow.Context) error { return ctx.Err() }))
	if err := tworkflow.Await(ctx, func() bool { return inflight == 0 }); err != nil {
		return 0, err
	}
	return ran, nil
}

func wUpdate(ctx workflow.Context) error {
	if err := workflow.SetUpdateHandler(ctx, "update", func(ctx workflow.Context, d time.Duration) error {
		return workflow.Sleep(ctx, d)
	}); err != nil {
		return err
	}
	workflow.GetSignalChannel(ctx, "shutdown").Receive(ctx, nil)
	return nil
}

func tUpdate(ctx tworkflow.Context) error {
	if err := tworkflow.SetUpdateHandler(ctx, "update", func(ctx tworkflow.Context, d time.Duration) error {
		return tworkflow.Sleep(ctx, d)
	}); err != nil {
		return err
	}
	tworkflow.GetSignalChannel(ctx, "shutdown").Receive(ctx, nil)
	return nil
}
