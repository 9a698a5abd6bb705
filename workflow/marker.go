package workflow

import (
	"fmt"
	"strconv"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// The marker names and detail keys of Temporal's Go SDK
// (../shared/histories/FORMAT.md §6). Histories must carry them exactly.
const (
	sideEffectMarkerName        = "SideEffect"
	versionMarkerName           = "Version"
	mutableSideEffectMarkerName = "MutableSideEffect"
	localActivityMarkerName     = "LocalActivity"

	sideEffectIDKey       = "side-effect-id"
	sideEffectDataKey     = "data"
	versionChangeIDKey    = "change-id"
	versionKey            = "version"
	versionUpsertedKey    = "version-search-attribute-updated"
	mutableCallCounterKey = "mutable-side-effect-call-counter"
)

// applyMarker handles a MarkerRecorded event of the run's history: the
// marker a command of this run recorded. Its value was known when the
// command was issued (or preloaded while replaying), so the event only
// ends the command; a local activity marker resolves its activity.
func (s *runState) applyMarker(ev *run.Event) {
	if ev.Name == localActivityMarkerName {
		s.applyLocalActivityMarker(ev)
		return
	}
	id, ok := s.markerCommandID(ev)
	if !ok {
		return
	}
	if c := s.book.get(run.CommandRecordMarker, id); c != nil && c.state != commandCreated {
		s.book.done(c)
	}
}

// markerCommandID returns the ID of the command that recorded a marker, as
// the functions that issue markers name them.
func (s *runState) markerCommandID(ev *run.Event) (string, bool) {
	switch ev.Name {
	case sideEffectMarkerName:
		var id int64
		if s.decodeDetail(ev, sideEffectIDKey, &id) {
			return sideEffectMarkerName + "_" + strconv.FormatInt(id, 10), true
		}
	case versionMarkerName:
		var changeID string
		if s.decodeDetail(ev, versionChangeIDKey, &changeID) {
			return versionMarkerName + "_" + changeID, true
		}
	case mutableSideEffectMarkerName:
		var id string
		if s.decodeDetail(ev, sideEffectIDKey, &id) {
			return mutableSideEffectMarkerName + "_" + id, true
		}
	}
	return "", false
}

// preloadMarker makes a recorded marker's value known before the task's
// code runs, so that SideEffect, MutableSideEffect and GetVersion return
// what was recorded. Local activity markers are applied with the task's
// events instead, as Temporal's SDK applies them.
func (s *runState) preloadMarker(ev *run.Event) {
	if ev.Details == nil {
		s.badMarker(ev, "marker details are nil")
	}
	switch ev.Name {
	case sideEffectMarkerName:
		var id int64
		if s.decodeDetail(ev, sideEffectIDKey, &id) {
			data, ok := ev.Details[sideEffectDataKey]
			if !ok {
				s.badMarker(ev, fmt.Sprintf("key %q: marker key is missing in details", sideEffectDataKey))
			}
			r := s.rareForWrite()
			if r.sideEffects == nil {
				r.sideEffects = make(map[int64]*converter.Payloads)
			}
			r.sideEffects[id] = data
		}
	case versionMarkerName:
		s.preloadVersion(ev)
	case mutableSideEffectMarkerName:
		s.preloadMutableSideEffect(ev)
	case localActivityMarkerName:
		s.preloadLocalActivityMarker(ev)
	default:
		s.badMarker(ev, "unknown marker name")
	}
}

// decodeDetail decodes the first payload of a marker detail into valuePtr.
// A missing key fails the task, with Temporal's text.
func (s *runState) decodeDetail(ev *run.Event, key string, valuePtr any) bool {
	p, ok := ev.Details[key]
	if !ok {
		if s.replaying {
			s.badMarker(ev, fmt.Sprintf("key %q: marker key is missing in details", key))
		}
		return false
	}
	if err := s.fromPayloads(p, valuePtr); err != nil {
		s.badMarker(ev, fmt.Sprintf("key %q: %v", key, err))
	}
	return true
}

func (s *runState) badMarker(ev *run.Event, msg string) {
	panic(&run.IllegalStateError{Message: fmt.Sprintf("marker name %q for eventId %d: %s", ev.Name, ev.EventID, msg)})
}

// markerPayloads encodes one marker detail value with the run's converter.
func (s *runState) markerPayloads(v any) *converter.Payloads {
	p, err := encodeValue(s.encoder(s.dc), v)
	if err != nil {
		panic(fmt.Errorf("workflow: encoding a marker detail: %w", err))
	}
	return p
}
