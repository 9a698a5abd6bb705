package testsuite_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Reminders sleeps a minute, then starts an hour's timer and cancels it
// after ten minutes.
func Reminders(ctx workflow.Context) error {
	if err := workflow.Sleep(ctx, time.Minute); err != nil {
		return err
	}
	tctx, cancel := workflow.WithCancel(ctx)
	long := workflow.NewTimer(tctx, time.Hour)
	if err := workflow.Sleep(ctx, 10*time.Minute); err != nil {
		return err
	}
	cancel()
	if err := long.Get(ctx, nil); err == nil {
		return fmt.Errorf("the canceled timer fired")
	}
	return nil
}

func TestTimerListeners(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var got []string
	at := func() time.Duration { return env.Now().Sub(testsuite.DefaultStartTime) }
	env.SetOnTimerScheduledListener(func(id string, d time.Duration) {
		got = append(got, fmt.Sprintf("%v scheduled %s %v", at(), id, d))
	}).SetOnTimerFiredListener(func(id string) {
		got = append(got, fmt.Sprintf("%v fired %s", at(), id))
	}).SetOnTimerCanceledListener(func(id string) {
		got = append(got, fmt.Sprintf("%v canceled %s", at(), id))
	})
	// The environment's own timers are not reported.
	env.RegisterDelayedCallback(func() {}, 30*time.Second)
	env.ExecuteWorkflow(Reminders)
	require.NoError(t, env.GetWorkflowError())
	// The IDs are the TimerStarted events' TimerIDs.
	assert.Equal(t, []string{
		"0s scheduled 5 1m0s",
		"1m0s fired 5",
		"1m0s scheduled 10 1h0m0s",
		"1m0s scheduled 11 10m0s",
		"11m0s fired 11",
		"11m0s canceled 10",
	}, got)
	var ids []string
	for _, ev := range env.History().Events {
		if a := ev.GetTimerStartedEventAttributes(); a != nil {
			ids = append(ids, a.TimerID)
		}
	}
	assert.Equal(t, []string{"5", "10", "11"}, ids)
}
