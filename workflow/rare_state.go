package workflow

import "github.com/wfsim/wfsim/converter"

// rareState is the part of a run's state that many runs never touch: a
// run with only activities, timers and signals makes none. Out of the
// run's allocation (see instance), it keeps that allocation in the
// 1792-byte size class instead of the 2048-byte one; a run that needs it
// pays one allocation (rareForWrite).
type rareState struct {
	// fc is the run's failure converter when not the default
	// (failure_converter.go); prop its context propagation, nil without
	// propagators (context_propagation.go).
	fc   *customFailureConverter
	prop *propagation
	// signalChans are the signal channels in the order they were created;
	// signalIndex finds them by name once there are many (signal.go).
	signalChans []*channelImpl
	signalIndex map[string]*channelImpl
	queries     map[string]*queryHandler
	// updates holds the update handlers and requests (update.go).
	updates *updates
	// sideEffectID counts side effects; changes are the GetVersion
	// results of this run and sideEffects the recorded side effects being
	// replayed, each made on first write.
	sideEffectID int64
	changes      map[string]int
	sideEffects  map[int64]*converter.Payloads
	// local holds the local activity attempts and the recorded markers
	// being replayed (local_activity.go).
	local localActivities
	// comp holds external requests and mutable side effects (child.go).
	comp composition
}

// rareForWrite returns the run's rare state, made on first use.
func (s *runState) rareForWrite() *rareState {
	if s.rare == nil {
		s.rare = new(rareState)
	}
	return s.rare
}

// signalChannels returns the run's signal channels in the order they were
// created.
func (s *runState) signalChannels() []*channelImpl {
	if s.rare == nil {
		return nil
	}
	return s.rare.signalChans
}

// propagation returns the run's context propagation, nil without
// propagators.
func (s *runState) propagation() *propagation {
	if s.rare == nil {
		return nil
	}
	return s.rare.prop
}

// queryHandlers returns the run's query handlers by name, nil before the
// first.
func (s *runState) queryHandlers() map[string]*queryHandler {
	if s.rare == nil {
		return nil
	}
	return s.rare.queries
}

// updatesOrNil returns the run's updates, nil before the first.
func (s *runState) updatesOrNil() *updates {
	if s.rare == nil {
		return nil
	}
	return s.rare.updates
}
