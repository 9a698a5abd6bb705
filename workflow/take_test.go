package workflow

import (
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"pgregory.net/rapid"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// TestTakeReusesOnlyWhenAllowed: without reuse every task's commands are
// the caller's to keep; with it, a task's commands take the memory of the
// last reused ones, zeroed first.
func TestTakeReusesOnlyWhenAllowed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		reuse     bool
		wantFirst []run.Command // the first task's commands after the second take
	}{
		{"kept", false, []run.Command{
			{Kind: run.CommandStartTimer, ID: "5", TimerDuration: time.Second},
			{Kind: run.CommandCancelTimer, ID: "5"},
		}},
		{"reused", true, []run.Command{
			{Kind: run.CommandStartTimer, ID: "9", TimerDuration: time.Minute},
			{},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var b commandBook
			b.add(&command{k: uint8(run.CommandStartTimer), ID: "5", n: int64(time.Second)})
			b.add(&command{k: uint8(run.CommandCancelTimer), ID: "5"})
			first := b.take(nil, nil, tt.reuse)
			assert.Len(t, first, 2)
			assert.Equal(t, 2, cap(first), "appending to a task's commands must copy them")
			b.add(&command{k: uint8(run.CommandStartTimer), ID: "9", n: int64(time.Minute)})
			second := b.take(nil, nil, tt.reuse)
			assert.Equal(t, []run.Command{{Kind: run.CommandStartTimer, ID: "9", TimerDuration: time.Minute}}, second)
			assert.Equal(t, tt.wantFirst, first)
		})
	}
}

// TestZeroCommandClearsEveryField: zeroCommand must know every field of
// run.Command, or a reused task's commands would keep an earlier one's.
func TestZeroCommandClearsEveryField(t *testing.T) {
	t.Parallel()
	var c run.Command
	v := reflect.ValueOf(&c).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.Pointer:
			f.Set(reflect.New(f.Type().Elem()))
		case reflect.Map:
			f.Set(reflect.MakeMap(f.Type()))
		case reflect.String:
			f.SetString("x")
		case reflect.Int, reflect.Int64:
			f.SetInt(1)
		default:
			t.Fatalf("run.Command.%s: a %v field zeroCommand does not know", v.Type().Field(i).Name, f.Kind())
		}
	}
	zeroCommand(&c)
	for i := range v.NumField() {
		if !v.Field(i).IsZero() {
			t.Errorf("zeroCommand left run.Command.%s set", v.Type().Field(i).Name)
		}
	}
}

// TestTakeReusedEqualsFresh: whatever the earlier tasks left in the reused
// memory, a task's commands equal those of a book that never reuses.
func TestTakeReusedEqualsFresh(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		var reusing, fresh commandBook
		id := 0
		for range rapid.IntRange(1, 12).Draw(t, "tasks") {
			for range rapid.IntRange(0, 5).Draw(t, "commands") {
				id++
				ids := strconv.Itoa(id)
				kind := rapid.IntRange(0, 2).Draw(t, "kind")
				for _, b := range []*commandBook{&reusing, &fresh} {
					switch kind {
					case 0:
						b.add(&command{k: uint8(run.CommandStartTimer), ID: ids, n: int64(id), summary: &converter.Payload{}})
					case 1:
						b.add(&command{k: uint8(run.CommandCancelTimer), ID: ids})
					default:
						b.add(newCommand(run.Command{Kind: run.CommandRecordMarker, ID: ids, Marker: &run.Marker{Name: ids}}))
					}
				}
			}
			var last *run.Command
			if rapid.Bool().Draw(t, "last") {
				last = &run.Command{Kind: run.CommandCompleteWorkflow, Result: &converter.Payloads{}}
			}
			got, want := reusing.take(nil, last, true), fresh.take(nil, last, false)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("reused %+v, fresh %+v", got, want)
			}
		}
	})
}
