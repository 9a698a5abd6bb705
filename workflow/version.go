package workflow

import (
	"fmt"
	"slices"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// Version is a version of workflow code returned by GetVersion.
type Version int

// DefaultVersion is the version of code that was not versioned before:
// what GetVersion returns, while replaying, for a change the history does
// not record.
const DefaultVersion Version = -1

// TemporalChangeVersion is the search attribute GetVersion sets to the
// change versions a run uses ("<changeID>-<version>"), so runs can be found
// by the code they run.
const TemporalChangeVersion = "TemporalChangeVersion"

// changeVersionSizeLimit is the largest TemporalChangeVersion value GetVersion
// upserts; beyond it the marker records that the upsert was skipped, as
// Temporal's SDK does to stay under the server's value size limit.
const changeVersionSizeLimit = 2048

// flagLimitChangeVersionSASize is Temporal's SDK flag 1.
const flagLimitChangeVersionSASize uint32 = 1

// GetVersion returns the version of the code to run for a change, so that
// workflow code can change incompatibly while runs of the old code are
// still open:
//
//	v := workflow.GetVersion(ctx, "charge-card", workflow.DefaultVersion, 1)
//	if v == workflow.DefaultVersion {
//		// the code as it was before the change
//	} else {
//		// the new code
//	}
//
// The first time a run reaches the call, GetVersion returns maxSupported (or
// the version the worker's PreferredVersionProvider prefers) and records it
// in the history (a "Version" marker and a TemporalChangeVersion
// search attribute). Replaying that history it returns the recorded
// version; replaying a history that has no record of the change it returns
// DefaultVersion. Later calls for the same changeID return the same version.
//
// A recorded version outside [minSupported, maxSupported] fails the
// workflow task with Temporal's [TMPRL1100] errors: the code no longer
// supports the version the run started with.
func GetVersion(ctx Context, changeID string, minSupported, maxSupported Version) Version {
	return getState(ctx).getVersion(changeID, minSupported, maxSupported)
}

func (s *runState) getVersion(changeID string, minSupported, maxSupported Version) Version {
	if v, ok := s.rareForWrite().changes[changeID]; ok {
		validateVersion(changeID, Version(v), minSupported, maxSupported)
		return Version(v)
	}
	version := maxSupported
	switch {
	case s.replaying:
		version = DefaultVersion
	default:
		mocked := false
		if v, ok := s.versionHook(changeID, int(minSupported), int(maxSupported)); ok {
			version, mocked = Version(v), true
		} else {
			version = s.preferredVersion(changeID, minSupported, maxSupported)
		}
		s.recordVersion(changeID, version)
		if mocked {
			// A test's OnGetVersion answer is taken as given, the way
			// Temporal's test environment takes it: that is how a test
			// reaches the branches of old versions.
			s.setChange(changeID, int(version))
			return version
		}
	}
	validateVersion(changeID, version, minSupported, maxSupported)
	s.setChange(changeID, int(version))
	return version
}

// validateVersion fails the task, with Temporal's texts, when the code does
// not support a version.
func validateVersion(changeID string, version, minSupported, maxSupported Version) {
	if version < minSupported {
		panic(&run.IllegalStateError{Message: fmt.Sprintf("[TMPRL1100] Workflow code removed support of version %v. "+
			"for \"%v\" changeID. The oldest supported version is %v", version, changeID, minSupported)})
	}
	if version > maxSupported {
		panic(&run.IllegalStateError{Message: fmt.Sprintf("[TMPRL1100] Workflow code is too old to support version %v "+
			"for \"%v\" changeID. The maximum supported version is %v", version, changeID, maxSupported)})
	}
}

// recordVersion issues the Version marker of a change and, unless the
// value grew too large, the TemporalChangeVersion upsert that follows it.
func (s *runState) recordVersion(changeID string, version Version) {
	changes := []string{changeVersion(changeID, version)}
	// Temporal lists the other changes in map order; sorting them keeps
	// the history the same on every run.
	r := s.rareForWrite()
	others := make([]string, 0, len(r.changes))
	for id, v := range r.changes {
		others = append(others, changeVersion(id, Version(v)))
	}
	slices.Sort(others)
	changes = append(changes, others...)
	sa, err := converter.GetDefaultDataConverter().ToPayload(changes)
	if err != nil {
		panic(err) // a []string always encodes
	}
	// Temporal's SDK applies the size limit under SDK flag 1, which it
	// records whenever it records a version.
	s.useFlag(flagLimitChangeVersionSASize)
	upsert := len(sa.Data) < changeVersionSizeLimit
	details := map[string]*converter.Payloads{
		versionChangeIDKey: s.markerPayloads(changeID),
		versionKey:         s.markerPayloads(version),
	}
	if !upsert {
		details[versionUpsertedKey] = s.markerPayloads(false)
	}
	s.book.add(newCommand(run.Command{Kind: run.CommandRecordMarker, ID: versionMarkerName + "_" + changeID,
		Marker: &run.Marker{Name: versionMarkerName, Details: details}}))
	if upsert {
		s.upsertSearchAttributes(changes[0], map[string]*converter.Payload{TemporalChangeVersion: sa})
	}
}

func changeVersion(changeID string, version Version) string {
	return fmt.Sprintf("%s-%v", changeID, version)
}

// preloadVersion makes a recorded Version marker known before the task's
// code runs, and tells the event-ID prediction to skip its events.
func (s *runState) preloadVersion(ev *run.Event) {
	var changeID string
	var version Version
	if !s.decodeDetail(ev, versionChangeIDKey, &changeID) || !s.decodeDetail(ev, versionKey, &version) {
		return
	}
	upserted := true
	if _, ok := ev.Details[versionUpsertedKey]; ok {
		s.decodeDetail(ev, versionUpsertedKey, &upserted)
	}
	if _, dup := s.book.versionMarkers[ev.EventID]; dup {
		panic(&run.IllegalStateError{Message: fmt.Sprintf("[TMPRL1100] marker event already exists for eventID in lookup: eventID: %v, changeID: %v", ev.EventID, changeID)})
	}
	s.setChange(changeID, int(version))
	if s.book.versionMarkers == nil {
		s.book.versionMarkers = make(map[int64]bool)
	}
	s.book.versionMarkers[ev.EventID] = upserted
}

// setChange records the version GetVersion returns for changeID.
func (s *runState) setChange(changeID string, version int) {
	r := s.rareForWrite()
	if r.changes == nil {
		r.changes = make(map[string]int)
	}
	r.changes[changeID] = version
}
