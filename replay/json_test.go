package replay

import (
	"math"
	"testing"
	"time"
)

func TestDurationForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    time.Duration
		text string
	}{
		{10 * time.Second, `"10s"`},
		{100 * time.Millisecond, `"0.100s"`},
		{1500 * time.Microsecond, `"0.001500s"`},
		{time.Nanosecond, `"0.000000001s"`},
		{-1500 * time.Millisecond, `"-1.500s"`},
		{315360000 * time.Second, `"315360000s"`},
		{math.MaxInt64, `"9223372036.854775807s"`},
	}
	for _, tt := range tests {
		if got := string(appendDuration(nil, tt.d)); got != tt.text {
			t.Errorf("appendDuration(%v) = %s, want %s", tt.d, got, tt.text)
		}
		if got, ok := parseDuration(tt.text[1 : len(tt.text)-1]); !ok || got != tt.d {
			t.Errorf("parseDuration(%s) = %v, %v, want %v", tt.text, got, ok, tt.d)
		}
	}
	for _, bad := range []string{"", "s", "10", "1.s", ".5s", "1.0000000001s", "+1s", "1e3s", "1 s", "9223372037s", "1m"} {
		if d, ok := parseDuration(bad); ok {
			t.Errorf("parseDuration(%q) = %v, want an error", bad, d)
		}
	}
}

func TestTimeForm(t *testing.T) {
	t.Parallel()
	tests := []struct {
		t    time.Time
		text string
	}{
		{time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), `"2000-01-01T00:00:00Z"`},
		{time.Date(2025, 5, 1, 20, 51, 16, 770100000, time.UTC), `"2025-05-01T20:51:16.770100Z"`},
		{time.Date(2025, 5, 1, 20, 51, 16, 5e8, time.UTC), `"2025-05-01T20:51:16.500Z"`},
		{time.Date(2020, 7, 30, 0, 30, 2, 971655189, time.UTC), `"2020-07-30T00:30:02.971655189Z"`},
		{time.Date(2000, 1, 1, 2, 0, 0, 0, time.FixedZone("CEST", 7200)), `"2000-01-01T00:00:00Z"`},
	}
	for _, tt := range tests {
		if got := string(appendTime(nil, tt.t)); got != tt.text {
			t.Errorf("appendTime(%v) = %s, want %s", tt.t, got, tt.text)
		}
	}
}

// TestEnumSpellings checks that every value of every enum reads in both
// spellings and writes in the proto one.
func TestEnumSpellings(t *testing.T) {
	t.Parallel()
	enums := []*enumDesc{eventTypeEnum, taskQueueKindEnum, parentClosePolicyEnum, workflowIDReusePolicyEnum,
		continueAsNewInitiatorEnum, workflowTaskFailedCauseEnum, startChildFailedCauseEnum,
		cancelExternalFailedCauseEnum, signalExternalFailedCauseEnum, updateAdmittedOriginEnum,
		versioningBehaviorEnum, timeoutTypeEnum, retryStateEnum, applicationErrorCategoryEnum,
		suggestContinueAsNewReasonEnum}
	for _, d := range enums {
		for i, name := range d.names {
			for _, spelling := range []string{name, d.protoNames[i]} {
				if v, ok := d.value(spelling); !ok || v != int32(i) {
					t.Errorf("%s: value(%q) = %d, %v, want %d", d.typeName, spelling, v, ok, i)
				}
			}
		}
	}
	spot := []struct {
		d     *enumDesc
		v     int32
		proto string
	}{
		{eventTypeEnum, 10, "EVENT_TYPE_ACTIVITY_TASK_SCHEDULED"},
		{eventTypeEnum, 47, "EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED"},
		{taskQueueKindEnum, 1, "TASK_QUEUE_KIND_NORMAL"},
		{workflowIDReusePolicyEnum, 2, "WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY"},
		{workflowTaskFailedCauseEnum, 12, "WORKFLOW_TASK_FAILED_CAUSE_START_TIMER_DUPLICATE_ID"},
		{workflowTaskFailedCauseEnum, 20, "WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW"},
		{retryStateEnum, 4, "RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED"},
		{timeoutTypeEnum, 1, "TIMEOUT_TYPE_START_TO_CLOSE"},
	}
	for _, tt := range spot {
		if got := tt.d.protoName(tt.v); got != tt.proto {
			t.Errorf("%s.protoName(%d) = %q, want %q", tt.d.typeName, tt.v, got, tt.proto)
		}
	}
	if got := TaskQueueKind(9).String(); got != "TaskQueueKind(9)" {
		t.Errorf("TaskQueueKind(9).String() = %q", got)
	}
	if got := ParentClosePolicyAbandon.String(); got != "Abandon" {
		t.Errorf("ParentClosePolicyAbandon.String() = %q", got)
	}
}
