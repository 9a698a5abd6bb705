package workflow

import "github.com/wfsim/wfsim/internal/run"

// The driver's answers to requests that are not commands: from its
// run.Driver when it gave one, else from its run.Hooks (any may be nil).

// versionHook is the driver's answer to a GetVersion recorded for the
// first time; ok is false when it has none.
func (s *runState) versionHook(changeID string, minSupported, maxSupported int) (version int, ok bool) {
	if d := s.start.Driver; d != nil {
		return d.GetVersion(changeID, minSupported, maxSupported)
	}
	if h := s.start.Hooks.Version; h != nil {
		return h(changeID, minSupported, maxSupported)
	}
	return 0, false
}

// localActivityHook asks the driver to run a local activity attempt.
func (s *runState) localActivityHook(la run.LocalActivity) {
	if d := s.start.Driver; d != nil {
		d.StartLocalActivity(la)
	} else if h := s.start.Hooks.LocalActivity; h != nil {
		h(la)
	}
}

// cancelLocalActivityHook asks the driver to cancel a local activity's
// attempt.
func (s *runState) cancelLocalActivityHook(activityID string) {
	if d := s.start.Driver; d != nil {
		d.CancelLocalActivity(activityID)
	} else if h := s.start.Hooks.CancelLocalActivity; h != nil {
		h(activityID)
	}
}
