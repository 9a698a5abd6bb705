package replay

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wfsim/wfsim/converter"
)

// tense selects the verb form of a command phrase: the history "schedules",
// the code "scheduled".
type tense int

const (
	present tense = iota
	past
)

// phrase says what the command does, such as `schedules activity "Charge"
// (ID 7)` or, in the past tense, `started a 1h0m0s timer (ID 7)`.
func (c *Command) phrase(t tense) string {
	v := func(pres, pst string) string {
		if t == past {
			return pst
		}
		return pres
	}
	switch c.Type {
	case CommandTypeScheduleActivityTask:
		return fmt.Sprintf("%s activity %q (ID %s)", v("schedules", "scheduled"), c.Name, c.ID)
	case CommandTypeRequestCancelActivityTask:
		if c.ScheduledEventID == 0 {
			return fmt.Sprintf("%s cancellation of activity %s", v("requests", "requested"), c.ID)
		}
		return fmt.Sprintf("%s cancellation of the activity scheduled by event %d", v("requests", "requested"), c.ScheduledEventID)
	case CommandTypeStartTimer:
		return fmt.Sprintf("%s a %v timer (ID %s)", v("starts", "started"), c.Duration, c.ID)
	case CommandTypeCancelTimer:
		return fmt.Sprintf("%s timer %s", v("cancels", "canceled"), c.ID)
	case CommandTypeRecordMarker:
		return fmt.Sprintf("%s a %q marker", v("records", "recorded"), c.Name)
	case CommandTypeStartChildWorkflowExecution:
		return fmt.Sprintf("%s child workflow %q (ID %s)", v("starts", "started"), c.Name, c.ID)
	case CommandTypeSignalExternalWorkflowExecution:
		return fmt.Sprintf("%s signal %q to workflow %s", v("sends", "sent"), c.Name, c.WorkflowID)
	case CommandTypeRequestCancelExternalWorkflowExecution:
		return fmt.Sprintf("%s cancellation of workflow %s", v("requests", "requested"), c.WorkflowID)
	case CommandTypeUpsertWorkflowSearchAttributes:
		return v("upserts", "upserted") + " search attributes"
	case CommandTypeModifyWorkflowProperties:
		return v("upserts", "upserted") + " memo"
	case CommandTypeProtocolMessage:
		switch c.Name {
		case updateAccept:
			return fmt.Sprintf("%s update %s", v("accepts", "accepted"), c.ID)
		case updateReject:
			return fmt.Sprintf("%s update %s", v("rejects", "rejected"), c.ID)
		case updateComplete:
			return fmt.Sprintf("%s update %s", v("completes", "completed"), c.ID)
		}
		return fmt.Sprintf("%s update %s", v("answers", "answered"), c.ID)
	case CommandTypeScheduleNexusOperation:
		return fmt.Sprintf("%s Nexus operation %s", v("schedules", "scheduled"), c.Name)
	case CommandTypeRequestCancelNexusOperation:
		return fmt.Sprintf("%s cancellation of the Nexus operation scheduled by event %d", v("requests", "requested"), c.ScheduledEventID)
	case CommandTypeCompleteWorkflowExecution:
		return v("completes", "completed") + " the workflow"
	case CommandTypeFailWorkflowExecution:
		return v("fails", "failed") + " the workflow"
	case CommandTypeCancelWorkflowExecution:
		return v("cancels", "canceled") + " the workflow"
	case CommandTypeContinueAsNewWorkflowExecution:
		return v("continues", "continued") + " as new"
	}
	return v("issues", "issued") + " a " + c.Type.String() + " command"
}

// eventPhrase names an event that records no command.
func eventPhrase(t EventType) string {
	name := t.String()
	article := "a "
	if name != "" && strings.ContainsRune("AEIOU", rune(name[0])) {
		article = "an "
	}
	return "has " + article + name + " event"
}

// commandOfEvent returns the command an event records, or nil when it
// records none.
func commandOfEvent(e *Event) *Command {
	var c Command
	if !fillCommandOfEvent(e, &c) {
		return nil
	}
	return &c
}

// fillCommandOfEvent sets *out to the command an event records and
// reports whether it records one; the replay check fills a value on its
// stack and copies it out only when a pair differs.
func fillCommandOfEvent(e *Event, out *Command) bool {
	if !fillCommandShapeOfEvent(e, out) {
		return false
	}
	addEventPayloadTexts(e, out)
	return true
}

// addEventPayloadTexts sets the payload texts of the command an event
// records (an activity's input, a workflow's result): making them costs
// more than the rest, and only strict mode and error reports show them.
func addEventPayloadTexts(e *Event, out *Command) {
	switch a := e.Attributes.(type) {
	case *ActivityTaskScheduledEventAttributes:
		out.Input = payloadsText(a.Input)
	case *WorkflowExecutionCompletedEventAttributes:
		out.Result = payloadsText(a.Result)
	}
}

// fillCommandShapeOfEvent is fillCommandOfEvent without the payload
// texts.
func fillCommandShapeOfEvent(e *Event, out *Command) bool {
	switch a := e.Attributes.(type) {
	case *ActivityTaskScheduledEventAttributes:
		*out = Command{Type: CommandTypeScheduleActivityTask, ID: a.ActivityID, Name: a.ActivityType.Name,
			TaskQueue: a.TaskQueue.Name}
		return true
	case *ActivityTaskCancelRequestedEventAttributes:
		*out = Command{Type: CommandTypeRequestCancelActivityTask, ScheduledEventID: a.ScheduledEventID}
		return true
	case *TimerStartedEventAttributes:
		*out = Command{Type: CommandTypeStartTimer, ID: a.TimerID, Duration: a.StartToFireTimeout}
		return true
	case *TimerCanceledEventAttributes:
		*out = Command{Type: CommandTypeCancelTimer, ID: a.TimerID}
		return true
	case *MarkerRecordedEventAttributes:
		*out = Command{Type: CommandTypeRecordMarker, Name: a.MarkerName}
		return true
	case *StartChildWorkflowExecutionInitiatedEventAttributes:
		*out = Command{Type: CommandTypeStartChildWorkflowExecution, ID: a.WorkflowID, Name: a.WorkflowType.Name, Namespace: a.Namespace}
		return true
	case *SignalExternalWorkflowExecutionInitiatedEventAttributes:
		*out = Command{Type: CommandTypeSignalExternalWorkflowExecution, ID: a.Control, Name: a.SignalName,
			Namespace: a.Namespace, WorkflowID: a.WorkflowExecution.WorkflowID}
		return true
	case *RequestCancelExternalWorkflowExecutionInitiatedEventAttributes:
		*out = Command{Type: CommandTypeRequestCancelExternalWorkflowExecution, ID: a.Control,
			Namespace: a.Namespace, WorkflowID: a.WorkflowExecution.WorkflowID}
		return true
	case *UpsertWorkflowSearchAttributesEventAttributes:
		*out = Command{Type: CommandTypeUpsertWorkflowSearchAttributes}
		return true
	case *WorkflowPropertiesModifiedEventAttributes:
		*out = Command{Type: CommandTypeModifyWorkflowProperties}
		return true
	case *WorkflowExecutionUpdateAcceptedEventAttributes:
		*out = Command{Type: CommandTypeProtocolMessage, ID: a.ProtocolInstanceID, Name: updateAccept}
		return true
	case *WorkflowExecutionUpdateRejectedEventAttributes:
		*out = Command{Type: CommandTypeProtocolMessage, ID: a.ProtocolInstanceID, Name: updateReject}
		return true
	case *WorkflowExecutionUpdateCompletedEventAttributes:
		*out = Command{Type: CommandTypeProtocolMessage, Name: updateComplete}
		if a.Meta != nil {
			out.ID = a.Meta.UpdateID
		}
		return true
	case *NexusOperationScheduledEventAttributes:
		*out = Command{Type: CommandTypeScheduleNexusOperation, Name: a.Service + "/" + a.Operation}
		return true
	case *NexusOperationCancelRequestedEventAttributes:
		*out = Command{Type: CommandTypeRequestCancelNexusOperation, ScheduledEventID: a.ScheduledEventID}
		return true
	case *WorkflowExecutionCompletedEventAttributes:
		*out = Command{Type: CommandTypeCompleteWorkflowExecution}
		return true
	case *WorkflowExecutionFailedEventAttributes:
		*out = Command{Type: CommandTypeFailWorkflowExecution}
		return true
	case *WorkflowExecutionCanceledEventAttributes:
		*out = Command{Type: CommandTypeCancelWorkflowExecution}
		return true
	case *WorkflowExecutionContinuedAsNewEventAttributes:
		*out = Command{Type: CommandTypeContinueAsNewWorkflowExecution, Name: a.WorkflowType.Name}
		return true
	}
	return false
}

// payloadsText shows payloads in full, so that equal texts mean equal
// values: JSON payloads as compact JSON, others as their encoding, any
// other metadata, and their data in base64.
func payloadsText(msg *converter.Payloads) string {
	ps := msg.GetPayloads()
	switch len(ps) {
	case 0:
		return ""
	case 1:
		return payloadText(ps[0]) // what Join returns, without the slice
	}
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = payloadText(p)
	}
	return strings.Join(parts, ", ")
}

func payloadText(p *converter.Payload) string {
	if p == nil {
		return "<nil>"
	}
	// The encoding is compared as bytes, and made a string only when
	// shown: most payloads are JSON.
	encBytes := p.Metadata[converter.MetadataEncoding]
	var extra []string
	for k, v := range p.Metadata {
		if k != converter.MetadataEncoding {
			extra = append(extra, k+"="+string(v))
		}
	}
	sort.Strings(extra)
	if string(encBytes) == converter.EncodingNull && len(p.Data) == 0 && len(extra) == 0 {
		return "null"
	}
	if string(encBytes) == converter.EncodingJSON && len(extra) == 0 {
		if s, ok := compactJSON(p.Data); ok {
			return s
		}
	}
	enc := string(encBytes)
	if enc == "" {
		enc = "no encoding"
	}
	return "<" + strings.Join(append([]string{enc}, extra...), " ") + "> " + base64Text(p.Data)
}

// The [TMPRL1100] texts below follow Temporal's util.HistoryEventToString
// and util.CommandToString: the type, then the attributes in Temporal's
// field names and order. Only the attributes that identify the command are
// shown in full; Temporal's own dumps hold more.

// eventString prints an event as Temporal's replayer does in its messages.
func eventString(e *Event) string {
	var f fieldList
	switch a := e.Attributes.(type) {
	case *ActivityTaskScheduledEventAttributes:
		f.add("ActivityId", a.ActivityID)
		f.add("ActivityType", "(Name:"+a.ActivityType.Name+")")
		f.add("TaskQueue", "(Name:"+a.TaskQueue.Name+", Kind:"+a.TaskQueue.Kind.String()+")")
		f.add("Input", "(Payloads:[len="+strconv.Itoa(len(a.Input.GetPayloads()))+"])")
		f.dur("ScheduleToCloseTimeout", a.ScheduleToCloseTimeout)
		f.dur("ScheduleToStartTimeout", a.ScheduleToStartTimeout)
		f.dur("StartToCloseTimeout", a.StartToCloseTimeout)
		f.dur("HeartbeatTimeout", a.HeartbeatTimeout)
		f.id("WorkflowTaskCompletedEventId", a.WorkflowTaskCompletedEventID)
	case *ActivityTaskCancelRequestedEventAttributes:
		f.id("ScheduledEventId", a.ScheduledEventID)
		f.id("WorkflowTaskCompletedEventId", a.WorkflowTaskCompletedEventID)
	case *TimerStartedEventAttributes:
		f.add("TimerId", a.TimerID)
		f.dur("StartToFireTimeout", a.StartToFireTimeout)
		f.id("WorkflowTaskCompletedEventId", a.WorkflowTaskCompletedEventID)
	case *TimerCanceledEventAttributes:
		f.add("TimerId", a.TimerID)
		f.id("StartedEventId", a.StartedEventID)
		f.id("WorkflowTaskCompletedEventId", a.WorkflowTaskCompletedEventID)
	case *MarkerRecordedEventAttributes:
		f.add("MarkerName", a.MarkerName)
		f.add("Details", detailsText(a.Details))
		f.id("WorkflowTaskCompletedEventId", a.WorkflowTaskCompletedEventID)
	default:
		f.id("EventId", e.EventID)
		f.add("EventType", e.EventType.String())
		if c := commandOfEvent(e); c != nil {
			commandFields(&f, c)
		}
	}
	return e.EventType.String() + ": (" + strings.Join(f, ", ") + ")"
}

// commandString prints a command as Temporal's replayer does in its
// messages.
func commandString(c *Command) string {
	var f fieldList
	switch c.Type {
	case CommandTypeScheduleActivityTask, CommandTypeRequestCancelActivityTask, CommandTypeStartTimer,
		CommandTypeCancelTimer, CommandTypeRecordMarker:
	default:
		f.add("CommandType", c.Type.String())
	}
	commandFields(&f, c)
	return c.Type.String() + ": (" + strings.Join(f, ", ") + ")"
}

func commandFields(f *fieldList, c *Command) {
	switch c.Type {
	case CommandTypeScheduleActivityTask:
		f.add("ActivityId", c.ID)
		f.add("ActivityType", "(Name:"+c.Name+")")
		f.add("TaskQueue", "(Name:"+c.TaskQueue+")")
	case CommandTypeRequestCancelActivityTask, CommandTypeRequestCancelNexusOperation:
		f.id("ScheduledEventId", c.ScheduledEventID)
	case CommandTypeStartTimer:
		f.add("TimerId", c.ID)
		f.dur("StartToFireTimeout", c.Duration)
	case CommandTypeCancelTimer:
		f.add("TimerId", c.ID)
	case CommandTypeRecordMarker:
		f.add("MarkerName", c.Name)
	case CommandTypeStartChildWorkflowExecution:
		f.add("WorkflowId", c.ID)
		f.add("WorkflowType", "(Name:"+c.Name+")")
	case CommandTypeSignalExternalWorkflowExecution:
		f.add("Namespace", c.Namespace)
		f.add("WorkflowId", c.WorkflowID)
		f.add("SignalName", c.Name)
	case CommandTypeRequestCancelExternalWorkflowExecution:
		f.add("Namespace", c.Namespace)
		f.add("WorkflowId", c.WorkflowID)
	case CommandTypeProtocolMessage:
		f.add("ProtocolInstanceId", c.ID)
		f.add("Message", c.Name)
	case CommandTypeScheduleNexusOperation:
		f.add("Operation", c.Name)
	case CommandTypeContinueAsNewWorkflowExecution:
		f.add("WorkflowType", "(Name:"+c.Name+")")
	}
}

// fieldList collects "Name:value" parts, leaving out empty values as
// Temporal's dump does.
type fieldList []string

func (f *fieldList) add(name, value string) {
	if value != "" {
		*f = append(*f, name+":"+value)
	}
}

func (f *fieldList) id(name string, v int64) {
	if v != 0 {
		f.add(name, strconv.FormatInt(v, 10))
	}
}

func (f *fieldList) dur(name string, d time.Duration) {
	f.add(name, fmt.Sprintf("(Seconds:%d, Nanos:%d)", int64(d/time.Second), int64(d%time.Second)))
}

func detailsText(m map[string]*converter.Payloads) string {
	if len(m) == 0 {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ":[len=" + strconv.Itoa(len(m[k].GetPayloads())) + "]"
	}
	return "map[" + strings.Join(parts, " ") + "]"
}

func compactJSON(data []byte) (string, bool) {
	// Valid JSON without a space, tab or line break anywhere is compact
	// already: json.Compact would return it unchanged.
	if !bytes.ContainsAny(data, " \t\r\n") && json.Valid(data) && utf8.Valid(data) {
		return string(data), true
	}
	var b bytes.Buffer
	if json.Compact(&b, data) != nil || !utf8.Valid(b.Bytes()) {
		return "", false
	}
	return b.String(), true
}

func base64Text(data []byte) string { return base64.StdEncoding.EncodeToString(data) }
