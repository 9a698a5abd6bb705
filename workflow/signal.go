package workflow

import "math"

// GetSignalChannel returns the channel on which signals named signalName
// arrive. Signals are buffered without bound until received, in the order
// they were sent.
func GetSignalChannel(ctx Context, signalName string) ReceiveChannel {
	return getState(ctx).signalChannel(signalName)
}

func (s *runState) signalChannel(name string) *channelImpl {
	c := s.signals[name]
	if c == nil {
		c = newChannel(s, name, math.MaxInt)
		s.signals[name] = c
		s.signalNames = append(s.signalNames, name)
	}
	return c
}

// GetUnhandledSignalNames returns the names of signals that arrived but were
// not received yet, in the order their channels were created.
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
