package replay_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/wfsim/wfsim/replay"
)

// A field that this package does not know, such as one added by a newer
// Temporal server, is kept on the event and written back.
func ExampleUnknownField() {
	h, err := replay.ReadHistory(strings.NewReader(`{"events": [{
		"eventId": "1",
		"eventType": "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED",
		"workflowExecutionStartedEventAttributes": {
			"workflowType": {"name": "Greet"},
			"someNewField": {"enabled": true}
		}
	}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, u := range h.Events[0].UnknownFields() {
		fmt.Printf("%s = %s\n", u.Path(), u.Value)
	}
	_ = h.WriteJSON(os.Stdout)
	// Output:
	// workflowExecutionStartedEventAttributes.someNewField = {"enabled":true}
	// {
	//   "events": [
	//     {
	//       "eventId": "1",
	//       "eventType": "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED",
	//       "workflowExecutionStartedEventAttributes": {
	//         "workflowType": {
	//           "name": "Greet"
	//         },
	//         "someNewField": {
	//           "enabled": true
	//         }
	//       }
	//     }
	//   ]
	// }
}
