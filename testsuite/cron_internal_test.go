package testsuite

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCronNext(t *testing.T) {
	t.Parallel()
	at := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04:05", s)
		require.NoError(t, err)
		return v
	}
	tests := []struct {
		name, spec, from string
		want             []string // the next fire times, in turn
	}{
		{name: "hourly", spec: "0 * * * *", from: "2018-08-22 16:30:00", want: []string{"2018-08-22 17:00:00", "2018-08-22 18:00:00"}},
		{name: "on the minute is after", spec: "0 * * * *", from: "2018-08-22 17:00:00", want: []string{"2018-08-22 18:00:00"}},
		{name: "every 15 minutes", spec: "*/15 * * * *", from: "2024-01-01 00:07:30", want: []string{"2024-01-01 00:15:00", "2024-01-01 00:30:00"}},
		{name: "ranges and lists", spec: "5,10-12 9 * * *", from: "2024-01-01 09:11:00", want: []string{"2024-01-01 09:12:00", "2024-01-02 09:05:00"}},
		{name: "weekdays by name", spec: "30 8 * * MON-FRI", from: "2024-01-05 09:00:00", want: []string{"2024-01-08 08:30:00"}}, // Fri -> Mon
		{name: "month by name", spec: "0 0 1 jun *", from: "2024-01-01 00:00:00", want: []string{"2024-06-01 00:00:00", "2025-06-01 00:00:00"}},
		{name: "day of month or week", spec: "0 0 13 * 5", from: "2024-09-01 00:00:00", want: []string{"2024-09-06 00:00:00", "2024-09-13 00:00:00", "2024-09-20 00:00:00"}},
		{name: "leap day", spec: "0 0 29 2 *", from: "2024-03-01 00:00:00", want: []string{"2028-02-29 00:00:00"}},
		{name: "daily", spec: "@daily", from: "2024-01-01 23:59:59", want: []string{"2024-01-02 00:00:00"}},
		{name: "every", spec: "@every 90m", from: "2024-01-01 10:00:00", want: []string{"2024-01-01 11:30:00"}},
		{name: "step from a value", spec: "50/5 * * * *", from: "2024-01-01 10:52:00", want: []string{"2024-01-01 10:55:00", "2024-01-01 11:50:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := parseCron(tt.spec)
			require.NoError(t, err)
			next := at(tt.from)
			for _, w := range tt.want {
				next = s.next(next)
				assert.Equal(t, at(w), next)
			}
		})
	}
}

func TestCronNeverFires(t *testing.T) {
	t.Parallel()
	s, err := parseCron("0 0 30 2 *") // February 30th
	require.NoError(t, err)
	assert.True(t, s.next(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero())
	_, ok := s.cronBackoff(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	assert.False(t, ok)
}

func TestCronBadSpecs(t *testing.T) {
	t.Parallel()
	for _, spec := range []string{"", "* * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 7", "*/0 * * * *", "5-1 * * * *", "@sometimes", "@every soon", "x * * * *", "CRON_TZ=Nowhere/Else * * * * *"} {
		_, err := parseCron(spec)
		assert.Error(t, err, "%q", spec)
	}
}

func TestCronBackoff(t *testing.T) {
	t.Parallel()
	s, err := parseCron("0 * * * *")
	require.NoError(t, err)
	base := time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name           string
		execution, now time.Time
		want           time.Duration
	}{
		{name: "first run", execution: base.Add(20 * time.Minute), now: base.Add(20 * time.Minute), want: 40 * time.Minute},
		{name: "run ended within its hour", execution: base, now: base.Add(10 * time.Minute), want: 50 * time.Minute},
		{name: "run overran fire times", execution: base, now: base.Add(150 * time.Minute), want: 30 * time.Minute},
		{name: "rounded up to seconds", execution: base, now: base.Add(10*time.Minute + 500*time.Millisecond), want: 50 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := s.cronBackoff(tt.execution, tt.now)
			require.True(t, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}
