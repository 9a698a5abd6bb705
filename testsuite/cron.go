package testsuite

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// cronSchedule is a parsed cron schedule, as the Temporal server reads
// one (robfig/cron's standard parser): five fields — minute, hour, day of
// month, month, day of week — or a descriptor (@yearly, @annually,
// @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>), with an
// optional "CRON_TZ=<zone> " or "TZ=<zone> " prefix. Times are UTC unless
// the prefix names a zone.
type cronSchedule struct {
	minute, hour, dom, month, dow uint64
	// domStar and dowStar record a "*" or "?" day field: a day matches
	// both day fields when either is a star, and either when neither is.
	domStar, dowStar bool
	// every is the delay of "@every <duration>"; 0 for a field schedule.
	every time.Duration
	loc   *time.Location
}

// cronField is the range of values of one field, and the names it accepts.
type cronField struct {
	name     string
	min, max int
	names    map[string]int
}

var (
	cronMinute = cronField{name: "minute", min: 0, max: 59}
	cronHour   = cronField{name: "hour", min: 0, max: 23}
	cronDom    = cronField{name: "day of month", min: 1, max: 31}
	cronMonth  = cronField{name: "month", min: 1, max: 12, names: map[string]int{
		"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}}
	cronDow = cronField{name: "day of week", min: 0, max: 6, names: map[string]int{
		"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}}
)

var cronDescriptors = map[string]string{
	"@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
	"@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
}

// parseCron parses spec; the error says what is wrong with it.
func parseCron(spec string) (*cronSchedule, error) {
	s := &cronSchedule{loc: time.UTC}
	spec = strings.TrimSpace(spec)
	if strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ=") {
		zone, rest, _ := strings.Cut(spec[strings.Index(spec, "=")+1:], " ")
		loc, err := time.LoadLocation(zone)
		if err != nil {
			return nil, fmt.Errorf("provided bad location %s: %w", zone, err)
		}
		s.loc, spec = loc, strings.TrimSpace(rest)
	}
	if strings.HasPrefix(spec, "@every ") {
		d, err := time.ParseDuration(strings.TrimSpace(spec[len("@every "):]))
		if err != nil {
			return nil, fmt.Errorf("failed to parse duration %s: %w", spec, err)
		}
		// At least a second, in whole seconds, as robfig/cron's Every.
		s.every = max(d.Truncate(time.Second), time.Second)
		return s, nil
	}
	if strings.HasPrefix(spec, "@") {
		d, ok := cronDescriptors[spec]
		if !ok {
			return nil, fmt.Errorf("unrecognized descriptor: %s", spec)
		}
		spec = d
	}
	fields := strings.Fields(spec)
	if len(fields) != 5 {
		return nil, fmt.Errorf("expected exactly 5 fields, found %d: %s", len(fields), spec)
	}
	var err error
	for i, f := range []struct {
		field cronField
		bits  *uint64
		star  *bool
	}{{cronMinute, &s.minute, nil}, {cronHour, &s.hour, nil}, {cronDom, &s.dom, &s.domStar}, {cronMonth, &s.month, nil}, {cronDow, &s.dow, &s.dowStar}} {
		var star bool
		if *f.bits, star, err = f.field.parse(fields[i]); err != nil {
			return nil, err
		}
		if f.star != nil {
			*f.star = star
		}
	}
	return s, nil
}

// parse reads one field: comma-separated terms, each "*", "?", a value or
// a range, optionally "/step". star reports a "*" or "?" term not stepped
// over.
func (f cronField) parse(expr string) (bits uint64, star bool, err error) {
	for _, term := range strings.Split(expr, ",") {
		rng, stepText, hasStep := strings.Cut(term, "/")
		lo, hi := f.min, f.max
		step := 1
		if hasStep {
			if step, err = strconv.Atoi(stepText); err != nil || step <= 0 {
				return 0, false, fmt.Errorf("bad step in %s field: %s", f.name, term)
			}
		}
		switch {
		case rng == "*" || rng == "?":
			// A star, unless stepped over, as robfig/cron marks it.
			star = star || step == 1
		default:
			a, b, isRange := strings.Cut(rng, "-")
			if lo, err = f.value(a); err != nil {
				return 0, false, err
			}
			hi = lo
			if isRange {
				if hi, err = f.value(b); err != nil {
					return 0, false, err
				}
			} else if hasStep {
				hi = f.max // "a/n" is "a-max/n"
			}
		}
		if lo < f.min || hi > f.max || lo > hi {
			return 0, false, fmt.Errorf("%s field out of range (%d-%d): %s", f.name, f.min, f.max, term)
		}
		for v := lo; v <= hi; v += step {
			bits |= 1 << uint(v)
		}
	}
	return bits, star, nil
}

func (f cronField) value(text string) (int, error) {
	if v, ok := f.names[strings.ToLower(text)]; ok {
		return v, nil
	}
	v, err := strconv.Atoi(text)
	if err != nil {
		return 0, fmt.Errorf("failed to parse %s field: %s", f.name, text)
	}
	return v, nil
}

// next returns the first time after t that the schedule fires, or the zero
// time if none comes within five years.
func (s *cronSchedule) next(t time.Time) time.Time {
	if s.every > 0 {
		return t.Add(s.every - time.Duration(t.Nanosecond()))
	}
	t = t.In(s.loc)
	// The first whole minute after t.
	t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, s.loc).Add(time.Minute)
	limit := t.AddDate(5, 0, 0)
	for t.Before(limit) {
		switch {
		case s.month&(1<<uint(t.Month())) == 0:
			t = time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, s.loc)
		case !s.dayMatches(t):
			t = time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, s.loc)
		case s.hour&(1<<uint(t.Hour())) == 0:
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), 0, 0, 0, s.loc).Add(time.Hour)
		case s.minute&(1<<uint(t.Minute())) == 0:
			t = t.Add(time.Minute)
		default:
			return t.UTC()
		}
	}
	return time.Time{}
}

func (s *cronSchedule) dayMatches(t time.Time) bool {
	dom := s.dom&(1<<uint(t.Day())) != 0
	dow := s.dow&(1<<uint(t.Weekday())) != 0
	if s.domStar || s.dowStar {
		return dom && dow
	}
	return dom || dow
}

// cronBackoff is how long after now the next run of a cron chain starts,
// as the Temporal server computes it: the first fire time after the
// current run's execution time that is not before now, in whole seconds
// rounded up. ok is false when the schedule never fires again.
func (s *cronSchedule) cronBackoff(executionTime, now time.Time) (d time.Duration, ok bool) {
	next := executionTime
	if !now.Before(executionTime) {
		next = s.next(executionTime)
		for !next.IsZero() && next.Before(now) {
			next = s.next(next)
		}
	}
	if next.IsZero() {
		return 0, false
	}
	d = next.Sub(now)
	if r := d % time.Second; r > 0 {
		d += time.Second - r
	}
	return d, true
}
