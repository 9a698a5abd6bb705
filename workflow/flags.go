package workflow

import "slices"

// Temporal's Go SDK changes behaviour that shapes histories behind SDK
// flags (its numbering, FORMAT.md §7). A worker records on a workflow
// task's completion the flags the task's code used for the first time; a
// replay takes the new path only where the history recorded its flag, from
// that task on. New runs take the new paths, except where Temporal's SDK
// keeps a flag off by default. wfsim does the same, so that its histories
// replay alike in both.
//
// The flags of other features are declared next to them: 1 in version.go,
// 2 in child.go, 3 and 4 in update.go, 7 in search_attributes.go.
const (
	// flagBlockedSelectorSignalReceive: a value a Selector's receive
	// branch takes off a channel waits in the channel until the branch
	// runs, so it is not lost when another branch (a default that blocks)
	// runs instead.
	flagBlockedSelectorSignalReceive uint32 = 5
	// flagCancelAwaitTimerOnCondition: AwaitWithTimeout cancels its timer
	// when the condition comes true first. Off by default in Temporal's
	// SDK, so new runs leave the timer running.
	flagCancelAwaitTimerOnCondition uint32 = 6
	// flagWorkflowNewChannelLostMessages: flag 5 applies only to Selectors
	// with a default branch, so that two Selectors waiting on one channel
	// each get their own value.
	flagWorkflowNewChannelLostMessages uint32 = 8
)

// flagOnByDefault reports whether new runs use a flag (Temporal's
// sdkFlagsAllowed).
func flagOnByDefault(f uint32) bool { return f != flagCancelAwaitTimerOnCondition }

// addFlags notes the flags a task's completion recorded. They stay on for
// the rest of the run, as in Temporal's SDK.
func (s *runState) addFlags(flags []uint32) {
	for _, f := range flags {
		if i, found := slices.BinarySearch(s.flags, f); !found {
			if s.flags == nil {
				s.flags = s.firstFlag[:0]
			}
			s.flags = slices.Insert(s.flags, i, f)
		}
	}
}

// tryFlag reports whether the code may take the path behind a flag:
// always where the history or the run already has it; while replaying,
// never otherwise; in a new run, when the flag is on by default, which
// records it (Temporal's tryUse).
func (s *runState) tryFlag(f uint32) bool {
	if _, found := slices.BinarySearch(s.flags, f); found {
		return true
	}
	if _, found := slices.BinarySearch(s.usedFlags, f); found {
		return true
	}
	if s.replaying || !flagOnByDefault(f) {
		return false
	}
	s.useFlag(f)
	return true
}

// useFlag notes that the run's code used an SDK flag, for the simulator to
// record. While replaying, the history says which flags were used.
func (s *runState) useFlag(f uint32) {
	if s.replaying {
		return
	}
	if i, found := slices.BinarySearch(s.usedFlags, f); !found {
		if s.usedFlags == nil {
			s.usedFlags = s.firstUsedFlag[:0]
		}
		s.usedFlags = slices.Insert(s.usedFlags, i, f)
	}
}

// UsedFlags implements run.FlagUser.
func (in *instance) UsedFlags() []uint32 { return in.state.usedFlags }
