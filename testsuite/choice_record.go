package testsuite

import (
	"encoding/binary"
	"math"
	"slices"
	"time"
)

// choiceLog is the list of an explored run's choices, each encoded in a
// few bytes (see add; 8 on average in a saga under faults): a faulty run
// makes a dozen choices or a few dozen, which then take a hundred bytes or
// two, where a Choice takes 136 and a fixed-size record took 40. Only a failing test's report and
// Choices read them back, in order (all).
//
// A choice's time is kept as the time since base, the time of the first
// choice (all are the virtual clock's, in one location), as a difference
// from the previous choice's; the rare time that would not come back the
// same from that (beyond a Duration's range) is kept in odd. Its workflow
// ID and activity type or signal name are kept as their number in the
// log's names (a run's choices name a few workflows and activities, each
// many times).
type choiceLog struct {
	buf  []byte // the records
	n    int
	base time.Time
	last time.Duration     // the since of the last record with one
	odd  map[int]time.Time // by index in the log
	// names are the strings the records name but "", the first few in
	// the log's own memory: a run's workflow ID and a few activity types
	// (with three, the exploration that holds the log fits the 256-byte
	// size class).
	names      []string
	firstNames [3]string
}

// choiceLogRoom is the room the log makes for its records at its first: a
// saga's dozen to two dozen choices under faults take 64 to 192 bytes in
// nine runs in ten. (In
// the exploration's allocation it would cost the runs that make no choice
// as much.)
const choiceLogRoom = 192

// add appends c to the log. A record is two bytes, the kind shifted left
// by one, or 1 if the choice happened, and a mask of the fields that are
// not zero, followed by those fields as unsigned varints, in order: the
// time since the previous record's (zigzag, wrapping: it gives the exact
// since back; 0 for a time kept in odd), a, b and the attempt (zigzag, see
// pack), the number of the workflow ID and of the name (nameIndex). Most
// choices leave a few of them zero: a tie is mostly four bytes, a fault
// drawn six, a latency eleven.
func (l *choiceLog) add(c *Choice) {
	if l.n == 0 {
		l.base = c.Time
		l.buf = make([]byte, 0, choiceLogRoom)
	}
	r := pack(c)
	name := c.ActivityType
	if c.Kind == ChoiceSignalJitter {
		name = c.SignalName
	}
	var delta time.Duration
	if since, ok := l.since(c.Time); ok {
		delta = since - l.last // wraps; all adds it back
		l.last = since
	} else {
		if l.odd == nil {
			l.odd = make(map[int]time.Time)
		}
		l.odd[l.n] = c.Time
	}
	// Encoded on the stack and appended at once: an append per field,
	// each checking the slice's room, costs more than the encoding.
	var rec choiceRec
	rec[0] = r.kind << 1
	if r.happened {
		rec[0] |= 1
	}
	n := 2
	n = rec.put(n, 0, zigzag(int64(delta)))
	n = rec.put(n, 1, zigzag(r.a))
	n = rec.put(n, 2, zigzag(r.b))
	n = rec.put(n, 3, zigzag(int64(r.attempt)))
	n = rec.put(n, 4, uint64(l.nameIndex(c.WorkflowID)))
	n = rec.put(n, 5, uint64(l.nameIndex(name)))
	l.buf = append(l.buf, rec[:n]...)
	l.n++
}

// choiceFields is how many fields a record may have after its two bytes.
const choiceFields = 6

// choiceRec is room for a record.
type choiceRec [2 + choiceFields*binary.MaxVarintLen64]byte

// put writes field i, v, at rec[n:] unless it is zero, marks it in the
// record's mask, and returns where the record goes on.
func (rec *choiceRec) put(n int, i uint, v uint64) int {
	if v == 0 {
		return n
	}
	rec[1] |= 1 << i
	for ; v >= 0x80; v >>= 7 {
		rec[n] = byte(v) | 0x80
		n++
	}
	rec[n] = byte(v)
	return n + 1
}

// zigzag maps v to an unsigned value as binary.AppendVarint does, small
// for small negative values too (unzigzag gives it back).
func zigzag(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

// since returns t as the time since the log's base, and whether base plus
// that gives t back exactly: t has the base's location and no monotonic
// reading (the clock's times have none), and is within a Duration of it.
// (Time.Sub, which checks for overflow by adding back, costs more.)
func (l *choiceLog) since(t time.Time) (time.Duration, bool) {
	const maxSeconds = int64(math.MaxInt64/time.Second) - 1
	ds := t.Unix() - l.base.Unix()
	if ds < -maxSeconds || ds > maxSeconds || t.Location() != l.base.Location() || t.Round(0) != t {
		return 0, false
	}
	return time.Duration(ds)*time.Second + time.Duration(t.Nanosecond()-l.base.Nanosecond()), true
}

// nameIndex returns the number of s in the log, adding it to the log's
// names if it is not there yet: 0 for "" (a tie's workflow ID and name),
// one more than its index in names for any other (see name).
func (l *choiceLog) nameIndex(s string) uint32 {
	if s == "" {
		return 0
	}
	if i := slices.Index(l.names, s); i >= 0 {
		return uint32(i) + 1
	}
	if l.names == nil {
		l.names = l.firstNames[:0]
	}
	l.names = append(l.names, s)
	return uint32(len(l.names))
}

// name returns the string numbered i (nameIndex).
func (l *choiceLog) name(i uint64) string {
	if i == 0 {
		return ""
	}
	return l.names[i-1]
}

// all returns the choices in order, in a new slice; nil when there are
// none.
func (l *choiceLog) all() []Choice {
	if l.n == 0 {
		return nil
	}
	out := make([]Choice, 0, l.n)
	b := l.buf
	var since time.Duration
	for len(out) < l.n {
		head, mask := b[0], b[1]
		b = b[2:]
		var fields [choiceFields]uint64
		for i := range fields {
			if mask&(1<<i) != 0 {
				// The log wrote what it reads: a bad varint cannot come.
				v, k := binary.Uvarint(b)
				fields[i], b = v, b[k:]
			}
		}
		since += time.Duration(unzigzag(fields[0]))
		r := choiceRecord{kind: head >> 1, happened: head&1 == 1,
			a: unzigzag(fields[1]), b: unzigzag(fields[2]), attempt: int32(unzigzag(fields[3]))}
		c := r.unpack(l.name(fields[4]), l.name(fields[5]))
		c.Time = l.base.Add(since)
		if t, ok := l.odd[len(out)]; ok {
			c.Time = t
		}
		out = append(out, c)
	}
	return out
}

// choiceRecord is what the log keeps of a Choice but for its time and
// strings: fields that no kind of choice sets together share a slot. a is
// the Among of a tie or task order, the Delay of a callback jitter and the
// ScheduledEventID otherwise; b is the Picked of a tie or task order and
// the Duration otherwise. (The choices the simulator records set no other
// combination: see the record calls.) The name the log keeps is the
// SignalName of a signal jitter and the ActivityType otherwise.
type choiceRecord struct {
	a, b     int64
	attempt  int32
	kind     uint8 // a ChoiceKind: they are small
	happened bool
}

// pack returns c's record.
func pack(c *Choice) choiceRecord {
	r := choiceRecord{a: c.ScheduledEventID, b: int64(c.Duration), attempt: c.Attempt, kind: uint8(c.Kind), happened: c.Happened}
	switch c.Kind {
	case ChoiceTie, ChoiceTaskOrder:
		r.a, r.b = int64(c.Among), int64(c.Picked)
	case ChoiceCallbackJitter:
		r.a = int64(c.Delay)
	}
	return r
}

// unpack returns the choice r keeps, given its workflow ID and name, but
// for its time (choiceLog.all).
func (r *choiceRecord) unpack(workflowID, name string) Choice {
	c := Choice{Kind: ChoiceKind(r.kind), WorkflowID: workflowID, Attempt: r.attempt, Happened: r.happened}
	switch c.Kind {
	case ChoiceTie, ChoiceTaskOrder:
		c.Among, c.Picked = int(r.a), int(r.b)
	case ChoiceCallbackJitter:
		c.Delay, c.Duration = time.Duration(r.a), time.Duration(r.b)
	case ChoiceSignalJitter:
		c.SignalName, c.Duration = name, time.Duration(r.b)
	default:
		c.ActivityType, c.ScheduledEventID, c.Duration = name, r.a, time.Duration(r.b)
	}
	return c
}
