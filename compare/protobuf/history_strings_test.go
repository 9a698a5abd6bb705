package protobuf

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
	"unicode/utf8"

	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	taskqueuepb "go.temporal.io/api/taskqueue/v1"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/timestamppb"
	"pgregory.net/rapid"

	"github.com/wfsim/wfsim/replay"
)

// TestHistoryStringsAsProtojson: a history event whose strings hold any
// text (control characters, quotes, <, >, &, U+2028, non-ASCII) is
// written by wfsim's history writer exactly as protojson writes the same
// event, byte for byte: the escaping of the JSON that Temporal's tools
// print and read.
func TestHistoryStringsAsProtojson(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		text := rapid.String().Filter(utf8.ValidString)
		// wfsim holds small messages by value, so an empty WorkflowType is
		// not written, where protojson writes {}: give it a name.
		name := rapid.StringN(1, -1, -1).Filter(utf8.ValidString)
		ev := &historypb.HistoryEvent{
			EventId:   1,
			EventTime: timestamppb.New(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)),
			EventType: enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
			Attributes: &historypb.HistoryEvent_WorkflowExecutionStartedEventAttributes{
				WorkflowExecutionStartedEventAttributes: &historypb.WorkflowExecutionStartedEventAttributes{
					WorkflowType: &commonpb.WorkflowType{Name: name.Draw(t, "type")},
					TaskQueue:    &taskqueuepb.TaskQueue{Name: text.Draw(t, "queue"), Kind: enumspb.TASK_QUEUE_KIND_NORMAL},
					Identity:     text.Draw(t, "identity"),
				},
			},
		}
		want, err := protojson.Marshal(&historypb.History{Events: []*historypb.HistoryEvent{ev}})
		if err != nil {
			t.Fatal(err)
		}
		h, err := replay.ReadHistory(bytes.NewReader(want))
		if err != nil {
			t.Fatalf("reading protojson's %s: %v", want, err)
		}
		got, err := h.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		// Layout aside (wfsim indents as the CLI does; protojson may put a
		// space after a separator at random, to keep its output from being
		// relied on), the bytes must be the same: json.Compact drops the
		// spaces between tokens and leaves strings as they are.
		if got, want := compactJSON(t, got), compactJSON(t, want); !bytes.Equal(got, want) {
			t.Fatalf("wfsim wrote\n%s\nprotojson wrote\n%s", got, want)
		}
	})
}

func compactJSON(t *rapid.T, b []byte) []byte {
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return out.Bytes()
}
