package replay_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the workflows behind the other reference histories: sdk-go's
// integration and internal tests, samples-go, and a third-party sample.

// activityCancelRepro runs three activities in three coroutines; the first
// to finish cancels the others and the root's timer.
func activityCancelRepro(ctx workflow.Context) ([]string, error) {
	ctx, cancel := workflow.WithCancel(ctx)
	workflow.Go(ctx, func(ctx workflow.Context) {
		actCtx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			ScheduleToStartTimeout: 10 * time.Second,
			ScheduleToCloseTimeout: 10 * time.Second,
			StartToCloseTimeout:    9 * time.Second,
		})
		var ans string
		if err := workflow.ExecuteActivity(actCtx, "Prefix_ToUpperWithDelay", "hello", time.Second).Get(actCtx, &ans); err != nil {
			return
		}
		cancel()
	})
	for range 2 {
		workflow.Go(ctx, func(ctx workflow.Context) {
			actCtx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
				ScheduleToStartTimeout: 10 * time.Second,
				ScheduleToCloseTimeout: 10 * time.Second,
				StartToCloseTimeout:    time.Second,
				TaskQueue:              "bad_tq",
			})
			var ans string
			_ = workflow.ExecuteActivity(actCtx, "Prefix_ToUpper", "hello").Get(actCtx, &ans)
		})
	}
	_ = workflow.Sleep(ctx, 10*time.Second)
	return []string{"toUpperWithDelay"}, nil
}

// replayWorkflowFromFile is sdk-go's internal testReplayWorkflowFromFile.
func replayWorkflowFromFile(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		ScheduleToStartTimeout: time.Minute,
		StartToCloseTimeout:    time.Minute,
		HeartbeatTimeout:       20 * time.Second,
		WaitForCancellation:    true,
	})
	if err := workflow.ExecuteActivity(ctx, "testActivityMultipleArgs", 2, "test", true).Get(ctx, nil); err != nil {
		panic("Failed workflow")
	}
	return nil
}

// helloWorld is samples-go's helloworld.Workflow.
func helloWorld(ctx workflow.Context, name string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second})
	var result string
	if err := workflow.ExecuteActivity(ctx, "Activity", name).Get(ctx, &result); err != nil {
		return "", err
	}
	return result, nil
}

// workflowStatus mirrors Temporal's enums.WorkflowExecutionStatus.
type workflowStatus int32

const (
	statusRunning workflowStatus = iota + 1
	statusCompleted
	statusFailed
	statusCanceled
	statusTerminated
	statusContinuedAsNew
	statusTimedOut
)

// rainbowStatuses is samples-go's rainbow-statuses fixture workflow.
func rainbowStatuses(ctx workflow.Context, status workflowStatus) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: time.Hour,
		RetryPolicy:         &wfsim.RetryPolicy{MaximumAttempts: 1},
	})
	var err error
	switch status {
	case statusCompleted:
		err = workflow.ExecuteActivity(ctx, "CompletedActivity").Get(ctx, nil)
	case statusRunning, statusTerminated, statusCanceled, statusTimedOut:
		err = workflow.ExecuteActivity(ctx, "LongActivity").Get(ctx, nil)
	case statusFailed:
		err = workflow.ExecuteActivity(ctx, "FailedActivity").Get(ctx, nil)
	case statusContinuedAsNew:
		return continueAsNew("RainbowStatusesWorkflow", statusCompleted)
	}
	return err
}

// The customer loyalty sample (afitz0/customer-loyalty-workflow, go/loyalty).

type customerInfo struct {
	CustomerID    string
	LoyaltyPoints int
	Name          string
	Guests        []string
	AccountActive bool
}

type statusLevel struct {
	Ordinal       int
	Name          string
	MinimumPoints int
	GuestsAllowed int
}

var statusLevels = []statusLevel{
	{0, "Member", 0, 0},
	{1, "Bronze", 500, 1},
	{2, "Silver", 1000, 2},
	{3, "Gold", 2000, 5},
	{4, "Platinum", 5000, 10},
}

func statusForPoints(points int) statusLevel {
	for i, l := range statusLevels {
		if i > 0 && points < l.MinimumPoints {
			return statusLevels[i-1]
		}
	}
	return statusLevels[len(statusLevels)-1]
}

const loyaltyEventsThreshold = 10_000

func customerLoyalty(ctx workflow.Context, customer customerInfo, newCustomer bool) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Second,
		RetryPolicy:         &wfsim.RetryPolicy{MaximumAttempts: 10, InitialInterval: 5 * time.Second},
	})
	logger := workflow.GetLogger(ctx)
	info := workflow.GetInfo(ctx)
	sendEmail := func(body string) {
		if err := workflow.ExecuteActivity(ctx, "SendEmail", body).Get(ctx, nil); err != nil {
			logger.Error("SendEmail failed", "Error", err)
		}
	}
	if newCustomer {
		sendEmail(fmt.Sprintf("Welcome to our loyalty program! You're starting out at '%v' status.", statusForPoints(customer.LoyaltyPoints).Name))
	}
	canceled := false
	var errSignal error
	s := workflow.NewSelector(ctx)
	s.AddReceive(workflow.GetSignalChannel(ctx, "addLoyaltyPoints"), func(c workflow.ReceiveChannel, _ bool) {
		var points int
		c.Receive(ctx, &points)
		before := statusForPoints(customer.LoyaltyPoints).Ordinal
		customer.LoyaltyPoints += points
		after := statusForPoints(customer.LoyaltyPoints)
		switch {
		case after.Ordinal > before:
			sendEmail(fmt.Sprintf("Congratulations! You've been promoted to '%v' status!", after.Name))
		case after.Ordinal < before:
			sendEmail(fmt.Sprintf("Unfortunately, you've lost enough points to bump you down to '%v' status. 😞", after.Name))
		}
	})
	s.AddReceive(workflow.GetSignalChannel(ctx, "inviteGuest"), func(c workflow.ReceiveChannel, _ bool) {
		var guestID string
		c.Receive(ctx, &guestID)
		errSignal = inviteGuest(ctx, guestID, &customer, sendEmail)
	})
	s.AddReceive(workflow.GetSignalChannel(ctx, "ensureMinimumStatus"), func(c workflow.ReceiveChannel, _ bool) {
		var minOrdinal int
		c.Receive(ctx, &minOrdinal)
		if statusForPoints(customer.LoyaltyPoints).Ordinal < minOrdinal {
			l := statusLevels[minOrdinal]
			customer.LoyaltyPoints = l.MinimumPoints
			sendEmail(fmt.Sprintf("Congratulations! You've been promoted to '%v' status!", l.Name))
		}
	})
	s.AddReceive(workflow.GetSignalChannel(ctx, "cancelAccount"), func(c workflow.ReceiveChannel, _ bool) {
		c.Receive(ctx, nil)
		customer.AccountActive = false
		sendEmail("Sorry to see you go!")
	})
	s.AddReceive(ctx.Done(), func(c workflow.ReceiveChannel, _ bool) {
		c.Receive(ctx, nil)
		canceled = true
	})
	if err := workflow.SetQueryHandler(ctx, "getStatus", func() (int, error) { return customer.LoyaltyPoints, nil }); err != nil {
		return err
	}
	for customer.AccountActive && info.GetCurrentHistoryLength() < loyaltyEventsThreshold && !canceled {
		s.Select(ctx)
		if errSignal != nil {
			return errSignal
		}
	}
	if customer.AccountActive && !canceled {
		for s.HasPending() {
			s.Select(ctx)
		}
		return continueAsNew("CustomerLoyaltyWorkflow", customer, false)
	}
	if canceled {
		return ctx.Err()
	}
	return nil
}

func inviteGuest(ctx workflow.Context, guestID string, customer *customerInfo, sendEmail func(string)) error {
	level := statusForPoints(customer.LoyaltyPoints)
	if len(customer.Guests) >= level.GuestsAllowed {
		sendEmail("Sorry, you need to earn more points to invite more guests!")
		return nil
	}
	guest := customerInfo{CustomerID: guestID, AccountActive: true, LoyaltyPoints: statusLevels[max(level.Ordinal-1, 0)].MinimumPoints}
	customer.Guests = append(customer.Guests, guestID)
	var result int
	if err := workflow.ExecuteActivity(ctx, "StartGuestWorkflow", guest).Get(ctx, &result); err != nil {
		return fmt.Errorf("could not signal-with-start guest workflow %q: %w", guestID, err)
	}
	if result == 1 { // GuestAlreadyCanceled
		sendEmail("Sorry, your guest has already canceled their account.")
	} else {
		sendEmail("Congratulations! Your guest has been invited!")
	}
	return nil
}

// sdk-go's ListAndDescribeWorkflow; its activities returned Temporal API
// messages as json/protobuf payloads, which plain structs read here.

type listResponse struct {
	Executions []struct {
		Execution struct{ WorkflowID string } `json:"execution"`
		Status    string                      `json:"status"`
	} `json:"executions"`
}

type describeResponse struct {
	ExecutionConfig *struct {
		WorkflowExecutionTimeout *string `json:"workflowExecutionTimeout"`
	} `json:"executionConfig"`
}

func listAndDescribe(ctx workflow.Context) (int, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second})
	var list listResponse
	if err := workflow.ExecuteActivity(ctx, "ListWorkflow").Get(ctx, &list); err != nil {
		return 0, err
	}
	for _, ex := range list.Executions {
		if ex.Status == "Running" || ex.Status == "WORKFLOW_EXECUTION_STATUS_RUNNING" {
			if err := workflow.Sleep(ctx, time.Second); err != nil {
				return 0, err
			}
			continue
		}
		var desc describeResponse
		if err := workflow.ExecuteActivity(ctx, "DescribeWorkflowExecution", ex.Execution.WorkflowID).Get(ctx, &desc); err != nil {
			return 0, err
		}
		if desc.ExecutionConfig == nil {
			return 0, errors.New("describe response without executionConfig: the payload was not decoded")
		}
		if desc.ExecutionConfig.WorkflowExecutionTimeout != nil {
			if err := workflow.Sleep(ctx, time.Second); err != nil {
				return 0, err
			}
		}
	}
	return len(list.Executions), nil
}

// protoJSONAsPlain reads json/protobuf payloads into plain Go structs with
// encoding/json: the protobuf JSON of the old gogo API types, which is
// what the history holds, is ordinary JSON.
type protoJSONAsPlain struct{}

func (protoJSONAsPlain) ToPayload(any) (*converter.Payload, error) { return nil, nil }
func (protoJSONAsPlain) FromPayload(p *converter.Payload, valuePtr any) error {
	return json.Unmarshal(p.Data, valuePtr)
}
func (protoJSONAsPlain) ToString(p *converter.Payload) string { return string(p.Data) }
func (protoJSONAsPlain) Encoding() string                     { return converter.EncodingProtoJSON }

var gogoConverter = converter.NewCompositeDataConverter(
	converter.NewNilPayloadConverter(),
	converter.NewByteSlicePayloadConverter(),
	protoJSONAsPlain{},
	converter.NewJSONPayloadConverter(),
)

func otherFixtures() map[string]fixture {
	return map[string]fixture{
		"temporal/sdk-go/test-fixtures/activity.cancel.sm.repro.json": {
			register: register(map[string]any{"ActivityCancelRepro": activityCancelRepro}),
		},
		"temporal/sdk-go/internal-testdata/sampleHistory.json": {
			register: register(map[string]any{"testReplayWorkflowFromFile": replayWorkflowFromFile}),
		},
		"temporal/samples-go/helloworld.json": {register: register(map[string]any{"Workflow": helloWorld})},
		"temporal/samples-go/rainbowstatusesworkflow.json": {
			register: register(map[string]any{"RainbowStatusesWorkflow": rainbowStatuses}),
		},
		"temporal/customer-loyalty/simple_replay.json": {
			register: register(map[string]any{"CustomerLoyaltyWorkflow": customerLoyalty}),
		},
		// Cadence's dialect is refused when read, before any workflow runs.
		"cadence/branch.json":          {},
		"cadence/continue_as_new.json": {},
	}
}
