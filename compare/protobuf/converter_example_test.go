package protobuf

import (
	"fmt"
	"time"

	"github.com/wfsim/wfsim/converter"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// wfsim's default converter encodes a protobuf message, here one with a
// oneof, as Temporal's does: the protobuf JSON mapping, with the message's
// type in the metadata; and it decodes it back.
func Example_protobufArguments() {
	ev := &historypb.HistoryEvent{
		EventId:   5,
		EventTime: timestamppb.New(time.Date(2026, 11, 28, 9, 30, 0, 0, time.UTC)),
		EventType: enumspb.EVENT_TYPE_TIMER_FIRED,
		Attributes: &historypb.HistoryEvent_TimerFiredEventAttributes{
			TimerFiredEventAttributes: &historypb.TimerFiredEventAttributes{TimerId: "reminder", StartedEventId: 3},
		},
	}
	dc := converter.GetDefaultDataConverter()
	p, err := dc.ToPayload(ev)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(p.Metadata["encoding"]), string(p.Metadata["messageType"]))
	fmt.Println(string(p.Data))

	var back *historypb.HistoryEvent
	if err := dc.FromPayload(p, &back); err != nil {
		panic(err)
	}
	fmt.Println(back.GetTimerFiredEventAttributes().GetTimerId())
	// Output:
	// json/protobuf temporal.api.history.v1.HistoryEvent
	// {"eventId":"5","eventTime":"2026-11-28T09:30:00Z","eventType":"EVENT_TYPE_TIMER_FIRED","timerFiredEventAttributes":{"timerId":"reminder","startedEventId":"3"}}
	// reminder
}
