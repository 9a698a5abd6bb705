package workflow

import (
	"math"
	"strings"
)

// SignalChannelOptions configure a signal channel.
type SignalChannelOptions struct {
	// Description is a short description of the signal, for tools.
	Description string
}

// GetSignalChannel returns the channel on which signals named signalName
// arrive: the same channel for every call with that name. Signals are
// buffered without bound until received, in the order they were recorded,
// so none is lost while the workflow is busy elsewhere. A signal whose value
// does not fit the receiver's type is logged and dropped, as in Temporal.
//
// Signals reach the workflow at the start of a workflow task, before its
// coroutines run; a signal that arrives with the workflow's start
// (SignalWithStart) is in the channel when the workflow function begins.
//
// Names starting with "__temporal_" are reserved: asking for one panics
// with "__temporal_ is a reserved prefix", as in Temporal, which fails the
// workflow task.
func GetSignalChannel(ctx Context, signalName string) ReceiveChannel {
	if strings.HasPrefix(signalName, reservedPrefix) && !strings.HasPrefix(signalName, workflowStreamPrefix) {
		panic(reservedPrefixError)
	}
	return getState(ctx).signalChannel(signalName)
}

const (
	// reservedPrefix starts the names Temporal keeps for itself.
	reservedPrefix      = "__temporal_"
	reservedPrefixError = "__temporal_ is a reserved prefix"
	// workflowStreamPrefix starts the reserved signal names workflow
	// streams use, which workflow code may ask for.
	workflowStreamPrefix = "__temporal_workflow_stream_"
)

// GetSignalChannelWithOptions is GetSignalChannel with options.
func GetSignalChannelWithOptions(ctx Context, signalName string, options SignalChannelOptions) ReceiveChannel {
	c := GetSignalChannel(ctx, signalName)
	getState(ctx).describeSignal(signalName, options)
	return c
}

func (s *runState) signalChannel(name string) *channelImpl {
	if c := s.findSignalChannel(name); c != nil {
		return c
	}
	c := newChannel(s, name, math.MaxInt)
	r := s.rareForWrite()
	r.signalChans = append(r.signalChans, c)
	if r.signalIndex != nil {
		r.signalIndex[name] = c
	} else if len(r.signalChans) > signalsScanned {
		r.signalIndex = make(map[string]*channelImpl, 2*signalsScanned)
		for _, c := range r.signalChans {
			r.signalIndex[c.name] = c
		}
	}
	return c
}

// signalsScanned is how many signal channels a run finds by scanning its
// list: most runs have one or two, for which a map costs an allocation and
// a hash per signal.
const signalsScanned = 8

func (s *runState) findSignalChannel(name string) *channelImpl {
	if s.rare != nil && s.rare.signalIndex != nil {
		return s.rare.signalIndex[name]
	}
	for _, c := range s.signalChannels() {
		if c.name == name {
			return c
		}
	}
	return nil
}

// GetUnhandledSignalNames returns the names of signals that arrived but were
// not received yet, in the order their channels were created. Check it
// before returning or continuing as new, so that no signal is lost.
func GetUnhandledSignalNames(ctx Context) []string {
	s := getState(ctx)
	var names []string
	for _, c := range s.signalChannels() {
		if c.Len() > 0 {
			names = append(names, c.name)
		}
	}
	return names
}
