package workflow

import (
	"strconv"
	"strings"
)

// idText writes a run's command IDs (the decimal event IDs Temporal's SDK
// names timers, activities and other commands by) one after another into a
// shared buffer, so that a timer or an activity costs no allocation of its
// own for its ID. An ID's string points into the buffer; the buffer is
// append-only and is replaced, never reused, when full, so every string
// handed out stays valid and unchanged.
type idText struct {
	b strings.Builder
}

// idTextChunk is the room each new buffer has: IDs of a few digits each,
// a few dozen per buffer.
const idTextChunk = 256

// nextIDText returns the ID the run's next command gets (the event ID
// the book predicts for it) as its decimal text. The text of IDs under 100
// is static; longer runs keep theirs in the run's extras, which most runs
// never allocate.
func (s *runState) nextIDText() string {
	n := s.book.nextID()
	if n >= 0 && n < 100 {
		return strconv.FormatInt(n, 10) // a static string: no allocation
	}
	return s.extrasForWrite().ids.format(n)
}

// format returns the decimal text of n.
func (t *idText) format(n int64) string {
	var digits [20]byte
	var d []byte
	if n < 0 {
		d = strconv.AppendInt(digits[:0], n, 10)
	} else {
		// The digits from the last, by hand: for the few digits of an
		// event ID, half the instructions of strconv's general path.
		i := len(digits)
		for ; n >= 10; n /= 10 {
			i--
			digits[i] = byte('0' + n%10)
		}
		i--
		digits[i] = byte('0' + n)
		d = digits[i:]
	}
	if t.b.Cap()-t.b.Len() < len(d) {
		t.b = strings.Builder{}
		t.b.Grow(idTextChunk)
	}
	start := t.b.Len()
	t.b.Write(d)
	return t.b.String()[start:]
}
