package replay

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/wfsim/wfsim/internal/run"
)

// TestResetRunEventClearsEveryField fills every field of a run.Event, then
// checks that resetRunEvent leaves the zero value: a field added to
// run.Event that resetRunEvent does not clear fails here (or, of a kind
// the test does not fill, fails the fill).
func TestResetRunEventClearsEveryField(t *testing.T) {
	t.Parallel()
	var r run.Event
	v := reflect.ValueOf(&r).Elem()
	for i := range v.NumField() {
		f, name := v.Field(i), v.Type().Field(i).Name
		switch {
		case f.Type() == reflect.TypeFor[time.Time]():
			f.Set(reflect.ValueOf(time.Unix(1, 2).In(time.FixedZone("X", 3600))))
		case f.Kind() == reflect.String:
			f.SetString("x")
		case f.CanInt():
			f.SetInt(7)
		case f.CanUint():
			f.SetUint(7)
		case f.Kind() == reflect.Bool:
			f.SetBool(true)
		case f.Kind() == reflect.Slice:
			f.Set(reflect.MakeSlice(f.Type(), 1, 1))
		case f.Kind() == reflect.Map:
			f.Set(reflect.MakeMap(f.Type()))
		case f.Kind() == reflect.Pointer:
			f.Set(reflect.New(f.Type().Elem()))
		default:
			t.Fatalf("run.Event.%s is a %v: teach this test (and resetRunEvent) about it", name, f.Type())
		}
		if f.IsZero() {
			t.Fatalf("run.Event.%s is still zero after filling it", name)
		}
	}
	resetRunEvent(&r)
	for i := range v.NumField() {
		if f := v.Field(i); !f.IsZero() {
			t.Errorf("resetRunEvent left run.Event.%s = %v", v.Type().Field(i).Name, f)
		}
	}
}

// TestFillRunEventReusedEqualsFresh translates every event of the
// recorded histories into one reused event, as the simulator does, and
// into a fresh one each: the same values (fillRunEvent leaves no field of
// an earlier event behind).
func TestFillRunEventReusedEqualsFresh(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/*.json")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	var buf run.Event
	for _, file := range files {
		h, err := ReadHistoryFile(file)
		if err != nil {
			continue // not a Temporal history (another test's input)
		}
		for _, e := range h.Events {
			var fresh run.Event
			fillRunEvent(&fresh, e)
			fillRunEvent(&buf, e)
			if !reflect.DeepEqual(buf, fresh) {
				t.Fatalf("%s event %d: reused %+v, fresh %+v", file, e.EventID, buf, fresh)
			}
		}
	}
}
