package workflow

import "math"

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
func GetSignalChannel(ctx Context, signalName string) ReceiveChannel {
	return getState(ctx).signalChannel(signalName)
}

// GetSignalChannelWithOptions is GetSignalChannel with options.
func GetSignalChannelWithOptions(ctx Context, signalName string, options SignalChannelOptions) ReceiveChannel {
	return GetSignalChannel(ctx, signalName)
}

func (s *runState) signalChannel(name string) *channelImpl {
	c := s.signals[name]
	if c == nil {
		c = newChannel(s, name, math.MaxInt)
		if s.signals == nil {
			s.signals = make(map[string]*channelImpl)
		}
		s.signals[name] = c
		s.signalNames = append(s.signalNames, name)
	}
	return c
}

// GetUnhandledSignalNames returns the names of signals that arrived but were
// not received yet, in the order their channels were created. Check it
// before returning or continuing as new, so that no signal is lost.
func GetUnhandledSignalNames(ctx Context) []string {
	s := getState(ctx)
	var names []string
	for _, n := range s.signalNames {
		if s.signals[n].Len() > 0 {
			names = append(names, n)
		}
	}
	return names
}
