package testsuite_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// Functions registered under custom names in these tests.

// aliasChargeInfo reports the activity type the attempt runs as.
func aliasChargeInfo(ctx context.Context, n int) (string, error) {
	return activity.GetInfo(ctx).ActivityType.Name, nil
}

func AliasChild(ctx workflow.Context, s string) (string, error) {
	return workflow.GetInfo(ctx).WorkflowType.Name + ":" + s, nil
}

// aliasCase says what AliasOrder does: call the activity, run it as a
// local activity, start the child, or continue as new.
type aliasCase struct {
	Call     string
	Activity string // by name, when set; else by function
}

var aliasAO = workflow.ActivityOptions{StartToCloseTimeout: time.Minute}

func AliasOrder(ctx workflow.Context, c aliasCase) (string, error) {
	var out string
	var act any = aliasChargeInfo
	if c.Activity != "" {
		act = c.Activity
	}
	switch c.Call {
	case "activity":
		ctx = workflow.WithActivityOptions(ctx, aliasAO)
		err := workflow.ExecuteActivity(ctx, act, 1).Get(ctx, &out)
		return out, err
	case "local":
		ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
		err := workflow.ExecuteLocalActivity(ctx, act, 1).Get(ctx, &out)
		return out, err
	case "child":
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "child-1"})
		err := workflow.ExecuteChildWorkflow(ctx, AliasChild, "x").Get(ctx, &out)
		return out, err
	case "can":
		return "", workflow.NewContinueAsNewError(ctx, AliasOrder, aliasCase{Call: "type"})
	}
	return workflow.GetInfo(ctx).WorkflowType.Name, nil
}

// aliasEnv returns an environment with AliasOrder registered as "order",
// aliasChargeInfo as "charge" and AliasChild as "child".
func aliasEnv(t *testing.T, s *testsuite.WorkflowTestSuite) *testsuite.TestWorkflowEnvironment {
	var env *testsuite.TestWorkflowEnvironment
	if s != nil {
		env = s.NewTestWorkflowEnvironment()
	} else {
		env = testsuite.NewTestWorkflowEnvironment(t)
	}
	env.RegisterWorkflowWithOptions(AliasOrder, workflow.RegisterOptions{Name: "order"})
	env.RegisterWorkflowWithOptions(AliasChild, workflow.RegisterOptions{Name: "child"})
	env.RegisterActivityWithOptions(aliasChargeInfo, activity.RegisterOptions{Name: "charge"})
	return env
}

// eventOf returns the first event of type typ in h.
func eventOf(t *testing.T, h *replay.History, typ replay.EventType) *replay.Event {
	t.Helper()
	for _, e := range h.Events {
		if e.EventType == typ {
			return e
		}
	}
	t.Fatalf("no %v event in\n%v", typ, h)
	return nil
}

// TestAliasingNamesFunctionsByTheirRegisteredNames runs each call that
// takes a function with the function registered under a custom name: the
// run uses that name, the history records it, and the replay check that
// ends ExecuteWorkflow passes.
func TestAliasingNamesFunctionsByTheirRegisteredNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		c    aliasCase
		want string
		// check looks at the recorded history.
		check func(t *testing.T, env *testsuite.TestWorkflowEnvironment)
	}{
		{"ExecuteWorkflow", aliasCase{}, "order", func(t *testing.T, env *testsuite.TestWorkflowEnvironment) {
			a := env.History().Events[0].GetWorkflowExecutionStartedEventAttributes()
			assert.Equal(t, "order", a.WorkflowType.Name)
		}},
		{"activity", aliasCase{Call: "activity"}, "charge", func(t *testing.T, env *testsuite.TestWorkflowEnvironment) {
			a := eventOf(t, env.History(), replay.EventTypeActivityTaskScheduled).GetActivityTaskScheduledEventAttributes()
			assert.Equal(t, "charge", a.ActivityType.Name)
		}},
		{"activity by its registered name", aliasCase{Call: "activity", Activity: "charge"}, "charge", nil},
		// Temporal's SDK looks a string activity type up in the alias
		// table too (cheelim1/go-temporal-sre calls "FetchDemographics",
		// registered as "foo").
		{"activity by its Go name", aliasCase{Call: "activity", Activity: "aliasChargeInfo"}, "charge", func(t *testing.T, env *testsuite.TestWorkflowEnvironment) {
			a := eventOf(t, env.History(), replay.EventTypeActivityTaskScheduled).GetActivityTaskScheduledEventAttributes()
			assert.Equal(t, "charge", a.ActivityType.Name)
		}},
		{"local activity", aliasCase{Call: "local"}, "charge", nil},
		{"local activity by its Go name", aliasCase{Call: "local", Activity: "aliasChargeInfo"}, "charge", nil},
		{"child", aliasCase{Call: "child"}, "child:x", func(t *testing.T, env *testsuite.TestWorkflowEnvironment) {
			a := eventOf(t, env.History(), replay.EventTypeStartChildWorkflowExecutionInitiated).GetStartChildWorkflowExecutionInitiatedEventAttributes()
			assert.Equal(t, "child", a.WorkflowType.Name)
			hs := env.Histories("child-1")
			require.Len(t, hs, 1)
			assert.Equal(t, "child", hs[0].Events[0].GetWorkflowExecutionStartedEventAttributes().WorkflowType.Name)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := aliasEnv(t, nil)
			var localType string
			env.SetOnLocalActivityStartedListener(func(info *activity.Info, _ context.Context, _ []any) {
				localType = info.ActivityType.Name
			})
			env.ExecuteWorkflow(AliasOrder, tt.c)
			require.True(t, env.IsWorkflowCompleted())
			require.NoError(t, env.GetWorkflowError())
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
			if tt.c.Call == "local" {
				assert.Equal(t, "charge", localType)
			}
			if tt.check != nil {
				tt.check(t, env)
			}
		})
	}
}

// TestAliasingContinueAsNew checks that a continue-as-new given the
// function starts the next run under the registered name.
func TestAliasingContinueAsNew(t *testing.T) {
	t.Parallel()
	env := aliasEnv(t, nil)
	env.FollowContinueAsNew(2)
	env.ExecuteWorkflow(AliasOrder, aliasCase{Call: "can"})
	require.NoError(t, env.GetWorkflowError())
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "order", got)
	hs := env.Histories("default-test-workflow-id")
	require.Len(t, hs, 2)
	can := eventOf(t, hs[0], replay.EventTypeWorkflowExecutionContinuedAsNew).GetWorkflowExecutionContinuedAsNewEventAttributes()
	assert.Equal(t, "order", can.WorkflowType.Name)
}

// TestAliasingWorkflowTypeOfTheFunctionName checks that a workflow type
// that is the function's own name runs the function registered under an
// alias, as Temporal's worker looks the alias up first.
func TestAliasingWorkflowTypeOfTheFunctionName(t *testing.T) {
	t.Parallel()
	env := aliasEnv(t, nil)
	env.ExecuteWorkflow("AliasOrder", aliasCase{})
	require.NoError(t, env.GetWorkflowError())
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "AliasOrder", got, "the run keeps the type it was started with")
}

// TestAliasingMocks mocks an activity and a child by function: the mocks
// are on the registered names, which the workflow's calls use.
func TestAliasingMocks(t *testing.T) {
	t.Parallel()
	t.Run("activity", func(t *testing.T) {
		t.Parallel()
		env := aliasEnv(t, nil)
		env.OnActivity(aliasChargeInfo, mock.Anything, 1).Return("mocked", nil).Once()
		env.ExecuteWorkflow(AliasOrder, aliasCase{Call: "activity"})
		require.NoError(t, env.GetWorkflowError())
		var got string
		require.NoError(t, env.GetWorkflowResult(&got))
		assert.Equal(t, "mocked", got)
		env.AssertActivityCalled(t, "charge", mock.Anything, 1)
	})
	t.Run("child", func(t *testing.T) {
		t.Parallel()
		env := aliasEnv(t, nil)
		env.OnWorkflow(AliasChild, mock.Anything, "x").Return("mocked child", nil).Once()
		env.ExecuteWorkflow(AliasOrder, aliasCase{Call: "child"})
		require.NoError(t, env.GetWorkflowError())
		var got string
		require.NoError(t, env.GetWorkflowResult(&got))
		assert.Equal(t, "mocked child", got)
		env.AssertWorkflowCalled(t, "child", mock.Anything, "x")
	})
}

// TestAliasingRegistrations covers Temporal's rules for what gets an
// alias: the last custom name of a function wins, registering it again
// without a name keeps its alias, and the methods of a struct registered
// with a Name prefix get none.
func TestAliasingRegistrations(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		register func(env *testsuite.TestWorkflowEnvironment)
		want     string
		wantErr  string
	}{
		{"last custom name wins", func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterActivityWithOptions(aliasChargeInfo, activity.RegisterOptions{Name: "first"})
			env.RegisterActivityWithOptions(aliasChargeInfo, activity.RegisterOptions{Name: "second"})
		}, "second", ""},
		{"registering without a name keeps the alias", func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterActivityWithOptions(aliasChargeInfo, activity.RegisterOptions{Name: "charge"})
			env.RegisterActivity(aliasChargeInfo)
		}, "charge", ""},
		{"struct methods with a Name prefix are not aliased", func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterActivityWithOptions(&aliasActs{}, activity.RegisterOptions{Name: "acts_"})
		}, "", "unable to find activityType=Info"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
			tt.register(env)
			wf := func(ctx workflow.Context) (string, error) {
				ctx = workflow.WithActivityOptions(ctx, aliasAO)
				var out string
				var act any = aliasChargeInfo
				if tt.wantErr != "" {
					act = (&aliasActs{}).Info
				}
				err := workflow.ExecuteActivity(ctx, act, 1).Get(ctx, &out)
				return out, err
			}
			env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "wf"})
			env.ExecuteWorkflow(wf)
			if tt.wantErr != "" {
				require.Error(t, env.GetWorkflowError())
				assert.Contains(t, env.GetWorkflowError().Error(), tt.wantErr)
				return
			}
			require.NoError(t, env.GetWorkflowError())
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
		})
	}
}

type aliasActs struct{}

func (*aliasActs) Info(ctx context.Context, n int) (string, error) {
	return activity.GetInfo(ctx).ActivityType.Name, nil
}

// TestAliasingDisabled turns aliasing off, with the suite's switch and
// with the worker option: a function is then named by its own name, so
// passing the function of an activity registered under a custom name
// finds no activity, while its registered name still works.
func TestAliasingDisabled(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		env     func(t *testing.T) *testsuite.TestWorkflowEnvironment
		c       aliasCase
		want    string
		wantErr string
	}{
		{"suite switch, activity by function", suiteDisabled, aliasCase{Call: "activity"}, "", "unable to find activityType=aliasChargeInfo"},
		{"suite switch, activity by name", suiteDisabled, aliasCase{Call: "activity", Activity: "charge"}, "charge", ""},
		{"worker option, activity by function", workerDisabled, aliasCase{Call: "activity"}, "", "unable to find activityType=aliasChargeInfo"},
		{"worker option, child by function", workerDisabled, aliasCase{Call: "child"}, "", "unable to find workflow type: AliasChild"},
		{"worker option, workflow by function", workerDisabled, aliasCase{}, "AliasOrder", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := tt.env(t)
			env.ExecuteWorkflow(AliasOrder, tt.c)
			if tt.wantErr != "" {
				require.Error(t, env.GetWorkflowError())
				assert.Contains(t, env.GetWorkflowError().Error(), tt.wantErr)
				return
			}
			require.NoError(t, env.GetWorkflowError())
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
		})
	}
}

func suiteDisabled(t *testing.T) *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	s.SetDisableRegistrationAliasing(true)
	return aliasEnv(t, &s)
}

func workerDisabled(t *testing.T) *testsuite.TestWorkflowEnvironment {
	env := aliasEnv(t, &testsuite.WorkflowTestSuite{})
	env.SetWorkerOptions(worker.Options{DisableRegistrationAliasing: true})
	return env
}

// TestAliasingActivityEnvironment runs an activity by function in the
// activity environment: it runs under its registered name, unless
// aliasing is disabled.
func TestAliasingActivityEnvironment(t *testing.T) {
	t.Parallel()
	for _, disabled := range []bool{false, true} {
		var s testsuite.WorkflowTestSuite
		s.SetDisableRegistrationAliasing(disabled)
		env := s.NewTestActivityEnvironment()
		env.RegisterActivityWithOptions(aliasChargeInfo, activity.RegisterOptions{Name: "charge"})
		v, err := env.ExecuteActivity(aliasChargeInfo, 1)
		require.NoError(t, err)
		var got string
		require.NoError(t, v.Get(&got))
		want := "charge"
		if disabled {
			want = "aliasChargeInfo"
		}
		assert.Equal(t, want, got, "disabled=%v", disabled)
	}
}

// TestAliasingReplay replays recorded histories with replay's and
// worker's WorkflowReplayer, which alias the workflows registered with
// them as Temporal's replayer does.
func TestAliasingReplay(t *testing.T) {
	t.Parallel()
	record := func(c aliasCase) *replay.History {
		env := aliasEnv(t, nil)
		env.ExecuteWorkflow(AliasOrder, c)
		require.NoError(t, env.GetWorkflowError())
		return env.History()
	}
	child := record(aliasCase{Call: "child"})
	act := record(aliasCase{Call: "activity"})
	byGoName := func() *replay.History {
		env := aliasEnv(t, nil)
		env.ExecuteWorkflow("AliasOrder", aliasCase{Call: "child"})
		require.NoError(t, env.GetWorkflowError())
		return env.History()
	}()

	t.Run("child by function", func(t *testing.T) {
		t.Parallel()
		r := replay.NewWorkflowReplayer()
		r.RegisterWorkflowWithOptions(AliasOrder, workflow.RegisterOptions{Name: "order"})
		r.RegisterWorkflowWithOptions(AliasChild, workflow.RegisterOptions{Name: "child"})
		require.NoError(t, r.ReplayWorkflowHistory(nil, child))
	})
	t.Run("history of the function's name", func(t *testing.T) {
		t.Parallel()
		r := worker.NewWorkflowReplayer()
		r.RegisterWorkflowWithOptions(AliasOrder, workflow.RegisterOptions{Name: "order"})
		r.RegisterWorkflowWithOptions(AliasChild, workflow.RegisterOptions{Name: "child"})
		require.NoError(t, r.ReplayWorkflowHistory(nil, byGoName))
	})
	t.Run("disabled: the child goes by its function's name", func(t *testing.T) {
		t.Parallel()
		r, err := worker.NewWorkflowReplayerWithOptions(worker.WorkflowReplayerOptions{DisableRegistrationAliasing: true})
		require.NoError(t, err)
		r.RegisterWorkflowWithOptions(AliasOrder, workflow.RegisterOptions{Name: "order"})
		r.RegisterWorkflowWithOptions(AliasChild, workflow.RegisterOptions{Name: "child"})
		var nd *replay.NondeterminismError
		require.ErrorAs(t, r.ReplayWorkflowHistory(nil, child), &nd)
	})
	t.Run("disabled: no workflow of the function's name", func(t *testing.T) {
		t.Parallel()
		r, err := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{DisableRegistrationAliasing: true})
		require.NoError(t, err)
		r.RegisterWorkflowWithOptions(AliasOrder, workflow.RegisterOptions{Name: "order"})
		var unknown *replay.UnknownWorkflowTypeError
		require.ErrorAs(t, r.ReplayWorkflowHistory(nil, byGoName), &unknown)
		assert.Equal(t, "AliasOrder", unknown.WorkflowType)
	})
	t.Run("activity by function: the replayer registers no activities", func(t *testing.T) {
		t.Parallel()
		// As in Temporal, the replayer names the activity by its
		// function: the recorded "charge" does not match.
		r := replay.NewWorkflowReplayer()
		r.RegisterWorkflowWithOptions(AliasOrder, workflow.RegisterOptions{Name: "order"})
		var nd *replay.NondeterminismError
		require.ErrorAs(t, r.ReplayWorkflowHistory(nil, act), &nd)
		assert.Contains(t, nd.Error(), "charge")
	})
}

// TestAliasingDisabledActivityError checks that, aliasing disabled, the
// activity found under no name fails as an *wfsim.ActivityError, as any
// unknown activity type does.
func TestAliasingDisabledActivityError(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	env.SetWorkerOptions(worker.Options{DisableRegistrationAliasing: true})
	env.RegisterWorkflowWithOptions(AliasOrder, workflow.RegisterOptions{Name: "order"})
	env.RegisterActivityWithOptions(aliasChargeInfo, activity.RegisterOptions{Name: "charge"})
	env.ExecuteWorkflow(AliasOrder, aliasCase{Call: "activity"})
	var actErr *wfsim.ActivityError
	require.True(t, errors.As(env.GetWorkflowError(), &actErr), "got %v", env.GetWorkflowError())
}

func AliasRecurse(ctx workflow.Context, depth int) (string, error) {
	if depth == 0 {
		return workflow.GetInfo(ctx).WorkflowType.Name, nil
	}
	ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: fmt.Sprint("rec-", depth)})
	var out string
	err := workflow.ExecuteChildWorkflow(ctx, AliasRecurse, depth-1).Get(ctx, &out)
	return workflow.GetInfo(ctx).WorkflowType.Name + ">" + out, err
}

// TestAliasingDisabledReplayCheck starts a workflow registered under a
// custom name (and under its own), which starts a child of its own
// function, aliasing disabled: the child goes by the function's name, and
// the replay check names it the same way.
func TestAliasingDisabledReplayCheck(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetWorkerOptions(worker.Options{DisableRegistrationAliasing: true})
	env.RegisterWorkflowWithOptions(AliasRecurse, workflow.RegisterOptions{Name: "rec"})
	env.RegisterWorkflow(AliasRecurse)
	env.ExecuteWorkflow("rec", 1)
	require.NoError(t, env.GetWorkflowError())
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "rec>AliasRecurse", got)
}

// TestAliasingActivityEnvironmentWorkerOption disables aliasing in the
// activity environment through its worker options.
func TestAliasingActivityEnvironmentWorkerOption(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestActivityEnvironment(t)
	env.RegisterActivityWithOptions(aliasChargeInfo, activity.RegisterOptions{Name: "charge"})
	env.SetWorkerOptions(worker.Options{DisableRegistrationAliasing: true})
	v, err := env.ExecuteActivity(aliasChargeInfo, 1)
	require.NoError(t, err)
	var got string
	require.NoError(t, v.Get(&got))
	assert.Equal(t, "aliasChargeInfo", got)
}

// SetActivityTaskQueue given an aliased activity function's Go name
// restricts the activity's registered name, as Temporal's environment does.
func TestAliasingSetActivityTaskQueueByGoName(t *testing.T) {
	t.Parallel()
	env := aliasEnv(t, nil)
	env.SetActivityTaskQueue("elsewhere", "aliasChargeInfo")
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, ScheduleToStartTimeout: time.Minute})
		return workflow.ExecuteActivity(ctx, "charge", 1).Get(ctx, nil)
	})
	var te *wfsim.TimeoutError
	require.ErrorAs(t, env.GetWorkflowError(), &te, "\"charge\" runs only on the queue its Go name was restricted to")
	assert.Equal(t, wfsim.TimeoutTypeScheduleToStart, te.TimeoutType())
}
