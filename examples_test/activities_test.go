package examples_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The examples of Temporal's activity documentation, as written there
// apart from the import paths (temporal.X is wfsim.X).

// YourActivityParam and YourActivityResultObject are an activity's input
// and output.
type YourActivityParam struct {
	ActivityParamFieldOne string
	ActivityParamFieldTwo int
}

type YourActivityResultObject struct {
	ResultFieldOne string
	ResultFieldTwo int
}

// YourActivityObject holds activities as methods, which is how Temporal
// users group them (and give them dependencies).
type YourActivityObject struct {
	Greeting string
}

func (a *YourActivityObject) YourActivityDefinition(ctx context.Context, param YourActivityParam) (*YourActivityResultObject, error) {
	return &YourActivityResultObject{
		ResultFieldOne: a.Greeting + " " + param.ActivityParamFieldOne,
		ResultFieldTwo: param.ActivityParamFieldTwo * 2,
	}, nil
}

// YourWorkflowDefinition sets every activity option — the four timeouts
// and a retry policy — and runs the activity, by a method value on a nil
// pointer, as the documentation does.
func YourWorkflowDefinition(ctx workflow.Context, name string) (*YourActivityResultObject, error) {
	retrypolicy := &wfsim.RetryPolicy{
		InitialInterval:    time.Second,
		BackoffCoefficient: 2.0,
		MaximumInterval:    time.Second * 100,
		MaximumAttempts:    5,
	}
	activityoptions := workflow.ActivityOptions{
		ScheduleToCloseTimeout: time.Hour,
		ScheduleToStartTimeout: time.Minute,
		StartToCloseTimeout:    10 * time.Minute,
		HeartbeatTimeout:       30 * time.Second,
		RetryPolicy:            retrypolicy,
	}
	ctx = workflow.WithActivityOptions(ctx, activityoptions)
	var a *YourActivityObject
	var activityResult YourActivityResultObject
	err := workflow.ExecuteActivity(ctx, a.YourActivityDefinition, YourActivityParam{ActivityParamFieldOne: name, ActivityParamFieldTwo: 21}).Get(ctx, &activityResult)
	if err != nil {
		return nil, err
	}
	return &activityResult, nil
}

func Example_activityOptions() {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(&YourActivityObject{Greeting: "Hello"})
	env.ExecuteWorkflow(YourWorkflowDefinition, "Temporal")
	var result YourActivityResultObject
	if err := env.GetWorkflowResult(&result); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Printf("%+v\n", result)
	for _, ev := range env.History().Events {
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
			fmt.Println("activity type:", a.ActivityType.Name)
			fmt.Println("timeouts:", a.ScheduleToCloseTimeout, a.ScheduleToStartTimeout, a.StartToCloseTimeout, a.HeartbeatTimeout)
			fmt.Println("retry:", a.RetryPolicy.InitialInterval, a.RetryPolicy.BackoffCoefficient, a.RetryPolicy.MaximumInterval, a.RetryPolicy.MaximumAttempts)
		}
	}
	// Output:
	// {ResultFieldOne:Hello Temporal ResultFieldTwo:42}
	// activity type: YourActivityDefinition
	// timeouts: 1h0m0s 1m0s 10m0s 30s
	// retry: 1s 2 1m40s 5
}

// The order choice of Temporal's samples: a switch on an activity's result
// decides which activity runs next.

const (
	OrderChoiceApple  = "apple"
	OrderChoiceBanana = "banana"
	OrderChoiceCherry = "cherry"
)

func GetOrder(ctx context.Context) (string, error)            { return OrderChoiceBanana, nil }
func OrderApple(ctx context.Context, choice string) error     { return nil }
func OrderBanana(ctx context.Context, choice string) error    { return nil }
func OrderCherry(ctx context.Context, choice string) error    { return nil }
func OrderSomething(ctx context.Context, choice string) error { return nil }

func ExclusiveChoiceWorkflow(ctx workflow.Context) (string, error) {
	ao := workflow.ActivityOptions{StartToCloseTimeout: time.Minute}
	ctx = workflow.WithActivityOptions(ctx, ao)

	var orderChoice string
	err := workflow.ExecuteActivity(ctx, GetOrder).Get(ctx, &orderChoice)
	if err != nil {
		return "", err
	}
	switch orderChoice {
	case OrderChoiceApple:
		err = workflow.ExecuteActivity(ctx, OrderApple, orderChoice).Get(ctx, nil)
	case OrderChoiceBanana:
		err = workflow.ExecuteActivity(ctx, OrderBanana, orderChoice).Get(ctx, nil)
	case OrderChoiceCherry:
		err = workflow.ExecuteActivity(ctx, OrderCherry, orderChoice).Get(ctx, nil)
	default:
		err = workflow.ExecuteActivity(ctx, OrderSomething, orderChoice).Get(ctx, nil)
	}
	return orderChoice, err
}

func Example_activityChoice() {
	for _, mocked := range []string{"", OrderChoiceCherry, "kiwi"} {
		var s testsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		env.RegisterActivity(GetOrder)
		for _, f := range []any{OrderApple, OrderBanana, OrderCherry, OrderSomething} {
			env.RegisterActivity(f)
		}
		if mocked != "" {
			env.OnActivity(GetOrder, mock.Anything).Return(mocked, nil)
		}
		env.ExecuteWorkflow(ExclusiveChoiceWorkflow)
		fmt.Println(activityTypesRun(env.History()))
	}
	// Output:
	// GetOrder OrderBanana
	// GetOrder OrderCherry
	// GetOrder OrderSomething
}

// Several activities in parallel: their futures are stored, then waited on.

func ProcessItem(ctx context.Context, item string) (string, error) { return strings.ToUpper(item), nil }

func ParallelWorkflow(ctx workflow.Context, items []string) ([]string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var futures []workflow.Future
	for _, item := range items {
		futures = append(futures, workflow.ExecuteActivity(ctx, ProcessItem, item))
	}
	var results []string
	for _, future := range futures {
		var result string
		if err := future.Get(ctx, &result); err != nil {
			return nil, err
		}
		results = append(results, fmt.Sprintf("%s at %v", result, activityElapsed(ctx)))
	}
	return results, nil
}

func Example_parallelActivities() {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(ProcessItem)
	// Each item takes as many seconds of virtual time as it has letters;
	// they all run at once.
	env.OnActivity(ProcessItem, mock.Anything, mock.Anything).Return(func(ctx context.Context, item string) (string, error) {
		return strings.ToUpper(item), nil
	}).AfterFn(afterLetters())
	env.ExecuteWorkflow(ParallelWorkflow, []string{"pear", "fig", "melon"})
	var results []string
	_ = env.GetWorkflowResult(&results)
	fmt.Println(strings.Join(results, "\n"))
	// Output:
	// PEAR at 4s
	// FIG at 4s
	// MELON at 5s
}

// afterLetters gives the mocked durations 4s, 3s, 5s in call order.
func afterLetters() func() time.Duration {
	durations := []time.Duration{4 * time.Second, 3 * time.Second, 5 * time.Second}
	i := 0
	return func() time.Duration {
		d := durations[i%len(durations)]
		i++
		return d
	}
}

// A Selector over futures: the first activity to finish wins.

func AskRegion(ctx context.Context, region string) (string, error) {
	return "quote from " + region, nil
}

func FirstQuoteWorkflow(ctx workflow.Context, regions []string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	ctx, cancel := workflow.WithCancel(ctx)
	defer cancel() // the slower ones are not needed any more
	selector := workflow.NewSelector(ctx)
	var first string
	for _, region := range regions {
		selector.AddFuture(workflow.ExecuteActivity(ctx, AskRegion, region), func(f workflow.Future) {
			_ = f.Get(ctx, &first)
		})
	}
	selector.Select(ctx)
	return fmt.Sprintf("%s after %v", first, activityElapsed(ctx)), nil
}

func Example_activitySelector() {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(AskRegion)
	env.OnActivity(AskRegion, mock.Anything, "eu").Return("quote from eu", nil).After(3 * time.Second)
	env.OnActivity(AskRegion, mock.Anything, "us").Return("quote from us", nil).After(time.Second)
	env.OnActivity(AskRegion, mock.Anything, "ap").Return("quote from ap", nil).After(2 * time.Second)
	env.ExecuteWorkflow(FirstQuoteWorkflow, []string{"eu", "us", "ap"})
	var out string
	_ = env.GetWorkflowResult(&out)
	fmt.Println(out)
	// Output:
	// quote from us after 1s
}

// A StartToClose timeout and retries, at their exact virtual instants.

func Flaky(ctx context.Context) (string, error) { return "ok", nil }

func FlakyWorkflow(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Second,
		RetryPolicy:         &wfsim.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 3},
	})
	var out string
	err := workflow.ExecuteActivity(ctx, Flaky).Get(ctx, &out)
	var timeoutErr *wfsim.TimeoutError
	if errors.As(err, &timeoutErr) {
		return fmt.Sprintf("%s at %v", timeoutErr.TimeoutType(), activityElapsed(ctx)), nil
	}
	return out, err
}

func Example_activityTimeoutAndRetries() {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(Flaky)
	// Each attempt would take a minute: it times out after 10s, and is
	// retried after 1s, then 2s.
	env.OnActivity(Flaky, mock.Anything).Return("late", nil).After(time.Minute)
	env.ExecuteWorkflow(FlakyWorkflow)
	var out string
	_ = env.GetWorkflowResult(&out)
	fmt.Println(out)
	printActivityEvents(env.History())
	// Output:
	// StartToClose at 33s
	//   0s   ActivityTaskScheduled
	//   23s  ActivityTaskStarted attempt 3
	//   33s  ActivityTaskTimedOut activity StartToClose timeout (MaximumAttemptsReached)
}

// activityElapsed is the workflow's virtual time since its start.
func activityElapsed(ctx workflow.Context) time.Duration {
	return workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime)
}

// activityTypesRun lists the types of the activities a history scheduled.
func activityTypesRun(h *replay.History) string {
	var types []string
	for _, ev := range h.Events {
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
			types = append(types, a.ActivityType.Name)
		}
	}
	return strings.Join(types, " ")
}

// printActivityEvents prints the activity events of a history with their
// virtual times.
func printActivityEvents(h *replay.History) {
	start := h.Events[0].EventTime
	for _, ev := range h.Events {
		detail := ""
		switch {
		case ev.GetActivityTaskStartedEventAttributes() != nil:
			detail = fmt.Sprintf(" attempt %d", ev.GetActivityTaskStartedEventAttributes().Attempt)
		case ev.GetActivityTaskTimedOutEventAttributes() != nil:
			detail = fmt.Sprintf(" %s (%s)", ev.GetActivityTaskTimedOutEventAttributes().Failure.Message, ev.GetActivityTaskTimedOutEventAttributes().RetryState)
		case ev.GetActivityTaskFailedEventAttributes() != nil:
			detail = fmt.Sprintf(" %s (%s)", ev.GetActivityTaskFailedEventAttributes().Failure.Message, ev.GetActivityTaskFailedEventAttributes().RetryState)
		case ev.GetActivityTaskScheduledEventAttributes() == nil && ev.GetActivityTaskCompletedEventAttributes() == nil && ev.GetActivityTaskCanceledEventAttributes() == nil && ev.GetActivityTaskCancelRequestedEventAttributes() == nil:
			continue
		}
		fmt.Printf("  %-4v %s%s\n", ev.EventTime.Sub(start), ev.EventType, detail)
	}
}

// The same workflows run bound to a test: real activities in virtual time,
// and the histories replay against the code.
func TestActivityExamplesBound(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(&YourActivityObject{Greeting: "Hi"})
	env.ExecuteWorkflow(YourWorkflowDefinition, "there")
	var result YourActivityResultObject
	require.NoError(t, env.GetWorkflowResult(&result))
	require.Equal(t, YourActivityResultObject{ResultFieldOne: "Hi there", ResultFieldTwo: 42}, result)
}
