package testsuite

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/workflow"
)

// TestSameCommandsKnowsEveryField fails when a field is added to a type
// sameCommand compares field by field: compare it there too (or leave the
// commands that set it to reflect.DeepEqual, in plainCommand), then add it
// here.
func TestSameCommandsKnowsEveryField(t *testing.T) {
	t.Parallel()
	cases := []struct {
		typ  reflect.Type
		want []string
	}{
		{reflect.TypeFor[run.Command](), []string{"Kind", "ID", "Activity", "ScheduledEventID", "TimerDuration", "Marker",
			"Result", "Failure", "ContinueAsNew", "Child", "External", "SearchAttributes", "Memo", "Update", "Summary", "Priority"}},
		{reflect.TypeFor[run.ScheduleActivity](), []string{"ActivityType", "TaskQueue", "Input", "Header",
			"ScheduleToCloseTimeout", "ScheduleToStartTimeout", "StartToCloseTimeout", "HeartbeatTimeout", "RetryPolicy"}},
		{reflect.TypeFor[wfsim.RetryPolicy](), []string{"InitialInterval", "BackoffCoefficient", "MaximumInterval",
			"MaximumAttempts", "NonRetryableErrorTypes"}},
		{reflect.TypeFor[converter.Payload](), []string{"Metadata", "Data"}},
	}
	for _, c := range cases {
		var got []string
		for i := range c.typ.NumField() {
			got = append(got, c.typ.Field(i).Name)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%v has fields %v; sameCommand knows %v", c.typ, got, c.want)
		}
	}
}

// TestSameCommandsIsDeepEqual checks the comparison of a task's kept
// commands with a rebuild's (issuedTasks.same) against reflect.DeepEqual
// on copies of commands, each changed in one place.
func TestSameCommandsIsDeepEqual(t *testing.T) {
	t.Parallel()
	payload := func(data string) *converter.Payload {
		return &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(data)}
	}
	base := func() []run.Command {
		return []run.Command{
			{Kind: run.CommandScheduleActivity, ID: "5", Activity: &run.ScheduleActivity{
				ActivityType: "Book", TaskQueue: "q", Input: &converter.Payloads{Payloads: []*converter.Payload{payload("1")}},
				StartToCloseTimeout: 10 * time.Second,
				RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumAttempts: 3,
					NonRetryableErrorTypes: []string{"A"}},
			}},
			{Kind: run.CommandStartTimer, ID: "7", TimerDuration: time.Minute},
			{Kind: run.CommandRequestCancelActivity, ID: "5", ScheduledEventID: 5},
			{Kind: run.CommandCompleteWorkflow, Result: &converter.Payloads{Payloads: []*converter.Payload{payload(`["a"]`)}}},
			{Kind: run.CommandFailWorkflow, Failure: &wfsim.Failure{Message: "boom"}},
		}
	}
	changes := map[string]func(cs []run.Command) []run.Command{
		"none":               func(cs []run.Command) []run.Command { return cs },
		"nil":                func([]run.Command) []run.Command { return nil },
		"empty":              func([]run.Command) []run.Command { return []run.Command{} },
		"shorter":            func(cs []run.Command) []run.Command { return cs[:4] },
		"kind":               func(cs []run.Command) []run.Command { cs[1].Kind = run.CommandCancelTimer; return cs },
		"ID":                 func(cs []run.Command) []run.Command { cs[1].ID = "8"; return cs },
		"timer duration":     func(cs []run.Command) []run.Command { cs[1].TimerDuration++; return cs },
		"scheduled event ID": func(cs []run.Command) []run.Command { cs[2].ScheduledEventID++; return cs },
		"activity type":      func(cs []run.Command) []run.Command { cs[0].Activity.ActivityType = "Undo"; return cs },
		"activity ID":        func(cs []run.Command) []run.Command { cs[0].ID = "6"; return cs },
		"task queue":         func(cs []run.Command) []run.Command { cs[0].Activity.TaskQueue = "r"; return cs },
		"timeout":            func(cs []run.Command) []run.Command { cs[0].Activity.HeartbeatTimeout = 1; return cs },
		"no activity":        func(cs []run.Command) []run.Command { cs[0].Activity = nil; return cs },
		"input data":         func(cs []run.Command) []run.Command { cs[0].Activity.Input.Payloads[0].Data = []byte("2"); return cs },
		"input empty data":   func(cs []run.Command) []run.Command { cs[0].Activity.Input.Payloads[0].Data = []byte{}; return cs },
		"input nil data":     func(cs []run.Command) []run.Command { cs[0].Activity.Input.Payloads[0].Data = nil; return cs },
		"input nil metadata": func(cs []run.Command) []run.Command { cs[0].Activity.Input.Payloads[0].Metadata = nil; return cs },
		"input empty metadata": func(cs []run.Command) []run.Command {
			cs[0].Activity.Input.Payloads[0].Metadata = map[string][]byte{}
			return cs
		},
		"input metadata value": func(cs []run.Command) []run.Command {
			cs[0].Activity.Input.Payloads[0].Metadata["encoding"] = []byte("x")
			return cs
		},
		"input metadata key": func(cs []run.Command) []run.Command {
			cs[0].Activity.Input.Payloads[0].Metadata = map[string][]byte{"e": nil}
			return cs
		},
		"input nil payload": func(cs []run.Command) []run.Command { cs[0].Activity.Input.Payloads[0] = nil; return cs },
		"input nil":         func(cs []run.Command) []run.Command { cs[0].Activity.Input = nil; return cs },
		"input empty":       func(cs []run.Command) []run.Command { cs[0].Activity.Input = &converter.Payloads{}; return cs },
		"header": func(cs []run.Command) []run.Command {
			cs[0].Activity.Header = map[string]*converter.Payload{}
			return cs
		},
		"retry nil":         func(cs []run.Command) []run.Command { cs[0].Activity.RetryPolicy = nil; return cs },
		"retry attempts":    func(cs []run.Command) []run.Command { cs[0].Activity.RetryPolicy.MaximumAttempts++; return cs },
		"retry coefficient": func(cs []run.Command) []run.Command { cs[0].Activity.RetryPolicy.BackoffCoefficient++; return cs },
		"retry non-retryable nil": func(cs []run.Command) []run.Command {
			cs[0].Activity.RetryPolicy.NonRetryableErrorTypes = nil
			return cs
		},
		"retry non-retryable empty": func(cs []run.Command) []run.Command {
			cs[0].Activity.RetryPolicy.NonRetryableErrorTypes = []string{}
			return cs
		},
		"retry non-retryable type": func(cs []run.Command) []run.Command {
			cs[0].Activity.RetryPolicy.NonRetryableErrorTypes[0] = "B"
			return cs
		},
		"result":     func(cs []run.Command) []run.Command { cs[3].Result.Payloads[0].Data = []byte(`["b"]`); return cs },
		"result nil": func(cs []run.Command) []run.Command { cs[3].Result = nil; return cs },
		"failure":    func(cs []run.Command) []run.Command { cs[4].Failure.Message = "bang"; return cs },
		"summary":    func(cs []run.Command) []run.Command { cs[1].Summary = payload("s"); return cs },
		"memo":       func(cs []run.Command) []run.Command { cs[1].Memo = map[string]*converter.Payload{}; return cs },
		"priority":   func(cs []run.Command) []run.Command { cs[0].Priority = &wfsim.Priority{PriorityKey: 2}; return cs },
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			a, b := base(), change(base())
			want := reflect.DeepEqual(a, b)
			if got := sameCommands(a, b); got != want {
				t.Errorf("same = %v, reflect.DeepEqual = %v", got, want)
			}
			if got := sameCommands(b, a); got != want {
				t.Errorf("swapped: same = %v, reflect.DeepEqual = %v", got, want)
			}
		})
	}
}

// sameCommands keeps task a's commands as a run's issued commands are
// kept, and compares task b's with them.
func sameCommands(a, b []run.Command) bool {
	var kept issuedTasks
	kept.add(a)
	return kept.same(0, b)
}

// TestKeptCommandsLeaveOutVersions checks that the commands GetVersion
// issues only the first time it runs, which a rebuild does not issue, are
// left out of the comparison, on either side.
func TestKeptCommandsLeaveOutVersions(t *testing.T) {
	t.Parallel()
	marker := run.Command{Kind: run.CommandRecordMarker, Marker: &run.Marker{Name: versionMarkerName}}
	upsert := run.Command{Kind: run.CommandUpsertSearchAttributes, SearchAttributes: map[string]*converter.Payload{workflow.TemporalChangeVersion: nil}}
	timer := run.Command{Kind: run.CommandStartTimer, ID: "5", TimerDuration: time.Second}
	var kept issuedTasks
	kept.add([]run.Command{marker, upsert, timer})
	kept.add([]run.Command{timer})
	kept.add(nil)
	if kept.tasks() != 3 {
		t.Fatalf("tasks() = %d, want 3", kept.tasks())
	}
	for i, cmds := range [][]run.Command{{timer}, {marker, timer}, nil} {
		if !kept.same(i, cmds) {
			t.Errorf("task %d: %v differs from what was kept", i, cmds)
		}
	}
	if kept.same(2, []run.Command{timer}) || kept.same(0, nil) {
		t.Error("a task with a command and one without compare the same")
	}
}

// TestKeptCommandSizeClass keeps a kept command in 64 bytes, and a run's
// kept commands with room for its first four in the 320-byte size class.
func TestKeptCommandSizeClass(t *testing.T) {
	t.Parallel()
	if n := reflect.TypeFor[keptCmd]().Size(); n > 64 {
		t.Errorf("a kept command is %d bytes, over 64", n)
	}
	if n := reflect.TypeFor[issuedTasks]().Size(); n > 320 {
		t.Errorf("a run's kept commands take %d bytes, over the 320-byte size class", n)
	}
}
