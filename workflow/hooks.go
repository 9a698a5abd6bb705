package workflow

import "github.com/wfsim/wfsim/internal/run"

// The driver's answers to requests that are not commands, from its
// run.Driver (none while replaying).

// versionHook is the driver's answer to a GetVersion recorded for the
// first time; ok is false when it has none.
func (s *runState) versionHook(changeID string, minSupported, maxSupported int) (version int, ok bool) {
	if d := s.start.Driver; d != nil {
		return d.GetVersion(changeID, minSupported, maxSupported)
	}
	return 0, false
}

// localActivityHook asks the driver to run a local activity attempt.
func (s *runState) localActivityHook(la run.LocalActivity) {
	if d := s.start.Driver; d != nil {
		d.StartLocalActivity(la)
	}
}

// cancelLocalActivityHook asks the driver to cancel a local activity's
// attempt.
func (s *runState) cancelLocalActivityHook(activityID string) {
	if d := s.start.Driver; d != nil {
		d.CancelLocalActivity(activityID)
	}
}
