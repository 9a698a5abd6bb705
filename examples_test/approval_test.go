package examples_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Decision is what an approver sends with the "decision" signal.
type Decision struct {
	Approved bool
	By       string
}

// The activities of an approval: ask for it, then carry out the request.
func RequestApproval(ctx context.Context, request string) error { return nil }
func CarryOut(ctx context.Context, request string) (string, error) {
	return "done: " + request, nil
}

// ApprovalRequestWorkflow asks for approval of a request and waits up to a day for
// the approver's decision signal. Meanwhile the "status" query tells where
// it stands. Approved, it carries the request out; rejected, it fails; with
// no decision within a day, it expires.
func ApprovalRequestWorkflow(ctx workflow.Context, request string) (string, error) {
	status := "asking for approval"
	if err := workflow.SetQueryHandler(ctx, "status", func() (string, error) { return status, nil }); err != nil {
		return "", err
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	if err := workflow.ExecuteActivity(ctx, RequestApproval, request).Get(ctx, nil); err != nil {
		return "", err
	}
	status = "waiting for a decision"
	var d Decision
	if ok, _ := workflow.GetSignalChannel(ctx, "decision").ReceiveWithTimeout(ctx, 24*time.Hour, &d); !ok {
		if err := ctx.Err(); err != nil {
			status = "canceled"
			return "", err
		}
		status = "expired"
		return "", wfsim.NewApplicationError(fmt.Sprintf("no decision after %v", approvalElapsed(ctx)), "Expired")
	}
	if !d.Approved {
		status = "rejected by " + d.By
		return "", wfsim.NewApplicationError(fmt.Sprintf("rejected by %s after %v", d.By, approvalElapsed(ctx)), "Rejected")
	}
	status = "approved by " + d.By + ", carrying out"
	var out string
	if err := workflow.ExecuteActivity(ctx, CarryOut, request).Get(ctx, &out); err != nil {
		return "", err
	}
	status = "done"
	return fmt.Sprintf("%s (approved by %s after %v)", out, d.By, approvalElapsed(ctx)), nil
}

func approvalElapsed(ctx workflow.Context) time.Duration {
	return workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime)
}

func approvalEnv() *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(RequestApproval)
	env.RegisterActivity(CarryOut)
	return env
}

// printStatus prints the answer to the "status" query, with the virtual
// time it was asked at.
func printStatus(env *testsuite.TestWorkflowEnvironment) {
	v, err := env.QueryWorkflow("status")
	if err != nil {
		fmt.Println("query failed:", err)
		return
	}
	var status string
	_ = v.Get(&status)
	fmt.Printf("%v status: %s\n", env.Now().Sub(testsuite.DefaultStartTime), status)
}

// printMessageEvents prints a history's events other than workflow tasks,
// with the virtual time since the start and the name of each signal,
// update and timer.
func printMessageEvents(h *replay.History) {
	start := h.Events[0].EventTime
	for _, ev := range h.Events {
		switch ev.EventType {
		case replay.EventTypeWorkflowTaskScheduled, replay.EventTypeWorkflowTaskStarted, replay.EventTypeWorkflowTaskCompleted:
			continue
		}
		detail := ""
		switch {
		case ev.GetWorkflowExecutionSignaledEventAttributes() != nil:
			detail = " " + ev.GetWorkflowExecutionSignaledEventAttributes().SignalName
		case ev.GetWorkflowExecutionUpdateAcceptedEventAttributes() != nil:
			detail = " " + ev.GetWorkflowExecutionUpdateAcceptedEventAttributes().AcceptedRequest.Input.Name
		case ev.GetActivityTaskScheduledEventAttributes() != nil:
			detail = " " + ev.GetActivityTaskScheduledEventAttributes().ActivityType.Name
		case ev.GetTimerStartedEventAttributes() != nil:
			detail = fmt.Sprintf(" %v", ev.GetTimerStartedEventAttributes().StartToFireTimeout)
		}
		fmt.Printf("  %-7v %s%s\n", ev.EventTime.Sub(start), ev.EventType, detail)
	}
}

// An approval that comes three hours after the request, as a signal sent
// from a delayed callback. Queries show the status before and after.
func Example_approvalSignal() {
	env := approvalEnv()
	env.RegisterDelayedCallback(func() {
		printStatus(env)
		env.SignalWorkflow("decision", Decision{Approved: true, By: "ana"})
		// The query sees the signal handled: the workflow task it
		// scheduled runs first.
		printStatus(env)
	}, 3*time.Hour)
	env.ExecuteWorkflow(ApprovalRequestWorkflow, "new laptop")
	var out string
	if err := env.GetWorkflowResult(&out); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(out)
	printStatus(env)
	printMessageEvents(env.History())
	// Output:
	// 3h0m0s status: waiting for a decision
	// 3h0m0s status: approved by ana, carrying out
	// done: new laptop (approved by ana after 3h0m0s)
	// 3h0m0s status: done
	//   0s      WorkflowExecutionStarted
	//   0s      ActivityTaskScheduled RequestApproval
	//   0s      ActivityTaskStarted
	//   0s      ActivityTaskCompleted
	//   0s      TimerStarted 24h0m0s
	//   3h0m0s  WorkflowExecutionSignaled decision
	//   3h0m0s  ActivityTaskScheduled CarryOut
	//   3h0m0s  ActivityTaskStarted
	//   3h0m0s  ActivityTaskCompleted
	//   3h0m0s  WorkflowExecutionCompleted
}

// No decision within a day: the timer fires first and the request
// expires.
func Example_approvalTimeout() {
	env := approvalEnv()
	env.ExecuteWorkflow(ApprovalRequestWorkflow, "new laptop")
	var appErr *wfsim.ApplicationError
	if asApplicationError(env.GetWorkflowError(), &appErr) {
		fmt.Println(appErr.Type()+":", appErr.Message())
	}
	printStatus(env)
	printMessageEvents(env.History())
	// Output:
	// Expired: no decision after 24h0m0s
	// 24h0m0s status: expired
	//   0s      WorkflowExecutionStarted
	//   0s      ActivityTaskScheduled RequestApproval
	//   0s      ActivityTaskStarted
	//   0s      ActivityTaskCompleted
	//   0s      TimerStarted 24h0m0s
	//   24h0m0s TimerFired
	//   24h0m0s WorkflowExecutionFailed
}

func TestApprovalOutcomes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		decide   func(env *testsuite.TestWorkflowEnvironment)
		result   string
		errType  string
		closedAt time.Duration
		last     replay.EventType
	}{
		{
			name:     "approved just before the deadline",
			decide:   decideAt(24*time.Hour-time.Second, Decision{Approved: true, By: "bo"}),
			result:   "done: trip (approved by bo after 23h59m59s)",
			closedAt: 24*time.Hour - time.Second,
			last:     replay.EventTypeWorkflowExecutionCompleted,
		},
		{
			name:     "rejected",
			decide:   decideAt(time.Hour, Decision{By: "cy"}),
			errType:  "Rejected",
			closedAt: time.Hour,
			last:     replay.EventTypeWorkflowExecutionFailed,
		},
		{
			// The signal and the timer reach the workflow in one task,
			// the signal first (its callback was registered before the
			// timer was started): the decision wins.
			name:     "a decision at the deadline",
			decide:   decideAt(24*time.Hour, Decision{Approved: true, By: "di"}),
			result:   "done: trip (approved by di after 24h0m0s)",
			closedAt: 24 * time.Hour,
			last:     replay.EventTypeWorkflowExecutionCompleted,
		},
		{
			name:     "no decision",
			decide:   func(env *testsuite.TestWorkflowEnvironment) {},
			errType:  "Expired",
			closedAt: 24 * time.Hour,
			last:     replay.EventTypeWorkflowExecutionFailed,
		},
		{
			name: "canceled while waiting",
			decide: func(env *testsuite.TestWorkflowEnvironment) {
				env.RegisterDelayedCallback(env.CancelWorkflow, 2*time.Hour)
			},
			errType:  "canceled",
			closedAt: 2 * time.Hour,
			last:     replay.EventTypeWorkflowExecutionCanceled,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(RequestApproval)
			env.RegisterActivity(CarryOut)
			tt.decide(env)
			env.ExecuteWorkflow(ApprovalRequestWorkflow, "trip")
			require.True(t, env.IsWorkflowCompleted())
			h := env.History()
			last := h.Events[len(h.Events)-1]
			assert.Equal(t, tt.last, last.EventType)
			assert.Equal(t, tt.closedAt, last.EventTime.Sub(testsuite.DefaultStartTime))
			if tt.result != "" {
				var out string
				require.NoError(t, env.GetWorkflowResult(&out))
				assert.Equal(t, tt.result, out)
				return
			}
			err := env.GetWorkflowError()
			require.Error(t, err)
			if tt.errType == "canceled" {
				assert.True(t, wfsim.IsCanceledError(err), "%v", err)
				return
			}
			var appErr *wfsim.ApplicationError
			require.True(t, asApplicationError(err, &appErr), "%v", err)
			assert.Equal(t, tt.errType, appErr.Type())
		})
	}
}

func decideAt(d time.Duration, decision Decision) func(env *testsuite.TestWorkflowEnvironment) {
	return func(env *testsuite.TestWorkflowEnvironment) {
		env.RegisterDelayedCallback(func() { env.SignalWorkflow("decision", decision) }, d)
	}
}

func asApplicationError(err error, target **wfsim.ApplicationError) bool {
	return errors.As(err, target)
}
