package workflow

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

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
			b.add(&command{kind: run.CommandStartTimer, ID: "5", n: int64(time.Second)})
			b.add(&command{kind: run.CommandCancelTimer, ID: "5"})
			first := b.take(nil, nil, tt.reuse)
			assert.Len(t, first, 2)
			assert.Equal(t, 2, cap(first), "appending to a task's commands must copy them")
			b.add(&command{kind: run.CommandStartTimer, ID: "9", n: int64(time.Minute)})
			second := b.take(nil, nil, tt.reuse)
			assert.Equal(t, []run.Command{{Kind: run.CommandStartTimer, ID: "9", TimerDuration: time.Minute}}, second)
			assert.Equal(t, tt.wantFirst, first)
		})
	}
}
