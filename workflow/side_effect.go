package workflow

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// SideEffect runs f once and records its result in the history, so that
// nondeterministic code (a random number, a new UUID) gives the same value
// every time the workflow replays: while replaying, f is not called and
// the recorded value is returned.
//
//	var id string
//	_ = workflow.SideEffect(ctx, func(ctx workflow.Context) any { return uuid() }).Get(&id)
//
// f must not block or call other workflow functions. A value the data
// converter cannot encode panics, failing the workflow task.
func SideEffect(ctx Context, f func(ctx Context) any) converter.EncodedValue {
	return sideEffect(ctx, f, "")
}

// sideEffect is SideEffect whose marker records summary, if not empty.
func sideEffect(ctx Context, f func(ctx Context) any, summary string) converter.EncodedValue {
	s := getState(ctx)
	rare := s.rareForWrite()
	rare.sideEffectID++
	id := rare.sideEffectID
	f = s.mockedSideEffect(f)
	var result *converter.Payloads
	if s.replaying {
		r, ok := rare.sideEffects[id]
		if !ok {
			known := make([]int64, 0, len(rare.sideEffects))
			for k := range rare.sideEffects {
				known = append(known, k)
			}
			slices.Sort(known)
			panic(&run.IllegalStateError{Message: fmt.Sprintf("[TMPRL1100] No cached result found for side effectID=%v. KnownSideEffects=%v", id, known)})
		}
		delete(rare.sideEffects, id)
		result = r
	} else {
		p, err := encodeValue(s.encoder(s.dcOf(ctx)), s.readOnlyValue("side effect function", ctx, f))
		if err != nil {
			panic(fmt.Errorf("workflow: SideEffect: encoding its result: %w", err))
		}
		result = p
	}
	cmd := run.Command{Kind: run.CommandRecordMarker, ID: sideEffectMarkerName + "_" + strconv.FormatInt(id, 10),
		Marker: &run.Marker{Name: sideEffectMarkerName, Details: map[string]*converter.Payloads{
			sideEffectIDKey:   s.markerPayloads(id),
			sideEffectDataKey: result,
		}}}
	if summary != "" {
		cmd.Summary = s.summaryPayload(summary)
	}
	s.book.add(newCommand(cmd))
	return converter.NewEncodedValue(result, s.dcOf(ctx))
}

// mutableSideEffects is the state of a run's MutableSideEffect calls.
type mutableSideEffects struct {
	// calls counts the calls made for each ID.
	calls map[string]int
	// values holds, for each ID, the values recorded by call count.
	values map[string]map[int]*converter.Payloads
	// recorded holds the "<id>_<eventID>" of the markers the history
	// records, which replay must record again at the same place.
	recorded map[string]bool
}

func (m *mutableSideEffects) init() {
	if m.calls == nil {
		m.calls = make(map[string]int)
		m.values = make(map[string]map[int]*converter.Payloads)
		m.recorded = make(map[string]bool)
	}
}

// current returns the value recorded for id at or before the given call,
// dropping older values that can no longer be asked for.
func (m *mutableSideEffects) current(id string, call int) *converter.Payloads {
	byCall := m.values[id]
	best := -1
	for c := range byCall {
		if c <= call && c > best {
			best = c
		}
	}
	if best < 0 {
		return nil
	}
	for c := range byCall {
		if c < best {
			delete(byCall, c)
		}
	}
	return byCall[best]
}

// MutableSideEffect runs f and records its result in the history when it
// differs, by equals, from the value last recorded for id. It returns the
// recorded value; while replaying, f is not called and the values the
// history records are returned at the same points of the code. Use it for
// values that change rarely, such as configuration, without recording a
// marker at every call.
func MutableSideEffect(ctx Context, id string, f func(ctx Context) any, equals func(a, b any) bool) converter.EncodedValue {
	return mutableSideEffect(ctx, id, f, equals, "")
}

// mutableSideEffect is MutableSideEffect whose markers record summary, if
// not empty.
func mutableSideEffect(ctx Context, id string, f func(ctx Context) any, equals func(a, b any) bool, summary string) converter.EncodedValue {
	s := getState(ctx)
	m := &s.rareForWrite().comp.mutable
	m.init()
	m.calls[id]++
	call := m.calls[id]
	f = s.mockedMutableSideEffect(id, f)
	if old := m.current(id, call); old != nil {
		if s.replaying {
			// The history records a new value at this point only if
			// the first run recorded one here.
			if m.recorded[fmt.Sprintf("%v_%v", id, s.book.nextID())] {
				return s.recordMutableSideEffect(id, call, old, summary)
			}
			return converter.NewEncodedValue(old, s.dc)
		}
		v := s.readOnlyValue("mutable side effect function", ctx, f)
		if s.mutableEqual(v, old, equals) {
			return converter.NewEncodedValue(old, s.dc)
		}
		return s.recordMutableSideEffect(id, call, s.encodeMutable(v), summary)
	}
	if s.replaying {
		panic(&run.IllegalStateError{Message: fmt.Sprintf("[TMPRL1100] Non deterministic workflow code change detected. "+
			"MutableSideEffect API call doesn't have a correspondent event in the workflow history. MutableSideEffect ID: %s", id)})
	}
	return s.recordMutableSideEffect(id, call, s.encodeMutable(s.readOnlyValue("mutable side effect function", ctx, f)), summary)
}

func (s *runState) encodeMutable(v any) *converter.Payloads {
	p, err := encodeValue(s.encoder(s.dc), v)
	if err != nil {
		panic(fmt.Errorf("workflow: MutableSideEffect: encoding its value: %w", err))
	}
	return p
}

// mutableEqual compares a new value with the recorded one by equals, after
// decoding the recorded one into the new value's type. A nil value is
// compared by its encoding, so equals never sees a nil.
func (s *runState) mutableEqual(v any, old *converter.Payloads, equals func(a, b any) bool) bool {
	if v == nil {
		p := s.encodeMutable(nil)
		ps, olds := p.GetPayloads(), old.GetPayloads()
		return len(ps) == len(olds) && (len(ps) == 0 || bytes.Equal(ps[0].Data, olds[0].Data) && ps[0].Encoding() == olds[0].Encoding())
	}
	ptr := reflect.New(reflect.TypeOf(v))
	if err := s.dc.FromPayloads(old, ptr.Interface()); err != nil {
		panic(fmt.Errorf("workflow: MutableSideEffect: decoding the recorded value: %w", err))
	}
	return equals(v, ptr.Elem().Interface())
}

// recordMutableSideEffect issues a MutableSideEffect marker. Its detail
// "data" holds the ID and the value as a json/protobuf Payloads message,
// the way Temporal's SDK encodes it.
func (s *runState) recordMutableSideEffect(id string, call int, data *converter.Payloads, summary string) converter.EncodedValue {
	markerID := fmt.Sprintf("%v_%v", id, s.book.nextID())
	// The message goes through the data converter as a RawValue: not
	// converted again, but encoded by its codecs, as Temporal's SDK
	// encodes the two values with the worker's data converter.
	idAndData, err := s.dc.ToPayloads(id, converter.NewRawValue(payloadsMessage(data)))
	if err != nil {
		panic(fmt.Errorf("workflow: MutableSideEffect: encoding its ID: %w", err))
	}
	cmd := run.Command{Kind: run.CommandRecordMarker, ID: mutableSideEffectMarkerName + "_" + markerID,
		Marker: &run.Marker{Name: mutableSideEffectMarkerName, Details: map[string]*converter.Payloads{
			sideEffectIDKey:       s.markerPayloads(markerID),
			sideEffectDataKey:     idAndData,
			mutableCallCounterKey: s.markerPayloads(call),
		}}}
	if summary != "" {
		cmd.Summary = s.summaryPayload(summary)
	}
	s.book.add(newCommand(cmd))
	m := &s.rareForWrite().comp.mutable
	if m.values[id] == nil {
		m.values[id] = make(map[int]*converter.Payloads)
	}
	m.values[id][call] = data
	return converter.NewEncodedValue(data, s.dc)
}

// payloadsMessage encodes payloads as Temporal's json/protobuf
// temporal.api.common.v1.Payloads message.
func payloadsMessage(p *converter.Payloads) *converter.Payload {
	list := p.GetPayloads()
	if list == nil {
		list = []*converter.Payload{} // "payloads":[], as Temporal writes it
	}
	data, err := json.Marshal(struct {
		Payloads []*converter.Payload `json:"payloads"`
	}{list})
	if err != nil {
		panic(fmt.Errorf("workflow: encoding payloads: %w", err))
	}
	return &converter.Payload{
		Metadata: map[string][]byte{
			converter.MetadataEncoding:    []byte(converter.EncodingProtoJSON),
			converter.MetadataMessageType: []byte("temporal.api.common.v1.Payloads"),
		},
		Data: data,
	}
}

// preloadMutableSideEffect makes a recorded MutableSideEffect value known
// before the task's code runs.
func (s *runState) preloadMutableSideEffect(ev *run.Event) {
	m := &s.rareForWrite().comp.mutable
	m.init()
	var markerID string
	if !s.decodeDetail(ev, sideEffectIDKey, &markerID) {
		return
	}
	data, ok := ev.Details[sideEffectDataKey]
	if !ok || len(data.GetPayloads()) < 2 {
		s.badMarker(ev, fmt.Sprintf("key %q: marker key is missing in details", sideEffectDataKey))
	}
	var id string
	if err := s.fromPayload(data.Payloads[0], &id); err != nil {
		s.badMarker(ev, fmt.Sprintf("key %q: %v", sideEffectDataKey, err))
	}
	var raw converter.RawValue // the message, decoded by the codecs only
	if err := s.fromPayload(data.Payloads[1], &raw); err != nil {
		s.badMarker(ev, fmt.Sprintf("key %q: %v", sideEffectDataKey, err))
	}
	msg, err := decodePayloadsMessage(raw.Payload())
	if err != nil {
		s.badMarker(ev, fmt.Sprintf("key %q: %v", sideEffectDataKey, err))
	}
	call := m.calls[id] // histories of older SDKs carry no counter
	if _, ok := ev.Details[mutableCallCounterKey]; ok {
		s.decodeDetail(ev, mutableCallCounterKey, &call)
	}
	if m.values[id] == nil {
		m.values[id] = make(map[int]*converter.Payloads)
	}
	m.values[id][call] = msg
	m.recorded[markerID] = true
}
