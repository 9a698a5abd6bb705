package examples_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func SendEmail(ctx context.Context, to string) (string, error) { return "email to " + to, nil }
func SendSMS(ctx context.Context, to string) (string, error)   { return "sms to " + to, nil }

var notifyOptions = workflow.ActivityOptions{StartToCloseTimeout: time.Minute}

// NotifyV1 is the first version of a workflow: it waits a day, then emails.
func NotifyV1(ctx workflow.Context, to string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, notifyOptions)
	if err := workflow.Sleep(ctx, 24*time.Hour); err != nil {
		return "", err
	}
	var sent string
	err := workflow.ExecuteActivity(ctx, SendEmail, to).Get(ctx, &sent)
	return sent, err
}

// NotifyV2 is the same workflow migrated to text messages with GetVersion:
// runs that started with the first version, whose histories record no
// version, keep sending emails; new runs send text messages.
func NotifyV2(ctx workflow.Context, to string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, notifyOptions)
	if err := workflow.Sleep(ctx, 24*time.Hour); err != nil {
		return "", err
	}
	var sent string
	var err error
	if workflow.GetVersion(ctx, "sms", workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		err = workflow.ExecuteActivity(ctx, SendEmail, to).Get(ctx, &sent)
	} else {
		err = workflow.ExecuteActivity(ctx, SendSMS, to).Get(ctx, &sent)
	}
	return sent, err
}

// NotifyV3 drops the email branch: it supports version 1 only.
func NotifyV3(ctx workflow.Context, to string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, notifyOptions)
	if err := workflow.Sleep(ctx, 24*time.Hour); err != nil {
		return "", err
	}
	workflow.GetVersion(ctx, "sms", 1, 1)
	var sent string
	err := workflow.ExecuteActivity(ctx, SendSMS, to).Get(ctx, &sent)
	return sent, err
}

// notify runs a version of the workflow and returns its result and history.
func notify(wf any, setup ...func(*testsuite.TestWorkflowEnvironment)) (string, *replay.History) {
	env := newEnv()
	env.RegisterActivity(SendEmail)
	env.RegisterActivity(SendSMS)
	for _, f := range setup {
		f(env)
	}
	env.ExecuteWorkflow(wf, "ann")
	var out string
	if err := env.GetWorkflowResult(&out); err != nil {
		return "error: " + err.Error(), env.History()
	}
	return out, env.History()
}

// replayAs replays a history against the code registered as "Notify".
func replayAs(code any, h *replay.History) string {
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflowWithOptions(code, workflow.RegisterOptions{Name: "Notify"})
	err := rp.ReplayWorkflowHistory(nil, h)
	if err == nil {
		return "replays"
	}
	msg := err.Error()
	if i := strings.Index(msg, "[TMPRL1100]"); i >= 0 {
		msg = msg[i:]
	}
	return "fails: " + msg
}

// A workflow migrated with GetVersion: the new code records the version
// it takes (a Version marker and the TemporalChangeVersion search
// attribute), and histories of both versions replay against it. Once no
// run of the first version is left, the old branch can go; a history of
// the first version then fails to replay, with Temporal's message.
func Example_versioning() {
	v1Out, v1History := notify(NotifyV1)
	v2Out, v2History := notify(NotifyV2)
	fmt.Println("v1:", v1Out)
	fmt.Println("v2:", v2Out)
	for _, ev := range v2History.Events {
		switch {
		case ev.GetMarkerRecordedEventAttributes() != nil:
			fmt.Println("  v2 history:", ev.EventID, ev.EventType, ev.GetMarkerRecordedEventAttributes().MarkerName)
		case ev.GetUpsertWorkflowSearchAttributesEventAttributes() != nil:
			p := ev.GetUpsertWorkflowSearchAttributesEventAttributes().SearchAttributes.IndexedFields[workflow.TemporalChangeVersion]
			fmt.Println("  v2 history:", ev.EventID, ev.EventType, string(p.Data))
		case ev.GetActivityTaskScheduledEventAttributes() != nil:
			fmt.Println("  v2 history:", ev.EventID, ev.EventType, ev.GetActivityTaskScheduledEventAttributes().ActivityType.Name)
		}
	}
	// Both histories are renamed "Notify" to replay against each version.
	for _, h := range []*replay.History{v1History, v2History} {
		h.Events[0].GetWorkflowExecutionStartedEventAttributes().WorkflowType.Name = "Notify"
	}
	fmt.Println("v1 history against v2 code:", replayAs(NotifyV2, v1History))
	fmt.Println("v2 history against v2 code:", replayAs(NotifyV2, v2History))
	fmt.Println("v2 history against v3 code:", replayAs(NotifyV3, v2History))
	fmt.Println("v1 history against v3 code:", replayAs(NotifyV3, v1History))
	// Output:
	// v1: email to ann
	// v2: sms to ann
	//   v2 history: 10 MarkerRecorded Version
	//   v2 history: 11 UpsertWorkflowSearchAttributes ["sms-1"]
	//   v2 history: 12 ActivityTaskScheduled SendSMS
	// v1 history against v2 code: replays
	// v2 history against v2 code: replays
	// v2 history against v3 code: replays
	// v1 history against v3 code: fails: [TMPRL1100] Workflow code removed support of version -1. for "sms" changeID. The oldest supported version is 1
}

// OnGetVersion lets a test run the branch of an old version with the new
// code.
func Example_onGetVersion() {
	out, _ := notify(NotifyV2, func(env *testsuite.TestWorkflowEnvironment) {
		env.OnGetVersion("sms", workflow.DefaultVersion, 1).Return(workflow.DefaultVersion)
	})
	fmt.Println(out)
	// Output:
	// email to ann
}

func TestVersionedHistoriesReplay(t *testing.T) {
	t.Parallel()
	for _, wf := range []any{NotifyV1, NotifyV2, NotifyV3} {
		_, h := notify(wf)
		rp := replay.NewWorkflowReplayer()
		rp.RegisterWorkflow(wf)
		require.NoError(t, rp.ReplayWorkflowHistory(nil, h))
	}
}
