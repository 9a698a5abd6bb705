package sdk_test

import (
	"testing"
	"time"

	enumspb "github.com/wfsim/wfsim/api/enums/v1"
	sdkpb "github.com/wfsim/wfsim/api/sdk/v1"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/genaliases"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func TestGeneratedAliasesUpToDate(t *testing.T) {
	t.Parallel()
	if err := genaliases.CheckFile(".", "doc.go"); err != nil {
		t.Fatal(err)
	}
}

var (
	_ *replay.UserMetadata                  = (*sdkpb.UserMetadata)(nil)
	_ *replay.WorkflowTaskCompletedMetadata = (*sdkpb.WorkflowTaskCompletedMetadata)(nil)
)

func nap(ctx workflow.Context) error {
	return workflow.NewTimerWithOptions(ctx, time.Minute, workflow.TimerOptions{Summary: "nap"}).Get(ctx, nil)
}

// A timer's summary, as a test written for Temporal reads it from the
// recorded history: the event's UserMetadata is an *sdkpb.UserMetadata.
func TestUserMetadataOfARecordedTimer(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(nap)
	if err := env.GetWorkflowError(); err != nil {
		t.Fatal(err)
	}
	var md *sdkpb.UserMetadata
	for _, ev := range env.History().GetEvents() {
		if ev.GetEventType() == enumspb.EVENT_TYPE_TIMER_STARTED {
			md = ev.GetUserMetadata()
		}
	}
	var summary string
	if err := converter.GetDefaultDataConverter().FromPayload(md.GetSummary(), &summary); err != nil || summary != "nap" {
		t.Errorf("timer summary = %q, %v; want nap", summary, err)
	}
	if md.GetDetails() != nil {
		t.Errorf("timer details = %v, want none", md.GetDetails())
	}
}
