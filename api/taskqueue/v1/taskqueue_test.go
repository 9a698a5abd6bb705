package taskqueue_test

import (
	"testing"

	taskqueuepb "github.com/wfsim/wfsim/api/taskqueue/v1"

	"github.com/wfsim/wfsim/internal/genaliases"
	"github.com/wfsim/wfsim/replay"
)

func TestGeneratedAliasesUpToDate(t *testing.T) {
	t.Parallel()
	if err := genaliases.CheckFile(".", "doc.go"); err != nil {
		t.Fatal(err)
	}
}

var _ *replay.TaskQueue = (*taskqueuepb.TaskQueue)(nil)

// Events hold the task queue by value; the getter returns a pointer to
// it, as protobuf's does, and a nil one reads as empty.
func TestTaskQueueInEvents(t *testing.T) {
	t.Parallel()
	a := &replay.ActivityTaskScheduledEventAttributes{TaskQueue: taskqueuepb.TaskQueue{Name: "orders", Kind: replay.TaskQueueKindNormal}}
	var tq *taskqueuepb.TaskQueue = a.GetTaskQueue()
	if tq.GetName() != "orders" || tq.GetKind() != replay.TaskQueueKindNormal {
		t.Errorf("task queue = %+v", tq)
	}
	var none *replay.ActivityTaskScheduledEventAttributes
	if none.GetTaskQueue().GetName() != "" || none.GetTaskQueue().GetNormalName() != "" {
		t.Error("a nil event's task queue is not empty")
	}
}
