package workflow

import (
	"fmt"

	"github.com/wfsim/wfsim/internal/run"
)

// versionPreferrer is a run.Driver that may choose the version GetVersion
// records for a new change (worker.Options' PreferredVersionProvider in
// the test environment). ok is false when it has no preference: then
// GetVersion records maxSupported.
type versionPreferrer interface {
	PreferredVersion(info *Info, changeID string, minSupported, maxSupported Version) (version Version, clamp, ok bool)
}

// preferredVersion is the version to record for a change reached for the
// first time, outside replay: the driver's preference when it has one,
// maxSupported otherwise. A preference outside the supported range fails
// the task with Temporal's text, unless it asks to be clamped.
func (s *runState) preferredVersion(changeID string, minSupported, maxSupported Version) Version {
	d, ok := s.start.Driver.(versionPreferrer)
	if !ok {
		return maxSupported
	}
	v, clamp, ok := d.PreferredVersion(&s.info, changeID, minSupported, maxSupported)
	switch {
	case !ok:
		return maxSupported
	case v >= minSupported && v <= maxSupported:
		return v
	case clamp && v < minSupported:
		return minSupported
	case clamp:
		return maxSupported
	}
	panic(&run.IllegalStateError{Message: fmt.Sprintf("[TMPRL1100] Preferred version %v for %q change ID is not supported. "+
		"Supported versions are between %v and %v.", v, changeID, minSupported, maxSupported)})
}
