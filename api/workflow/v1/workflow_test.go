package workflow_test

import (
	"testing"
	"time"

	workflowpb "github.com/wfsim/wfsim/api/workflow/v1"

	"github.com/wfsim/wfsim/internal/genaliases"
	"github.com/wfsim/wfsim/replay"
)

func TestGeneratedAliasesUpToDate(t *testing.T) {
	t.Parallel()
	if err := genaliases.CheckFile(".", "doc.go"); err != nil {
		t.Fatal(err)
	}
}

var (
	_ *replay.ResetPoints    = (*workflowpb.ResetPoints)(nil)
	_ *replay.ResetPointInfo = (*workflowpb.ResetPointInfo)(nil)
)

func TestResetPointsInEvents(t *testing.T) {
	t.Parallel()
	created := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	a := &replay.WorkflowExecutionStartedEventAttributes{
		PrevAutoResetPoints: &workflowpb.ResetPoints{Points: []*workflowpb.ResetPointInfo{
			{BuildID: "v1", RunID: "run-0", FirstWorkflowTaskCompletedID: 4, CreateTime: created, Resettable: true},
		}},
	}
	points := a.GetPrevAutoResetPoints().GetPoints()
	if len(points) != 1 || points[0].GetRunId() != "run-0" || points[0].GetFirstWorkflowTaskCompletedId() != 4 ||
		!points[0].GetCreateTime().Equal(created) || !points[0].GetResettable() {
		t.Errorf("reset points = %+v", points)
	}
	var none *replay.WorkflowExecutionStartedEventAttributes
	if none.GetPrevAutoResetPoints().GetPoints() != nil {
		t.Error("a nil event's reset points are not empty")
	}
}
