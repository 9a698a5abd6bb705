package protobuf_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	"github.com/wfsim/wfsim/replay"
)

// The payloads of two histories are compared by what they hold, decoded
// by the protobuf runtime (google.golang.org/protobuf, the reference) and
// encoding/json, not byte for byte: protojson's output varies its spacing
// from build to build on purpose, and binary map entries come in any
// order.

// recordedPayload is one payload of a history, as its JSON has it.
type recordedPayload struct {
	// Where is the event type and the path inside the event's
	// attributes, e.g. "ActivityTaskScheduled input.payloads[0]".
	Where    string
	Metadata map[string]string
	Data     []byte
}

// decoded is the payload's value: a proto.Message for the protobuf
// encodings, a JSON value for json/plain, the bytes otherwise.
func (p recordedPayload) decoded() (any, error) {
	switch p.Metadata["encoding"] {
	case "json/protobuf", "binary/protobuf":
		if p.Metadata["encoding"] == "json/protobuf" && string(p.Data) == "null" {
			// Temporal's ProtoJSONPayloadConverter decodes it as a nil
			// message (a google.protobuf.Value set to null encodes so)
			return "null", nil
		}
		m, err := newMessage(p.Metadata["messageType"])
		if err != nil {
			return nil, err
		}
		if p.Metadata["encoding"] == "json/protobuf" {
			err = protojson.Unmarshal(p.Data, m)
		} else {
			err = proto.Unmarshal(p.Data, m)
		}
		return m, err
	case "json/plain":
		var v any
		err := json.Unmarshal(p.Data, &v)
		if m, ok := v.(map[string]any); ok && strings.HasPrefix(p.Where, "MarkerRecorded ") {
			// a local activity marker's data: the worker's wall clock
			// on the server, the virtual clock in wfsim
			delete(m, "ReplayTime")
		}
		return v, err
	}
	return p.Data, nil
}

// newMessage returns a new message of the named type, from the types
// linked into this test.
func newMessage(name string) (proto.Message, error) {
	mt, err := protoregistry.GlobalTypes.FindMessageByName(protoreflect.FullName(name))
	if err != nil {
		return nil, fmt.Errorf("message type %q: %w", name, err)
	}
	return mt.New().Interface(), nil
}

// historyPayloads returns every payload of the history's JSON, in event
// order, with where it was found.
func historyPayloads(historyJSON []byte) ([]recordedPayload, error) {
	var h struct {
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal(historyJSON, &h); err != nil {
		return nil, err
	}
	var out []recordedPayload
	for _, ev := range h.Events {
		typ, _ := ev["eventType"].(string)
		typ = eventTypeName(typ)
		for k, v := range ev {
			if strings.HasSuffix(k, "EventAttributes") {
				walkPayloads(typ+" ", v, &out)
			}
			if k == "userMetadata" {
				walkPayloads(typ+" userMetadata.", v, &out)
			}
		}
	}
	return out, nil
}

// eventTypeName turns "EVENT_TYPE_TIMER_STARTED" into "TimerStarted", and
// leaves "TimerStarted" alone.
func eventTypeName(s string) string {
	if !strings.HasPrefix(s, "EVENT_TYPE_") {
		return s
	}
	var b strings.Builder
	for _, w := range strings.Split(strings.TrimPrefix(s, "EVENT_TYPE_"), "_") {
		b.WriteString(w[:1] + strings.ToLower(w[1:]))
	}
	return b.String()
}

func walkPayloads(path string, v any, out *[]recordedPayload) {
	switch v := v.(type) {
	case map[string]any:
		if md, ok := v["metadata"].(map[string]any); ok && md["encoding"] != nil {
			p := recordedPayload{Where: strings.TrimSuffix(path, "."), Metadata: map[string]string{}}
			for k, x := range md {
				b, _ := base64.StdEncoding.DecodeString(x.(string))
				p.Metadata[k] = string(b)
			}
			if d, ok := v["data"].(string); ok {
				p.Data, _ = base64.StdEncoding.DecodeString(d)
			}
			*out = append(*out, p)
			return
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			walkPayloads(path+k+".", v[k], out)
		}
	case []any:
		for i, x := range v {
			walkPayloads(fmt.Sprintf("%s[%d].", strings.TrimSuffix(path, "."), i), x, out)
		}
	}
}

// fileHistoryPayloads reads a recorded history file's payloads.
func fileHistoryPayloads(path string) ([]recordedPayload, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return historyPayloads(b)
}

// wfsimHistoryPayloads returns the payloads of a history wfsim recorded,
// through its Temporal JSON form.
func wfsimHistoryPayloads(h *replay.History) ([]recordedPayload, error) {
	var buf bytes.Buffer
	if err := h.WriteJSON(&buf); err != nil {
		return nil, err
	}
	return historyPayloads(buf.Bytes())
}

// byWhere groups payloads by where they were found, keeping their order.
func byWhere(ps []recordedPayload) map[string][]recordedPayload {
	m := map[string][]recordedPayload{}
	for _, p := range ps {
		m[p.Where] = append(m[p.Where], p)
	}
	return m
}
